/**
 * Every route × every role, in the own municipality and against another one's records.
 *
 * Routes are found at run time from the page and API registries with the access they declare,
 * so routes added by later features are swept without changing this file. For each route:
 *   - anonymous, a session from another municipality and a session still waiting for its
 *     second factor are refused like anonymous: 401, or 303 to the login page for a page GET;
 *   - every role the route does not declare gets 404 (and the refusal is audited as denied);
 *   - every role it does declare, given another municipality's ids, gets 404 (or a 400 for
 *     the body, which tells nothing about the record), never the record;
 * and after every refusal both municipalities' rows are re-read to show that nothing changed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/platform/access/roles.js';
import { createTestApp } from '../support/app.js';
import { TestClient, type Response } from '../support/client.js';
import { tenantsFingerprint } from '../support/digest.js';
import { createTeam, createTenant, createUser, type TestTenant, type TestUser } from '../support/factories.js';
import { declaredRoutes, servedRoutes, undeclaredRoutes, type DeclaredRoute } from '../support/routes.js';
import { kitchenSinkForm, sampleFor } from '../support/samples.js';
import { createTestSession, useSession, type TestSession } from '../support/sessions.js';

const t = await createTestApp();
afterAll(() => t.close());

interface World {
  tenant: TestTenant;
  users: Record<Role, TestUser>;
  sessions: Record<Role, TestSession>;
  /** One real id per table (by table name) in this municipality. */
  idsByTable: Map<string, string>;
}

async function tablesWithIds(): Promise<string[]> {
  const { rows } = await t.db.unsafeOwnerQuery<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
      where c.table_schema = 'public' and c.column_name = 'id' and c.data_type = 'uuid'
        and exists (select 1 from information_schema.columns k where k.table_schema = 'public' and k.table_name = c.table_name and k.column_name = 'tenant_id')`,
  );
  return rows.map((row) => row.table_name);
}

async function buildWorld(): Promise<World> {
  const tenant = await createTenant(t.deps);
  const team = await createTeam(t.deps, tenant);
  const users = {} as Record<Role, TestUser>;
  const sessions = {} as Record<Role, TestSession>;
  for (const role of ROLES) {
    users[role] = await createUser(t.deps, tenant, { role, team });
    sessions[role] = await createTestSession(t.deps, users[role]);
  }
  // Something behind every id route: a target user and an API token.
  await createUser(t.deps, tenant, { role: 'adviser', team, displayName: 'Målperson' });
  const tokenOwner = useSession(TestClient.for(t.app, tenant), await createTestSession(t.deps, users.admin));
  expect((await tokenOwner.api('POST', '/api/v1/tokens', { name: 'Adgangstest', scopes: ['read'], expiresInDays: 1 })).statusCode).toBe(201);
  const idsByTable = new Map<string, string>();
  for (const table of await tablesWithIds()) {
    const { rows } = await t.db.unsafeOwnerQuery<{ id: string }>(`select id::text from "${table}" where tenant_id = $1 order by id limit 1`, [tenant.id]);
    if (rows[0]) idsByTable.set(table, rows[0].id);
  }
  return { tenant, users, sessions, idsByTable };
}

const own = await buildWorld();
const other = await buildWorld();

/** The table a path segment or body field names: `users`, `tokens` → api_tokens, `jobs` → job_runs. */
function idFor(world: World, name: string): string | undefined {
  const base = name.replace(/Id$/, '').replace(/-/g, '_').toLowerCase();
  const plural = base.endsWith('s') ? base : `${base}s`;
  const singular = base.replace(/s$/, '');
  const tables = [...world.idsByTable.keys()];
  const table =
    tables.find((name) => name === base || name === plural) ??
    tables.find((name) => name === `api_${plural}`) ??
    tables.find((name) => name.startsWith(`${singular}_`)) ??
    tables.find((name) => name.endsWith(`_${plural}`));
  return table ? world.idsByTable.get(table) : undefined;
}

const RANDOM_UUID = '5f0c0d3e-8a39-4c37-9d55-2b1c8c6f0a11';

/** The route's path with each parameter replaced by a real id of `world` (by the segment before it). */
function pathFor(route: DeclaredRoute, world: World): string {
  const segments = route.url.split('/');
  return segments
    .map((segment, index) => {
      if (!segment.startsWith(':')) return segment;
      if (!/id$/i.test(segment)) return 'x'.repeat(43); // tokens in links (setup, activation)
      return idFor(world, segments[index - 1] ?? '') ?? RANDOM_UUID;
    })
    .join('/');
}

async function send(route: DeclaredRoute, client: TestClient, path: string, bodyIds: World): Promise<Response> {
  if (route.kind === 'page') {
    return route.method === 'GET' ? client.get(path) : client.postForm(path, kitchenSinkForm(client.csrfToken));
  }
  const body = route.api?.body ? sampleFor(route.api.body, (field) => idFor(bodyIds, field)) : undefined;
  return client.api(route.method, path, route.method === 'GET' || route.method === 'DELETE' ? undefined : body ?? {});
}

function clientFor(world: World, session: TestSession | null, host: TestTenant = world.tenant): TestClient {
  const client = TestClient.for(t.app, host);
  return session ? useSession(client, session) : client;
}

function describeResponse(response: Response): string {
  return `${response.statusCode} ${String(response.headers.location ?? '')} ${response.body.slice(0, 200)}`;
}

function expectLoginWall(route: DeclaredRoute, response: Response, label: string): void {
  if (route.kind === 'page' && route.method === 'GET') {
    expect(response.statusCode, `${label}: ${describeResponse(response)}`).toBe(303);
    expect(String(response.headers.location), label).toMatch(/^\/login\?next=/);
  } else {
    expect(response.statusCode, `${label}: ${describeResponse(response)}`).toBe(401);
  }
}

async function deniedCount(user: TestUser): Promise<number> {
  const { rows } = await t.db.unsafeOwnerQuery<{ n: number }>(
    "select count(*)::int as n from audit_events where tenant_id = $1 and actor_user_id = $2 and outcome = 'denied'", [user.tenantId, user.id]);
  return rows[0].n;
}

const pendingAdmin = await createTestSession(t.deps, own.users.admin, { stage: 'second_factor' });

/** Both municipalities' rows as they were after the last refusal (refusals change nothing). */
let lastFingerprint: string | null = null;

function fingerprint(): Promise<string> {
  return tenantsFingerprint(t.deps, [own.tenant.id, other.tenant.id]);
}

/** Runs a refused request and proves, by re-reading them, that neither municipality's rows changed. */
async function refused(label: string, run: () => Promise<Response>, check: (response: Response) => void): Promise<void> {
  const before = lastFingerprint ?? (await fingerprint());
  const response = await run();
  check(response);
  const after = await fingerprint();
  lastFingerprint = after;
  expect(after, `${label} changed the database`).toBe(before);
}

const routes = declaredRoutes().filter((route) => route.access.auth !== 'public');

describe('the sweep', () => {
  it('covers every route the application serves', () => {
    const served = servedRoutes(t.app);
    const declared = declaredRoutes();
    expect(declared.length).toBeGreaterThanOrEqual(40);
    const servedKeys = new Set(served.map((route) => `${route.method} ${route.url}`));
    expect(declared.filter((route) => !servedKeys.has(`${route.method} ${route.url}`))).toEqual([]);
    expect(served.length).toBe(declared.length + undeclaredRoutes(t.app).length);
    expect(routes.length).toBeGreaterThanOrEqual(30);
  });

  it('finds only public routes outside the registries, and none of them fails', async () => {
    const client = clientFor(own, null);
    for (const route of undeclaredRoutes(t.app)) {
      const path = route.url.replace(/:\w+/g, 'x').replace('*', 'findes-ikke');
      const response = await client.request({ method: route.method, url: path, ...(route.method === 'GET' ? {} : { form: {} }) });
      expect(response.statusCode, `${route.method} ${path}`).toBeLessThan(500);
    }
  });
});

describe.each(routes.map((route) => [`${route.method} ${route.url}`, route] as const))('%s', (_name, route) => {
  const allowed = (role: Role) => !route.access.roles || route.access.roles.includes(role);
  // Parameters that name records (`:id`, `:caseId`); others (`:group`, `:token`) name no record.
  const hasIds = /\/:\w*[iI]d(\/|$)/.test(route.url);

  it('turns away anonymous users, pending logins and sessions from another municipality', async () => {
    const cases: [string, TestClient][] = [
      ['anonymous', clientFor(own, null)],
      ['session of another municipality', clientFor(other, other.sessions.admin, own.tenant)],
    ];
    if (route.access.auth === 'user') cases.push(['login waiting for its second factor', clientFor(own, pendingAdmin)]);
    for (const [label, client] of cases) {
      await refused(label, () => send(route, client, pathFor(route, own), own), (response) => expectLoginWall(route, response, label));
    }
  });

  const wrongRoles = ROLES.filter((role) => !allowed(role));
  if (wrongRoles.length > 0) {
    it(`answers 404 to ${wrongRoles.join(', ')} and audits the refusal`, async () => {
      for (const role of wrongRoles) {
        const client = clientFor(own, own.sessions[role]);
        const denied = await deniedCount(own.users[role]);
        await refused(role, () => send(route, client, pathFor(route, own), own), (response) => {
          expect(response.statusCode, `${role}: ${describeResponse(response)}`).toBe(404);
        });
        expect(await deniedCount(own.users[role]), `${role} refusal audited`).toBe(denied + 1);
      }
    });
  }

  const rightRoles = ROLES.filter(allowed);
  if (hasIds && rightRoles.length > 0) {
    it(`answers 404 to ${rightRoles.join(', ')} asking for another municipality's records`, async () => {
      for (const role of rightRoles) {
        const client = clientFor(own, own.sessions[role]);
        await refused(role, () => send(route, client, pathFor(route, other), own), (response) => {
          const label = `${role}: ${describeResponse(response)}`;
          if (response.statusCode === 400 && route.kind === 'api') {
            expect(response.json().error.code, label).toBe('validation');
          } else {
            expect(response.statusCode, label).toBe(404);
          }
          expect(response.body, label).not.toContain(other.tenant.name);
          for (const user of Object.values(other.users)) expect(response.body, label).not.toContain(user.displayName);
        });
      }
    });
  }
});
