/**
 * Factories: each test makes its own tenant (so files run in parallel on one database and
 * nothing is ever truncated), with teams and users as needed. They write as the database
 * owner, like an operator's setup, and never through the code under test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ProfessionalGroup, Role, TeamKind } from '../../src/platform/access/roles.js';
import { hashPassword } from '../../src/platform/auth/password.js';
import { newTotpSecret } from '../../src/platform/auth/totp.js';
import { encryptText } from '../../src/platform/crypto/aead.js';
import type { AppDeps } from '../../src/platform/deps.js';

export const TEST_PASSWORD = 'korrekt-hest-batteri-klips';
let passwordHash: Promise<string> | null = null;

export interface TestTenant {
  id: string;
  slug: string;
  name: string;
  host: string;
}

export interface TestTeam {
  id: string;
  name: string;
  kind: TeamKind;
}

export interface TestUser {
  id: string;
  tenantId: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  password: string;
  totpSecret: string | null;
}

function suffix(): string {
  return randomBytes(5).toString('hex');
}

export async function createTenant(deps: AppDeps, options: { name?: string; isDemo?: boolean } = {}): Promise<TestTenant> {
  const slug = `t-${suffix()}`;
  const host = `${slug}.test`;
  const name = options.name ?? `Testkommune ${slug}`;
  const { rows } = await deps.db.unsafeOwnerQuery<{ id: string }>(
    'insert into tenants (slug, name, hostnames, is_demo) values ($1, $2, $3, $4) returning id::text',
    [slug, name, [host], options.isDemo ?? false],
  );
  deps.tenants.invalidate();
  return { id: rows[0].id, slug, name, host };
}

export async function createTeam(deps: AppDeps, tenant: TestTenant, options: { name?: string; kind?: TeamKind } = {}): Promise<TestTeam> {
  const name = options.name ?? `Team ${suffix()}`;
  const kind = options.kind ?? 'unit';
  const { rows } = await deps.db.unsafeOwnerQuery<{ id: string }>(
    'insert into teams (tenant_id, name, kind) values ($1, $2, $3) returning id::text',
    [tenant.id, name, kind],
  );
  return { id: rows[0].id, name, kind };
}

export async function createUser(
  deps: AppDeps,
  tenant: TestTenant,
  options: { role?: Role; team?: TestTeam | null; username?: string; displayName?: string; email?: string; totp?: boolean; password?: string | null; group?: ProfessionalGroup; active?: boolean } = {},
): Promise<TestUser> {
  const role = options.role ?? 'adviser';
  const username = options.username ?? `${role}-${suffix()}`;
  const displayName = options.displayName ?? `Test ${role} ${suffix()}`;
  const password = options.password === undefined ? TEST_PASSWORD : options.password;
  const hash = password === null ? null : password === TEST_PASSWORD ? await (passwordHash ??= hashPassword(TEST_PASSWORD)) : await hashPassword(password);
  const wantsTotp = options.totp ?? role !== 'professional';
  const id = randomUUID();
  const totpSecret = wantsTotp ? newTotpSecret() : null;
  await deps.db.unsafeOwnerQuery(
    `insert into users (id, tenant_id, username, display_name, email, role, team_id, professional_group, password_hash, totp_secret_enc, totp_enrolled_at, active)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, case when $10::text is null then null else now() end, $11)`,
    [
      id, tenant.id, username, displayName, options.email ?? null, role, options.team?.id ?? null, options.group ?? null, hash,
      totpSecret ? encryptText(deps.keys.key('totp-secret'), totpSecret, `${tenant.id}:${id}`) : null,
      options.active ?? true,
    ],
  );
  return { id, tenantId: tenant.id, username, displayName, role, teamId: options.team?.id ?? null, password: password ?? '', totpSecret };
}

/** Counts rows of every table for one tenant (and the audit log), to prove nothing changed. */
export async function tenantSnapshot(deps: AppDeps, tenantId: string, options: { includeAudit?: boolean } = {}): Promise<Record<string, number>> {
  const tables = await deps.db.unsafeOwnerQuery<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name: table } of tables.rows) {
    if (!options.includeAudit && (table === 'audit_events' || table === 'audit_chain')) continue;
    const { rows } = await deps.db.unsafeOwnerQuery<{ count: number }>(
      `select count(*)::int as count from "${table}" where tenant_id = $1`,
      [tenantId],
    );
    counts[table] = rows[0].count;
  }
  return counts;
}

/** A digest of all of a tenant's rows (excluding audit rows and session bookkeeping). */
export async function tenantDigest(deps: AppDeps, tenantId: string): Promise<string> {
  const tables = await deps.db.unsafeOwnerQuery<{ table_name: string }>(
    `select distinct table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id'
      and table_name not in ('audit_events', 'audit_chain', 'sessions', 'api_tokens', 'login_throttle') order by table_name`,
  );
  const parts: string[] = [];
  for (const { table_name: table } of tables.rows) {
    const { rows } = await deps.db.unsafeOwnerQuery<{ digest: string | null }>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${table}" t where tenant_id = $1`,
      [tenantId],
    );
    parts.push(`${table}:${rows[0].digest}`);
  }
  return parts.join(';');
}
