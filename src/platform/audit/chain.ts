/**
 * The audit log's hash chain: sealing committed rows into per-tenant chains, and verifying.
 *
 * hash(n) = SHA-256(hash(n-1) || canonical(event n)), with the genesis previous hash being
 * 64 zeros. The canonical form is built by PostgreSQL (text casts with fixed formats and
 * jsonb's normalised text) so that it does not depend on the driver's value parsing.
 */
import { createHash } from 'node:crypto';
import type { Database, Tx } from '../../db/database.js';

export const GENESIS_HASH = '0'.repeat(64);
const SEALER_LOCK = 7_335_002;

const CANONICAL_COLUMNS = `
  e.id::text as id,
  e.tenant_id::text as tenant_id,
  to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
  e.actor_kind, coalesce(e.actor_user_id::text, '') as actor_user_id, e.action, e.outcome,
  coalesce(e.entity_type, '') as entity_type, coalesce(e.entity_id, '') as entity_id,
  coalesce(e.person_id::text, '') as person_id, coalesce(e.purpose, '') as purpose,
  e.details::text as details, coalesce(e.request_id, '') as request_id`;

type CanonicalRow = Record<
  | 'id' | 'tenant_id' | 'occurred_at' | 'actor_kind' | 'actor_user_id' | 'action' | 'outcome'
  | 'entity_type' | 'entity_id' | 'person_id' | 'purpose' | 'details' | 'request_id',
  string
>;

function canonical(row: CanonicalRow): string {
  return JSON.stringify([
    row.id, row.tenant_id, row.occurred_at, row.actor_kind, row.actor_user_id, row.action, row.outcome,
    row.entity_type, row.entity_id, row.person_id, row.purpose, row.details, row.request_id,
  ]);
}

export function chainHash(previousHash: string, row: CanonicalRow): string {
  return createHash('sha256').update(previousHash).update(canonical(row)).digest('hex');
}

/**
 * Appends every audit row whose transaction has ended to its tenant's chain. Only one sealer
 * works at a time (advisory lock); a second caller returns 0 at once. Returns rows sealed.
 */
export async function sealAuditEvents(db: Database, batchLimit = 20_000): Promise<number> {
  return db.unsafeOwnerTransaction(async (tx) => {
    const lock = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [SEALER_LOCK]);
    if (!lock.rows[0].locked) return 0;
    const state = await tx.query<{ last_xmin: string; horizon: string }>(
      'select last_xmin::text, pg_snapshot_xmin(pg_current_snapshot())::text as horizon from audit_sealer_state where id = 1',
    );
    const { last_xmin: lastXmin, horizon } = state.rows[0];
    const pending = await tx.query<CanonicalRow>(
      `select ${CANONICAL_COLUMNS}
         from audit_events e
        where e.txid >= $1::xid8 and e.txid < $2::xid8
          and not exists (select 1 from audit_chain c where c.event_id = e.id)
        order by e.id
        limit $3`,
      [lastXmin, horizon, batchLimit],
    );
    if (pending.rows.length > 0) await appendToChains(tx, pending.rows);
    // Advance only when the whole window was taken; otherwise the next run continues it.
    if (pending.rows.length < batchLimit) {
      await tx.query('update audit_sealer_state set last_xmin = $1::xid8 where id = 1', [horizon]);
    }
    return pending.rows.length;
  });
}

async function appendToChains(tx: Tx, rows: CanonicalRow[]): Promise<void> {
  const tenants = [...new Set(rows.map((row) => row.tenant_id))];
  // Each tenant's last link through the primary key, read backwards: one index probe per
  // tenant, whatever the chain's length (a `distinct on` over the chain read all of it).
  const heads = await tx.query<{ tenant_id: string; seq: number; hash: string }>(
    `select t.id::text as tenant_id, last.seq, last.hash
       from unnest($1::uuid[]) as t(id)
       cross join lateral (select seq, hash from audit_chain where tenant_id = t.id order by seq desc limit 1) as last`,
    [tenants],
  );
  const head = new Map(heads.rows.map((row) => [row.tenant_id, { seq: Number(row.seq), hash: row.hash }]));
  const values: unknown[][] = [];
  for (const row of rows) {
    const previous = head.get(row.tenant_id) ?? { seq: 0, hash: GENESIS_HASH };
    const next = { seq: previous.seq + 1, hash: chainHash(previous.hash, row) };
    values.push([row.tenant_id, next.seq, row.id, previous.hash, next.hash]);
    head.set(row.tenant_id, next);
  }
  for (let start = 0; start < values.length; start += 1000) {
    const chunk = values.slice(start, start + 1000);
    await tx.query(
      `insert into audit_chain (tenant_id, seq, event_id, prev_hash, hash)
       select * from unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[], $5::text[])`,
      [0, 1, 2, 3, 4].map((column) => chunk.map((value) => value[column])),
    );
  }
}

export interface ChainBreak {
  tenantId: string;
  tenantSlug: string;
  seq: number | null;
  eventId: string | null;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'missing_event' | 'sequence_gap' | 'unsealed_event' | 'anchor_missing' | 'anchor_mismatch';
}

/** The last link of a tenant's chain: kept outside the database, it shows later whether rows were cut off the end. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  tenants: number;
  eventsVerified: number;
  firstBreak: ChainBreak | null;
  /** Each verified tenant's head, by slug. */
  heads: Record<string, ChainHead>;
}

/**
 * Walks every tenant's chain (or one tenant's) and recomputes each hash from the stored event.
 * Read-only. A chain verifies on its own, except against someone who can write the database
 * and deletes the newest rows together with their links: `anchors` (heads recorded by an
 * earlier run and kept elsewhere) catch that, as the chain must still hold each anchor's link.
 */
export async function verifyAuditChain(db: Database, options: { tenantSlug?: string; anchors?: Record<string, ChainHead> } = {}): Promise<VerifyResult> {
  return db.unsafeOwnerTransaction(async (tx) => {
    const tenants = await tx.query<{ id: string; slug: string }>(
      'select id::text, slug from tenants where $1::text is null or slug = $1 order by slug',
      [options.tenantSlug ?? null],
    );
    let eventsVerified = 0;
    const heads: Record<string, ChainHead> = {};
    for (const tenant of tenants.rows) {
      const verified = await verifyTenant(tx, tenant, (count) => (eventsVerified += count));
      if ('reason' in verified) return { ok: false, tenants: tenants.rows.length, eventsVerified, firstBreak: verified, heads };
      const anchor = options.anchors?.[tenant.slug];
      if (anchor) {
        const { rows } = await tx.query<{ hash: string }>('select hash from audit_chain where tenant_id = $1 and seq = $2', [tenant.id, anchor.seq]);
        if (rows.length === 0 || rows[0].hash !== anchor.hash) {
          const firstBreak: ChainBreak = { tenantId: tenant.id, tenantSlug: tenant.slug, seq: anchor.seq, eventId: null, reason: rows.length === 0 ? 'anchor_missing' : 'anchor_mismatch' };
          return { ok: false, tenants: tenants.rows.length, eventsVerified, firstBreak, heads };
        }
      }
      heads[tenant.slug] = verified;
    }
    return { ok: true, tenants: tenants.rows.length, eventsVerified, firstBreak: null, heads };
  });
}

async function verifyTenant(tx: Tx, tenant: { id: string; slug: string }, counted: (n: number) => void): Promise<ChainBreak | ChainHead> {
  const pageSize = 10_000;
  let previous = { seq: 0, hash: GENESIS_HASH };
  const broken = (reason: ChainBreak['reason'], seq: number | null, eventId: string | null): ChainBreak => ({
    tenantId: tenant.id, tenantSlug: tenant.slug, seq, eventId, reason,
  });
  for (;;) {
    const page = await tx.query<CanonicalRow & { seq: number; chain_event_id: string; prev_hash: string; hash: string; found: boolean }>(
      `select c.seq, c.event_id::text as chain_event_id, c.prev_hash, c.hash, e.id is not null as found, ${CANONICAL_COLUMNS}
         from audit_chain c left join audit_events e on e.id = c.event_id
        where c.tenant_id = $1 and c.seq > $2 order by c.seq limit $3`,
      [tenant.id, previous.seq, pageSize],
    );
    let verified = 0;
    // On a break, the rows of this page before it still count as verified (the CLI reports them).
    const stop = (reason: ChainBreak['reason'], seq: number | null, eventId: string | null) => {
      counted(verified);
      return broken(reason, seq, eventId);
    };
    for (const row of page.rows) {
      const seq = Number(row.seq);
      if (seq !== previous.seq + 1) return stop('sequence_gap', previous.seq + 1, null);
      if (!row.found) return stop('missing_event', seq, row.chain_event_id);
      if (row.prev_hash !== previous.hash) return stop('prev_hash_mismatch', seq, row.chain_event_id);
      if (row.tenant_id !== tenant.id || chainHash(previous.hash, row) !== row.hash) return stop('hash_mismatch', seq, row.chain_event_id);
      previous = { seq, hash: row.hash };
      verified++;
    }
    counted(page.rows.length);
    if (page.rows.length < pageSize) break;
  }
  // Every finished transaction's rows must be in the chain once the sealer has caught up.
  const unsealed = await tx.query<{ id: string }>(
    `select e.id::text from audit_events e
      where e.tenant_id = $1 and e.txid < (select last_xmin from audit_sealer_state where id = 1)
        and not exists (select 1 from audit_chain c where c.event_id = e.id)
      order by e.id limit 1`,
    [tenant.id],
  );
  if (unsealed.rows.length > 0) return broken('unsealed_event', null, unsealed.rows[0].id);
  return previous;
}
