/**
 * A fingerprint of everything a tenant has in the database, read in one query, to prove that
 * a refused or rejected request changed nothing. It covers every table with a `tenant_id`
 * (tables other engineers add are included automatically) except the ones a refusal is meant
 * to write (the audit log, the login throttle), and it leaves out the columns a request touches
 * by design (a session's or token's last use).
 */
import type { AppDeps } from '../../src/platform/deps.js';

const WRITTEN_BY_REFUSALS = new Set(['audit_events', 'audit_chain', 'login_throttle']);
const TOUCHED_COLUMNS = new Set(['last_seen_at', 'last_used_at']);

const queries = new WeakMap<object, Promise<string>>();

async function buildQuery(deps: AppDeps): Promise<string> {
  const { rows } = await deps.db.unsafeOwnerQuery<{ table_name: string; columns: string[] }>(
    `select c.table_name, array_agg(c.column_name::text order by c.ordinal_position) as columns
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
      where c.table_schema = 'public'
        and c.table_name in (select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id')
      group by c.table_name order by c.table_name`,
  );
  const parts = rows
    .filter((row) => !WRITTEN_BY_REFUSALS.has(row.table_name))
    .map((row) => {
      const columns = row.columns.filter((column) => !TOUCHED_COLUMNS.has(column)).map((column) => `t."${column}"`);
      const key = row.table_name === 'tenants' ? 'id' : 'tenant_id';
      return `select '${row.table_name}' as name, count(*)::int as n,
                coalesce(md5(string_agg(row(${columns.join(', ')})::text, '|' order by row(${columns.join(', ')})::text)), '') as digest
                from "${row.table_name}" t where t.${key} = any($1::uuid[])`;
    });
  return `select string_agg(name || '=' || n || ':' || digest, ';' order by name) as fingerprint from (${parts.join(' union all ')}) parts`;
}

/** One string that changes when any row of the tenant (outside the audit log) changes. */
export async function tenantFingerprint(deps: AppDeps, tenantId: string): Promise<string> {
  return tenantsFingerprint(deps, [tenantId]);
}

/** The same for several tenants at once, in one query (for sweeps that check two per request). */
export async function tenantsFingerprint(deps: AppDeps, tenantIds: string[]): Promise<string> {
  let query = queries.get(deps.db);
  if (!query) {
    query = buildQuery(deps);
    queries.set(deps.db, query);
  }
  const { rows } = await deps.db.unsafeOwnerQuery<{ fingerprint: string }>(await query, [tenantIds]);
  return rows[0].fingerprint;
}

/** The fingerprint split into `table=count:digest` parts, for readable failure messages. */
export function fingerprintParts(fingerprint: string): Record<string, string> {
  return Object.fromEntries(fingerprint.split(';').map((part) => part.split('=') as [string, string]));
}
