/**
 * Administration: teams and users through the pages and the API, activation links, role
 * changes, second-factor resets, deactivation (never deletion), edit conflicts, and that none
 * of it is reachable by other roles or across tenants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/platform/access/roles.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { tenantFingerprint } from '../support/digest.js';
import { createTeam, createTenant, createUser, type TestTenant, type TestUser } from '../support/factories.js';
import { declaredRoutes } from '../support/routes.js';
import { createTestSession, useSession } from '../support/sessions.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function signedIn(tenant: TestTenant, user: TestUser): Promise<TestClient> {
  return useSession(TestClient.for(t.app, tenant), await createTestSession(t.deps, user));
}

async function actions(tenant: TestTenant): Promise<string[]> {
  const { rows } = await t.db.unsafeOwnerQuery<{ action: string }>("select action from audit_events where tenant_id = $1 and action like 'admin.%' order by id", [tenant.id]);
  return rows.map((row) => row.action);
}

async function sessionCount(user: { id: string }): Promise<number> {
  return (await t.db.unsafeOwnerQuery<{ n: number }>('select count(*)::int as n from sessions where user_id = $1', [user.id])).rows[0].n;
}

function activationToken(html: string): string {
  const match = /<code class="activation-link">https?:\/\/[^/]+\/activate\/([A-Za-z0-9_-]+)<\/code>/.exec(html);
  if (!match) throw new Error('no activation link on the page');
  return match[1];
}

describe('teams and users', () => {
  it('creates teams and users through the pages, with a single-use activation link', async () => {
    const tenant = await createTenant(t.deps);
    const admin = await createUser(t.deps, tenant, { role: 'admin' });
    const client = await signedIn(tenant, admin);
    const teamPage = await client.postForm('/admin/teams', { name: 'Børne- og Ungerådgivningen', kind: 'child_welfare' });
    expect(teamPage.statusCode).toBe(303);
    const list = await client.get('/admin/teams?notice=created');
    expect(list.body).toContain('Børne- og Ungerådgivningen');
    const team = (await t.db.unsafeOwnerQuery<{ id: string }>("select id from teams where tenant_id = $1 and name = 'Børne- og Ungerådgivningen'", [tenant.id])).rows[0];

    const duplicate = await client.postForm('/admin/teams', { name: 'børne- og ungerådgivningen', kind: 'other' });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('Der findes allerede et team med det navn.');

    const created = await client.postForm('/admin/users/new', { username: 'Sara.Holm', displayName: 'Sara Holm', email: 'Sara.Holm@Kommune.dk', role: 'caseworker', teamId: team.id, professionalGroup: 'child_welfare' });
    expect(created.statusCode).toBe(200);
    expect(created.body).toContain(`http://${tenant.host}/activate/`);
    const token = activationToken(created.body);
    const row = (await t.db.unsafeOwnerQuery<{ id: string; username: string; email: string; team_id: string; password_hash: string | null; role: string }>(
      'select id, username, email, team_id, password_hash, role from users where tenant_id = $1 and username = $2', [tenant.id, 'sara.holm'])).rows[0];
    expect(row).toMatchObject({ username: 'sara.holm', email: 'sara.holm@kommune.dk', team_id: team.id, password_hash: null, role: 'caseworker' });
    // The link is stored only as a hash.
    const links = await t.db.unsafeOwnerQuery<{ token_hash: string }>('select token_hash from one_time_links where user_id = $1', [row.id]);
    expect(links.rows).toHaveLength(1);
    expect(links.rows[0].token_hash).not.toContain(token);

    const taken = await client.postForm('/admin/users/new', { username: 'sara.holm', displayName: 'Anden Sara', role: 'adviser' });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('value="Anden Sara"');

    // The new user sets a password through the link, once.
    const newcomer = TestClient.for(t.app, tenant);
    const form = await newcomer.getPage(`/activate/${token}`);
    expect(form.statusCode).toBe(200);
    const mismatch = await newcomer.postForm(`/activate/${token}`, { password: 'et-langt-kodeord-1', passwordRepeat: 'et-andet-kodeord-2' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('De to adgangskoder er ikke ens.');
    const done = await newcomer.postForm(`/activate/${token}`, { password: 'et-langt-kodeord-1', passwordRepeat: 'et-langt-kodeord-1' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/login?activated=1');
    expect((await newcomer.get(`/activate/${token}`)).statusCode).toBe(404);
    expect((await newcomer.postForm(`/activate/${token}`, { password: 'kapret-kodeord-99', passwordRepeat: 'kapret-kodeord-99' })).statusCode).toBe(404);
    await newcomer.getPage('/login');
    const login = await newcomer.postForm('/login', { username: 'sara.holm', password: 'et-langt-kodeord-1' });
    expect(login.headers.location).toBe('/login/enrol?next=%2F'); // a caseworker must enrol
    expect(await actions(tenant)).toEqual(['admin.team.create', 'admin.user.create', 'admin.user.read']);
  });

  it('creates teams and users through the API', async () => {
    const tenant = await createTenant(t.deps);
    const admin = await createUser(t.deps, tenant, { role: 'admin' });
    const client = await signedIn(tenant, admin);
    const team = await client.api('POST', '/api/v1/teams', { name: 'Jobcenter', kind: 'job_centre' });
    expect(team.statusCode).toBe(201);
    expect(team.json()).toMatchObject({ name: 'Jobcenter', kind: 'job_centre', active: true, version: 1, members: 0 });
    const user = await client.api('POST', '/api/v1/users', { username: 'mentor.ali', displayName: 'Ali Mentor', role: 'mentor', teamId: team.json().id });
    expect(user.statusCode).toBe(201);
    expect(user.json().user).toMatchObject({ username: 'mentor.ali', role: 'mentor', teamName: 'Jobcenter', active: true, hasPassword: false, version: 1 });
    expect(user.json().activationPath).toMatch(/^\/activate\/[A-Za-z0-9_-]{40,}$/);
    expect((await TestClient.for(t.app, tenant).get(user.json().activationPath)).statusCode).toBe(200);
    // One e-mail address per user (OpenID Connect logins are matched by it), whatever its case.
    expect((await client.api('POST', '/api/v1/users', { username: 'sara.a', displayName: 'Sara A', role: 'adviser', email: 'sara@kommune.dk' })).statusCode).toBe(201);
    const twin = await client.api('POST', '/api/v1/users', { username: 'sara.b', displayName: 'Sara B', role: 'adviser', email: 'Sara@Kommune.dk' });
    expect(twin.statusCode).toBe(400);
    expect(twin.json().error.fields).toEqual([{ field: 'email', message: 'E-mailadressen bruges allerede af en anden bruger. Hver bruger skal have sin egen (den bruges til login gennem kommunens login).' }]);
    const mentor = user.json().user as { id: string; version: number };
    const taken = await client.api('PUT', `/api/v1/users/${mentor.id}`, { displayName: 'Ali Mentor', role: 'mentor', email: 'SARA@kommune.dk', teamId: team.json().id, version: mentor.version });
    expect(taken.statusCode).toBe(400);
    const unknownKey = await client.api('POST', '/api/v1/users', { username: 'x.y', displayName: 'X', role: 'mentor', isAdmin: true });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error.fields[0].field).toBe('isAdmin');
    const listed = await client.get('/api/v1/users');
    expect(listed.json().users.map((row: { username: string }) => row.username).sort()).toEqual([admin.username, 'mentor.ali', 'sara.a'].sort());
  });

  it('lets an activation link expire, and a new link replace it', async () => {
    const tenant = await createTenant(t.deps);
    const admin = await createUser(t.deps, tenant, { role: 'admin' });
    const client = await signedIn(tenant, admin);
    const created = await client.api('POST', '/api/v1/users', { username: 'ny.bruger', displayName: 'Ny Bruger', role: 'professional' });
    const { user, activationPath } = created.json();
    const hours = await t.db.unsafeOwnerQuery<{ hours: number }>('select round(extract(epoch from expires_at - created_at) / 3600)::int as hours from one_time_links where user_id = $1', [user.id]);
    expect(hours.rows[0].hours).toBe(72);
    await t.db.unsafeOwnerQuery("update one_time_links set expires_at = now() - interval '1 second' where user_id = $1", [user.id]);
    const expired = await TestClient.for(t.app, tenant).get(activationPath);
    expect(expired.statusCode).toBe(404);
    expect(expired.body).toContain('Linket er ugyldigt, udløbet eller allerede brugt');

    const fresh = await client.api('POST', `/api/v1/users/${user.id}/activation`);
    const second = await client.api('POST', `/api/v1/users/${user.id}/activation`);
    const newcomer = TestClient.for(t.app, tenant);
    await newcomer.getPage(fresh.json().activationPath);
    expect((await newcomer.postForm(fresh.json().activationPath, { password: 'mit-nye-kodeord-1', passwordRepeat: 'mit-nye-kodeord-1' })).statusCode).toBe(303);
    // Using one link voids the user's other open links.
    expect((await newcomer.get(second.json().activationPath)).statusCode).toBe(404);
  });
});

describe('changes to an account', () => {
  it("ends the user's sessions when her role changes", async () => {
    const tenant = await createTenant(t.deps);
    const admin = await createUser(t.deps, tenant, { role: 'admin' });
    const user = await createUser(t.deps, tenant, { role: 'adviser' });
    const hers = await signedIn(tenant, user);
    expect((await hers.get('/')).statusCode).toBe(200);
    const client = await signedIn(tenant, admin);
    const changed = await client.postForm(`/admin/users/${user.id}`, { displayName: user.displayName, role: 'manager', version: '1' });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe(`/admin/users/${user.id}?notice=saved`);
    expect(await sessionCount(user)).toBe(0);
    expect((await hers.get('/')).statusCode).toBe(303);
    const row = (await t.db.unsafeOwnerQuery<{ role: string; version: number }>('select role, version from users where id = $1', [user.id])).rows[0];
    expect(row).toEqual({ role: 'manager', version: 2 });
  });

  it('resets the second factor: codes and sessions gone, enrolment at the next login', async () => {
    const tenant = await createTenant(t.deps);
    const admin = await createUser(t.deps, tenant, { role: 'admin' });
    const user = await createUser(t.deps, tenant, { role: 'partner' });
    await t.db.unsafeOwnerQuery("insert into recovery_codes (tenant_id, user_id, code_hash) values ($1, $2, 'x'), ($1, $2, 'y')", [tenant.id, user.id]);
    const hers = await signedIn(tenant, user);
    const client = await signedIn(tenant, admin);
    const reset = await client.postForm(`/admin/users/${user.id}/reset-second-factor`, {});
    expect(reset.headers.location).toBe(`/admin/users/${user.id}?notice=reset`);
    const row = (await t.db.unsafeOwnerQuery<{ secret: string | null; enrolled: string | null }>('select totp_secret_enc as secret, totp_enrolled_at as enrolled from users where id = $1', [user.id])).rows[0];
    expect(row).toEqual({ secret: null, enrolled: null });
    expect((await t.db.unsafeOwnerQuery('select 1 from recovery_codes where user_id = $1', [user.id])).rows).toHaveLength(0);
    expect((await hers.get('/')).statusCode).toBe(303);
    const again = TestClient.for(t.app, tenant);
    await again.getPage('/login');
    expect((await again.postForm('/login', { username: user.username, password: user.password })).headers.location).toBe('/login/enrol?next=%2F');
  });

  it('deactivates (never deletes) and reactivates, revoking API keys; an admin cannot deactivate herself', async () => {
    const tenant = await createTenant(t.deps);
    const admin = await createUser(t.deps, tenant, { role: 'admin' });
    const user = await createUser(t.deps, tenant, { role: 'professional' });
    const hers = await signedIn(tenant, user);
    const token = await hers.api('POST', '/api/v1/tokens', { name: 'Mit script', scopes: ['read'], expiresInDays: 30 });
    expect(token.statusCode).toBe(201);
    const client = await signedIn(tenant, admin);
    const off = await client.postForm(`/admin/users/${user.id}/deactivate`, {});
    expect(off.headers.location).toBe(`/admin/users/${user.id}?notice=deactivated`);
    const row = (await t.db.unsafeOwnerQuery<{ active: boolean; deactivated: boolean }>('select active, deactivated_at is not null as deactivated from users where id = $1', [user.id])).rows[0];
    expect(row).toEqual({ active: false, deactivated: true });
    expect((await t.db.unsafeOwnerQuery<{ revoked: boolean }>('select revoked_at is not null as revoked from api_tokens where user_id = $1', [user.id])).rows).toEqual([{ revoked: true }]);
    expect((await hers.get('/')).statusCode).toBe(303);
    const bearer = TestClient.for(t.app, tenant);
    bearer.bearer = token.json().secret;
    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(401);
    // Listed as inactive, reachable for reactivation.
    expect((await client.get('/admin/users?includeInactive=true')).body).toContain(user.displayName);
    expect((await client.get('/admin/users')).body).not.toContain(user.displayName);
    const on = await client.api('POST', `/api/v1/users/${user.id}/reactivate`);
    expect(on.json()).toMatchObject({ active: true });
    const back = TestClient.for(t.app, tenant);
    expect((await back.loginForm(user)).statusCode).toBe(303);
    expect((await back.get('/')).statusCode).toBe(200);

    const self = await client.api('POST', `/api/v1/users/${admin.id}/deactivate`);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.fields[0].message).toBe('Du kan ikke deaktivere din egen konto. Bed en anden administrator om det.');
    // The page says the same, not only "the information sent has errors".
    const selfPage = await client.postForm(`/admin/users/${admin.id}/deactivate`, {});
    expect(selfPage.statusCode).toBe(400);
    expect(selfPage.body).toContain('Du kan ikke deaktivere din egen konto. Bed en anden administrator om det.');
    expect((await t.db.unsafeOwnerQuery<{ active: boolean }>('select active from users where id = $1', [admin.id])).rows[0].active).toBe(true);
    const demote = await client.api('PUT', `/api/v1/users/${admin.id}`, { displayName: 'Mig', role: 'adviser', version: 1 });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().error.fields[0].field).toBe('role');
    expect(await actions(tenant)).toEqual(expect.arrayContaining(['admin.user.deactivate', 'admin.user.reactivate']));
  });
});

describe('edit conflicts', () => {
  it('answers 409 and keeps what the user typed on the form, ready to save again', async () => {
    const tenant = await createTenant(t.deps);
    const first = await createUser(t.deps, tenant, { role: 'admin' });
    const second = await createUser(t.deps, tenant, { role: 'admin' });
    const target = await createUser(t.deps, tenant, { role: 'adviser', displayName: 'Oprindeligt Navn' });
    const a = await signedIn(tenant, first);
    const b = await signedIn(tenant, second);
    await a.getPage(`/admin/users/${target.id}`);
    expect((await b.postForm(`/admin/users/${target.id}`, { displayName: 'Rettet af B', role: 'adviser', version: '1' })).statusCode).toBe(303);
    const conflict = await a.postForm(`/admin/users/${target.id}`, { displayName: 'Skrevet af A', email: 'a@kommune.dk', role: 'manager', version: '1' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('En anden har ændret dette, mens du arbejdede.');
    expect(conflict.body).toContain('value="Skrevet af A"');
    expect(conflict.body).toContain('value="a@kommune.dk"');
    expect(conflict.body).toMatch(/<option value="manager" selected/);
    expect(conflict.body).toContain('name="version" value="2"');
    const stored = (await t.db.unsafeOwnerQuery<{ display_name: string }>('select display_name from users where id = $1', [target.id])).rows[0];
    expect(stored.display_name).toBe('Rettet af B');
    expect((await a.postForm(`/admin/users/${target.id}`, { displayName: 'Skrevet af A', email: 'a@kommune.dk', role: 'manager', version: '2' })).statusCode).toBe(303);

    const team = await createTeam(t.deps, tenant, { name: 'Skolen' });
    expect((await b.api('PUT', `/api/v1/teams/${team.id}`, { name: 'Skolen ved Åen', kind: 'school', active: true, version: 1 })).statusCode).toBe(200);
    const stale = await a.api('PUT', `/api/v1/teams/${team.id}`, { name: 'Skolen på Bakken', kind: 'school', active: true, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    // An API client has no text "kept below": the message tells it what to do instead.
    expect(stale.json().error.message).toBe('En anden har ændret dette i mellemtiden: den version, der blev sendt, er ikke den nuværende. Intet er gemt. Hent de nye oplysninger, og send ændringen igen med den nye version.');
    const page = await a.postForm(`/admin/teams/${team.id}`, { name: 'Skolen på Bakken', kind: 'school', active: 'on', version: '1' });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('value="Skolen på Bakken"');
    expect((await t.db.unsafeOwnerQuery<{ name: string }>('select name from teams where id = $1', [team.id])).rows[0].name).toBe('Skolen ved Åen');
  });
});

describe('who may administer', () => {
  it('answers 404 to every other role on every admin route, and changes nothing', async () => {
    const tenant = await createTenant(t.deps);
    const team = await createTeam(t.deps, tenant);
    const target = await createUser(t.deps, tenant, { role: 'adviser', team });
    const adminRoutes = declaredRoutes().filter((route) => route.access.roles?.length === 1 && route.access.roles[0] === 'admin');
    expect(adminRoutes.length).toBeGreaterThanOrEqual(20);
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const user = await createUser(t.deps, tenant, { role, team });
      const client = await signedIn(tenant, user);
      const before = await tenantFingerprint(t.deps, tenant.id);
      for (const route of adminRoutes) {
        const url = route.url.replace(':id', route.url.includes('/teams') ? team.id : target.id);
        const response = route.kind === 'api'
          ? await client.api(route.method, url, route.method === 'GET' ? undefined : { name: 'X', kind: 'unit', username: 'x.y', displayName: 'X', role: 'admin', version: 1, active: true })
          : route.method === 'GET' ? await client.get(url) : await client.postForm(url, { name: 'X', kind: 'unit', username: 'x.y', displayName: 'X', role: 'admin', version: '1' });
        expect(response.statusCode, `${role} ${route.method} ${url}`).toBe(404);
      }
      expect(await tenantFingerprint(t.deps, tenant.id), role).toBe(before);
    }
  });

  it("keeps each municipality's teams and users to itself", async () => {
    const mine = await createTenant(t.deps);
    const theirs = await createTenant(t.deps);
    const admin = await createUser(t.deps, mine, { role: 'admin' });
    const theirTeam = await createTeam(t.deps, theirs, { name: 'Deres team' });
    const theirUser = await createUser(t.deps, theirs, { role: 'adviser', team: theirTeam, displayName: 'Deres Bruger' });
    const client = await signedIn(mine, admin);
    const before = await tenantFingerprint(t.deps, theirs.id);

    expect((await client.get('/admin/users')).body).not.toContain('Deres Bruger');
    expect((await client.get('/admin/teams')).body).not.toContain('Deres team');
    expect((await client.get('/api/v1/users')).json().users.map((u: { id: string }) => u.id)).not.toContain(theirUser.id);
    expect((await client.get('/api/v1/teams')).json().teams).toEqual([]);
    for (const url of [`/admin/users/${theirUser.id}`, `/admin/teams/${theirTeam.id}`, `/api/v1/users/${theirUser.id}`, `/api/v1/teams/${theirTeam.id}`]) {
      expect((await client.get(url)).statusCode, url).toBe(404);
    }
    for (const action of ['deactivate', 'reactivate', 'reset-second-factor', 'activation']) {
      expect((await client.api('POST', `/api/v1/users/${theirUser.id}/${action}`)).statusCode, action).toBe(404);
      expect((await client.postForm(`/admin/users/${theirUser.id}/${action}`, {})).statusCode, action).toBe(404);
    }
    expect((await client.api('PUT', `/api/v1/users/${theirUser.id}`, { displayName: 'Kapret', role: 'admin', version: 1 })).statusCode).toBe(404);
    expect((await client.postForm(`/admin/users/${theirUser.id}`, { displayName: 'Kapret', role: 'admin', version: '1' })).statusCode).toBe(404);
    expect((await client.api('PUT', `/api/v1/teams/${theirTeam.id}`, { name: 'Kapret', kind: 'unit', active: false, version: 1 })).statusCode).toBe(404);
    expect((await client.postForm(`/admin/teams/${theirTeam.id}`, { name: 'Kapret', kind: 'unit', version: '1' })).statusCode).toBe(404);
    // Their team cannot be given to my user; their user name is free in my municipality.
    const smuggled = await client.api('POST', '/api/v1/users', { username: 'ny.bruger', displayName: 'Ny', role: 'adviser', teamId: theirTeam.id });
    expect(smuggled.statusCode).toBe(400);
    expect(smuggled.json().error.fields).toEqual([{ field: 'teamId', message: 'Vælg en af mulighederne.' }]);
    expect((await client.api('POST', '/api/v1/users', { username: theirUser.username, displayName: 'Samme navn', role: 'adviser' })).statusCode).toBe(201);
    expect(await tenantFingerprint(t.deps, theirs.id)).toBe(before);
    // Their administrator's session is worth nothing on my municipality's host.
    const theirAdmin = await createUser(t.deps, theirs, { role: 'admin' });
    const crossing = useSession(TestClient.for(t.app, mine), await createTestSession(t.deps, theirAdmin));
    expect((await crossing.get('/admin/users')).statusCode).toBe(303);
    expect((await crossing.api('POST', '/api/v1/teams', { name: 'Indtrængt', kind: 'unit' })).statusCode).toBe(401);
  });
});
