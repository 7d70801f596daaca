/**
 * The audit event vocabulary. WARNING: rows written with these names are evidence; never
 * rename an action that has been used in production, add a new one instead.
 *
 * `details` must never hold personal data (names, CPR numbers, message text): it is for
 * identifiers, counts and reasons. The person whose data was touched goes in `personId`.
 */
import type { Tx } from '../../db/database.js';

export type AuditOutcome = 'ok' | 'denied' | 'failed';
export type ActorKind = 'user' | 'api_token' | 'system' | 'anonymous';

export interface AuditEvent {
  tenantId: string;
  actorKind: ActorKind;
  actorUserId?: string | null;
  /** Dotted verb, e.g. `auth.login`, `case.read`, `admin.user.create`. */
  action: string;
  outcome?: AuditOutcome;
  entityType?: string | null;
  entityId?: string | null;
  /** The data subject (a person in a case) whose data was read or written. */
  personId?: string | null;
  /** Why the data was looked at, in the words a data subject may later read. */
  purpose?: string | null;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

/** Writes one audit row in the caller's transaction (so it commits or rolls back with the work). */
export async function recordAudit(tx: Tx, event: AuditEvent): Promise<void> {
  await tx.query(
    `insert into audit_events (tenant_id, actor_kind, actor_user_id, action, outcome, entity_type, entity_id, person_id, purpose, details, request_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      event.tenantId,
      event.actorKind,
      event.actorUserId ?? null,
      event.action,
      event.outcome ?? 'ok',
      event.entityType ?? null,
      event.entityId ?? null,
      event.personId ?? null,
      event.purpose ?? null,
      JSON.stringify(event.details ?? {}),
      event.requestId ?? null,
    ],
  );
}

/**
 * Several audit rows (the request scope's buffered rows) in one insert. Enqueued: it travels with the transaction's next statement (the
 * commit, for a request), and the transaction fails if it fails.
 */
export function recordAuditBatch(tx: Tx, events: AuditEvent[]): void {
  if (events.length === 0) return;
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], [], [], []];
  for (const event of events) {
    const values = [
      event.tenantId, event.actorKind, event.actorUserId ?? null, event.action, event.outcome ?? 'ok',
      event.entityType ?? null, event.entityId ?? null, event.personId ?? null, event.purpose ?? null,
      JSON.stringify(event.details ?? {}), event.requestId ?? null,
    ];
    values.forEach((value, index) => columns[index].push(value));
  }
  tx.enqueue(
    `insert into audit_events (tenant_id, actor_kind, actor_user_id, action, outcome, entity_type, entity_id, person_id, purpose, details, request_id)
     select * from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::jsonb[], $11::text[])`,
    columns,
  );
}
