/**
 * Row-level security: the second of the two access checks. Even raw SQL run through the
 * request path sees nothing without a tenant context and never another tenant's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createTeam, createTenant, createUser } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const TENANT_TABLES = ['tenants', 'teams', 'users', 'sessions', 'audit_events', 'api_tokens', 'one_time_links', 'recovery_codes', 'login_throttle', 'audit_chain'];

describe('row-level security', () => {
  it('returns no rows at all when a query runs without a tenant context', async () => {
    const tenant = await createTenant(t.deps);
    await createUser(t.deps, tenant, { role: 'adviser' });
    for (const table of TENANT_TABLES) {
      const { rows } = await t.db.withContext({ tenantId: null, userId: null }, (tx) => tx.query(`select * from ${table}`));
      expect(rows, table).toHaveLength(0);
    }
  });

  it("never shows another tenant's rows, even to raw SQL, and refuses to write into it", async () => {
    const mine = await createTenant(t.deps);
    const theirs = await createTenant(t.deps);
    const theirTeam = await createTeam(t.deps, theirs);
    const theirUser = await createUser(t.deps, theirs, { team: theirTeam });
    await createUser(t.deps, mine);
    await t.db.withContext({ tenantId: mine.id, userId: null }, async (tx) => {
      const users = await tx.query<{ tenant_id: string }>('select tenant_id from users');
      expect(users.rows.length).toBeGreaterThan(0);
      expect(users.rows.every((row) => row.tenant_id === mine.id)).toBe(true);
      expect((await tx.query('select * from users where id = $1', [theirUser.id])).rows).toHaveLength(0);
      expect((await tx.query('select * from tenants where id = $1', [theirs.id])).rows).toHaveLength(0);
      const updated = await tx.query("update users set display_name = 'x' where id = $1", [theirUser.id]);
      expect(updated.rowCount).toBe(0);
    });
    await expect(
      t.db.withContext({ tenantId: mine.id, userId: null }, (tx) =>
        tx.query("insert into teams (tenant_id, name, kind) values ($1, 'Smuglet team', 'unit')", [theirs.id]),
      ),
    ).rejects.toThrow(/row-level security/);
    const check = await t.db.unsafeOwnerQuery<{ display_name: string }>('select display_name from users where id = $1', [theirUser.id]);
    expect(check.rows[0].display_name).toBe(theirUser.displayName);
  });

  it('runs requests as a role without BYPASSRLS that owns none of the tables', async () => {
    const tenant = await createTenant(t.deps);
    const info = await t.db.withContext({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.query<{ current_user: string; bypass: boolean; superuser: boolean }>(
        'select current_user, rolbypassrls as bypass, rolsuper as superuser from pg_roles where rolname = current_user',
      ),
    );
    expect(info.rows[0]).toEqual({ current_user: 'selvbestemt_app', bypass: false, superuser: false });
    const owned = await t.db.unsafeOwnerQuery<{ count: number }>(
      "select count(*)::int as count from pg_tables where schemaname = 'public' and tableowner = 'selvbestemt_app'",
    );
    expect(owned.rows[0].count).toBe(0);
  });

  it('keeps every table holding tenant data under row-level security', async () => {
    const { rows } = await t.db.unsafeOwnerQuery<{ table_name: string; rls: boolean }>(
      `select c.table_name, k.relrowsecurity as rls
         from information_schema.columns c join pg_class k on k.relname = c.table_name
         join pg_namespace n on n.oid = k.relnamespace and n.nspname = 'public'
        where c.table_schema = 'public' and c.column_name = 'tenant_id'`,
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((row) => !row.rls).map((row) => row.table_name)).toEqual([]);
  });
});

describe("the request user's team (app_user_team_id, migration 0112)", () => {
  it('takes the team the session look-up entered only for that same user, else looks the user up', async () => {
    const tenant = await createTenant(t.deps);
    const unit = await createTeam(t.deps, tenant);
    const other = await createTeam(t.deps, tenant);
    const adviser = await createUser(t.deps, tenant, { role: 'adviser', team: unit });
    const teacher = await createUser(t.deps, tenant, { role: 'professional', team: other });
    const teamOf = (tx: { query: <Row>(sql: string, params?: readonly unknown[]) => Promise<{ rows: Row[] }> }) =>
      tx.query<{ team: string | null }>('select app_user_team_id()::text as team').then((result) => result.rows[0].team);
    await t.db.withContext({ tenantId: tenant.id, userId: adviser.id }, async (tx) => {
      // Nothing entered: looked up.
      expect(await teamOf(tx)).toBe(unit.id);
      // Entered for this user: used as entered.
      await tx.query("select set_config('app.user_team', $1, true)", [`${adviser.id}:${other.id}`]);
      expect(await teamOf(tx)).toBe(other.id);
      // Entered for someone else: ignored.
      await tx.query("select set_config('app.user_team', $1, true)", [`${teacher.id}:${other.id}`]);
      expect(await teamOf(tx)).toBe(unit.id);
    });
    // A role without case work has no team, whether entered or looked up.
    await t.db.withContext({ tenantId: tenant.id, userId: teacher.id }, async (tx) => {
      expect(await teamOf(tx)).toBeNull();
    });
  });

  it('is entered by the session look-up with the same answer the users table gives', async () => {
    const tenant = await createTenant(t.deps);
    const unit = await createTeam(t.deps, tenant);
    const { createTestSession } = await import('../support/sessions.js');
    const { findSession } = await import('../../src/platform/auth/sessions.js');
    for (const [role, expected] of [['caseworker', unit.id], ['partner', null]] as const) {
      const user = await createUser(t.deps, tenant, { role, team: unit });
      const session = await createTestSession(t.deps, user);
      await t.db.withContext({ tenantId: tenant.id, userId: null }, async (tx) => {
        const found = await findSession(tx, session.token, { idleMinutes: 30, absoluteHours: 10 }, { enterUser: 'complete' });
        expect(found?.userEntered).toBe(true);
        const { rows } = await tx.query<{ entered: string; team: string | null; looked: string | null }>(
          `select current_setting('app.user_team', true) as entered, app_user_team_id()::text as team,
                  (select u.team_id::text from users u where u.id = $1 and u.active and u.role in ('adviser', 'caseworker', 'manager')) as looked`, [user.id]);
        expect(rows[0].entered).toBe(`${user.id}:${expected ?? ''}`);
        expect(rows[0].team).toBe(expected);
        expect(rows[0].looked).toBe(expected);
      });
    }
  });
});
