/**
 * Deletes conversations whose last activity is older than the tenant's retention period
 * (each conversation carries its own `expires_at`, moved on by every message). Messages go
 * with them (on delete cascade). One audit row per tenant and run, by the system.
 */
import type { Database } from '../../db/database.js';
import { recordAudit } from '../../platform/audit/events.js';

export interface PurgeResult {
  tenants: number;
  conversations: number;
}

/**
 * Deletes every conversation that expired at or before `now`, tenant by tenant (only in
 * `options.tenantIds` when given: tests share one database and must not purge each other's).
 */
export async function purgeExpiredConversations(db: Database, now: Date = new Date(), options: { tenantIds?: string[] } = {}): Promise<PurgeResult> {
  // Which tenants have expired rows is not itself personal data; the owner may look across.
  const { rows: tenants } = await db.unsafeOwnerQuery<{ tenant_id: string }>(
    'select distinct tenant_id::text from citizen_conversations where expires_at <= $1 and ($2::uuid[] is null or tenant_id = any($2))',
    [now, options.tenantIds ?? null],
  );
  let conversations = 0;
  for (const { tenant_id: tenantId } of tenants) {
    conversations += await db.withContext({ tenantId, userId: null }, async (tx) => {
      const { rowCount } = await tx.query('delete from citizen_conversations where expires_at <= $1', [now]);
      if (rowCount > 0) {
        await recordAudit(tx, {
          tenantId, actorKind: 'system', action: 'citizen.conversation.purge', entityType: 'citizen_conversation', details: { count: rowCount },
        });
      }
      return rowCount;
    });
  }
  return { tenants: tenants.length, conversations };
}
