/**
 * Waiting for the audit sealer in tests. A row is sealed only once every older transaction in
 * the database has ended (see docs/decisions/0003), so on a PostgreSQL server shared by test
 * files running in parallel one sealing run may leave a tenant's newest rows for the next run.
 */
import type { Database } from '../../src/db/database.js';
import { sealAuditEvents } from '../../src/platform/audit/chain.js';

/** Seals until every audit row of `tenantId` written so far is in its chain (or times out). */
export async function sealTenant(db: Database, tenantId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    while ((await sealAuditEvents(db)) > 0);
    const { rows } = await db.unsafeOwnerQuery<{ count: number }>(
      'select count(*)::int as count from audit_events e where e.tenant_id = $1 and not exists (select 1 from audit_chain c where c.event_id = e.id)',
      [tenantId],
    );
    if (rows[0].count === 0) return;
    if (Date.now() > deadline) throw new Error(`sealTenant: ${rows[0].count} audit rows of ${tenantId} still unsealed after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
