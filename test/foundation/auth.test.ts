/**
 * Logging in: password, second factor (TOTP and single-use recovery codes), enrolment,
 * stages that cannot be skipped, a new session id at every stage, throttling, timeouts,
 * logout (here and everywhere), deactivation, cookie flags, the API login and CSRF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/platform/auth/totp.js';
import { handle } from '../../src/platform/http/routes.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient, freshTotp, type Response } from '../support/client.js';
import { createTenant, createUser, type TestTenant, type TestUser } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const LOCKED_DA = 'Der har været for mange mislykkede forsøg';
const FAILED_DA = 'Brugernavnet eller adgangskoden er forkert';

interface Cookie {
  name: string;
  value: string;
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
}

function sessionCookie(response: Response): Cookie | undefined {
  return (response.cookies as Cookie[]).find((cookie) => cookie.name.endsWith('sb_session'));
}

function session(client: TestClient): string | undefined {
  return client.cookies.get('sb_session');
}

async function passwordStep(client: TestClient, username: string, password: string): Promise<Response> {
  await client.getPage('/login');
  return client.postForm('/login', { username, password });
}

/** Removes what differs between two renderings of the same page (tokens, echoed user name). */
function normalise(html: string, username: string): string {
  return html.replaceAll(username, 'USER').replace(/value="[A-Za-z0-9_-]{20,}"/g, 'value="TOKEN"');
}

async function sessionRows(user: TestUser): Promise<{ stage: string }[]> {
  return (await t.db.unsafeOwnerQuery<{ stage: string }>('select stage from sessions where user_id = $1', [user.id])).rows;
}

describe('password and second factor', () => {
  it('logs a professional in with the password alone (her role needs no second factor)', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'professional' });
    const client = TestClient.for(t.app, tenant);
    const response = await passwordStep(client, user.username, user.password);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    const home = await client.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(user.displayName);
    const audit = await t.db.unsafeOwnerQuery<{ outcome: string }>("select outcome from audit_events where tenant_id = $1 and action = 'auth.login' and actor_user_id = $2", [tenant.id, user.id]);
    expect(audit.rows).toEqual([{ outcome: 'ok' }]);
  });

  it('asks for the TOTP code, issuing a new session id at each stage, and keeps a pending session out', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'adviser' });
    const client = TestClient.for(t.app, tenant);
    await client.getPage('/login');
    const preLogin = client.cookies.get('sb_csrf');
    const first = await client.postForm('/login', { username: user.username, password: user.password, next: '/account' });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/login/code?next=%2Faccount');
    const pending = session(client)!;
    expect(pending).toBeTruthy();
    expect(pending).not.toBe(preLogin);
    expect(await sessionRows(user)).toEqual([{ stage: 'second_factor' }]);

    // The pending session reaches nothing but the code page.
    for (const url of ['/', '/account', '/admin/users', '/account/tokens']) {
      const refused = await client.get(url);
      expect(refused.statusCode, url).toBe(303);
      expect(String(refused.headers.location), url).toMatch(/^\/login\?next=/);
    }
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await client.get('/api/v1/teams')).statusCode).toBe(401);
    const code = await client.getPage('/login/code');
    expect(code.statusCode).toBe(200);
    expect(code.body).not.toContain('class="mainmenu"');

    const second = await client.postForm('/login/code?next=%2Faccount', { code: freshTotp(user) });
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe('/account');
    const complete = session(client)!;
    expect(complete).not.toBe(pending);
    expect((await client.get('/account')).statusCode).toBe(200);
    // The pending token died with the stage change.
    const stale = TestClient.for(t.app, tenant);
    stale.cookies.set('sb_session', pending);
    expect((await stale.get('/')).statusCode).toBe(303);
    expect(await sessionRows(user)).toEqual([{ stage: 'complete' }]);
  });

  it('refuses a wrong or replayed TOTP code', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'caseworker' });
    const client = TestClient.for(t.app, tenant);
    await passwordStep(client, user.username, user.password);
    await client.getPage('/login/code');
    const wrong = await client.postForm('/login/code', { code: '000000' === currentTotp(user.totpSecret!) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Koden er forkert eller allerede brugt');
    const code = freshTotp(user);
    expect((await client.postForm('/login/code', { code })).statusCode).toBe(303);
    // The same code a second time (an observed code) does not open another session.
    const other = TestClient.for(t.app, tenant);
    await passwordStep(other, user.username, user.password);
    await other.getPage('/login/code');
    expect((await other.postForm('/login/code', { code })).statusCode).toBe(401);
  });

  it('enrols with a server-rendered QR code, issues ten single-use recovery codes, and accepts each once', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'manager', totp: false });
    const client = TestClient.for(t.app, tenant);
    const first = await passwordStep(client, user.username, user.password);
    expect(first.headers.location).toBe('/login/enrol?next=%2F');
    expect((await client.get('/')).statusCode).toBe(303); // enrolment cannot be skipped
    const page = await client.getPage('/login/enrol');
    expect(page.statusCode).toBe(200);
    const qr = /<img class="totp-qr" src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/.exec(page.body);
    expect(qr).not.toBeNull();
    expect(Buffer.from(qr![1], 'base64').toString('utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const secret = /data-secret="([A-Z2-7]+)"/.exec(page.body)![1];
    const enrolmentSession = session(client);

    const wrong = await client.postForm('/login/enrol', { code: currentTotp(secret) === '123456' ? '654321' : '123456' });
    expect(wrong.statusCode).toBe(400);
    const done = await client.postForm('/login/enrol', { code: currentTotp(secret) });
    expect(done.statusCode).toBe(200);
    const codes = [...done.body.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((match) => match[1]);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(session(client)).not.toBe(enrolmentSession);
    expect((await client.get('/')).statusCode).toBe(200);
    const stored = await t.db.unsafeOwnerQuery<{ code_hash: string }>('select code_hash from recovery_codes where user_id = $1', [user.id]);
    expect(stored.rows).toHaveLength(10);
    expect(stored.rows.map((row) => row.code_hash)).not.toEqual(expect.arrayContaining(codes.map((code) => expect.stringContaining(code.replace('-', '')))));

    // A recovery code replaces the app once, in any spelling, and never again.
    for (const [index, spelling] of [codes[0].toUpperCase(), ` ${codes[1].replace('-', ' ')} `].entries()) {
      const again = TestClient.for(t.app, tenant);
      await passwordStep(again, user.username, user.password);
      await again.getPage('/login/code');
      const used = await again.postForm('/login/code', { code: spelling });
      expect(used.statusCode, `code ${index}`).toBe(303);
      expect((await again.get('/')).statusCode).toBe(200);
    }
    const replay = TestClient.for(t.app, tenant);
    await passwordStep(replay, user.username, user.password);
    await replay.getPage('/login/code');
    expect((await replay.postForm('/login/code', { code: codes[0] })).statusCode).toBe(401);
    const remaining = await t.db.unsafeOwnerQuery<{ count: number }>('select count(*)::int as count from recovery_codes where user_id = $1 and used_at is null', [user.id]);
    expect(remaining.rows[0].count).toBe(8);
  });
});

describe('the request context', () => {
  it('sets the database user only for a login the route accepts, never for a pending one', async () => {
    const probe = await createTestApp({
      db: t.db,
      beforeReady: (app, deps) => {
        for (const auth of ['public', 'pending'] as const) {
          app.get(`/test/whoami/${auth}`, async (req) => {
            const { result } = await handle(deps, req, { access: { auth, csrf: 'none' }, api: true, url: `/test/whoami/${auth}` }, async (scope) => {
              const { rows } = await scope.tx.query<{ id: string }>("select coalesce(current_setting('app.user_id', true), '') as id");
              return { databaseUser: rows[0].id, actor: scope.actor?.userId ?? null };
            });
            return result;
          });
        }
      },
    });
    try {
      const tenant = await createTenant(probe.deps);
      const user = await createUser(probe.deps, tenant, { role: 'adviser' }); // its keys encrypt the TOTP secret
      const client = new TestClient(probe.app, tenant.host);
      await passwordStep(client, user.username, user.password); // pending: waiting for the code
      expect((await client.get('/test/whoami/public')).json()).toEqual({ databaseUser: '', actor: null });
      expect((await client.get('/test/whoami/pending')).json()).toEqual({ databaseUser: user.id, actor: user.id });
      await client.getPage('/login/code');
      const done = await client.postForm('/login/code', { code: freshTotp(user) });
      expect(done.statusCode, done.body.slice(0, 500)).toBe(303);
      expect((await client.get('/test/whoami/public')).json()).toEqual({ databaseUser: user.id, actor: user.id });
    } finally {
      await probe.close();
    }
  });
});

describe('throttling', () => {
  it('locks the account for 15 minutes after 5 failures, from any client, with one message for all', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'professional' });
    const attacker = TestClient.for(t.app, tenant);
    attacker.remoteAddress = '203.0.113.7';
    const failures: Response[] = [];
    for (let i = 0; i < 5; i++) failures.push(await passwordStep(attacker, user.username, `wrong password ${i}`));
    expect(failures.slice(0, 4).map((r) => r.statusCode)).toEqual([401, 401, 401, 401]);
    expect(failures[4].statusCode).toBe(429);
    expect(failures[4].body).toContain(LOCKED_DA);

    // The right password from another address is refused too, with the same message.
    const owner = TestClient.for(t.app, tenant);
    owner.remoteAddress = '198.51.100.1';
    const refused = await passwordStep(owner, user.username, user.password);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain(LOCKED_DA);
    expect(session(owner)).toBeUndefined();
    const lock = await t.db.unsafeOwnerQuery<{ minutes: number }>(
      'select round(extract(epoch from (max(locked_until) - now())) / 60)::int as minutes from login_throttle where tenant_id = $1', [tenant.id]);
    expect(lock.rows[0].minutes).toBe(15);

    // After the 15 minutes (moved in the database) the right password works again.
    await t.db.unsafeOwnerQuery("update login_throttle set locked_until = now() - interval '1 second' where tenant_id = $1", [tenant.id]);
    const later = await passwordStep(owner, user.username, user.password);
    expect(later.statusCode).toBe(303);
    const audit = await t.db.unsafeOwnerQuery<{ reason: string }>(
      "select details->>'reason' as reason from audit_events where tenant_id = $1 and action = 'auth.login' and outcome = 'failed' order by id", [tenant.id]);
    expect(audit.rows.map((row) => row.reason)).toEqual(['bad_password', 'bad_password', 'bad_password', 'bad_password', 'bad_password', 'locked']);
  });

  it('locks the client address after 5 failures across accounts', async () => {
    const tenant = await createTenant(t.deps);
    const victim = await createUser(t.deps, tenant, { role: 'professional' });
    const sprayer = TestClient.for(t.app, tenant);
    sprayer.remoteAddress = '203.0.113.9';
    for (let i = 0; i < 5; i++) await passwordStep(sprayer, `guess-${i}`, 'Sommer2024!');
    const blocked = await passwordStep(sprayer, victim.username, victim.password);
    expect(blocked.statusCode).toBe(429);
    const elsewhere = TestClient.for(t.app, tenant);
    elsewhere.remoteAddress = '198.51.100.2';
    expect((await passwordStep(elsewhere, victim.username, victim.password)).statusCode).toBe(303);
  });

  it('behind a proxy, locks the address the proxy saw, whatever the client writes into X-Forwarded-For', async () => {
    const proxied = await createTestApp({ db: t.db, env: { TRUST_PROXY: 'true' } });
    try {
      const tenant = await createTenant(t.deps);
      const victim = await createUser(t.deps, tenant, { role: 'professional' });
      const sprayer = new TestClient(proxied.app, tenant.host);
      const viaProxy = (claimed: string) => ({ 'x-forwarded-for': `${claimed}, 203.0.113.44` });
      const attempt = async (client: TestClient, username: string, password: string, headers: Record<string, string>) => {
        await client.request({ method: 'GET', url: '/login', headers }).then((page) => {
          const match = /name="_csrf" value="([^"]+)"/.exec(page.body);
          if (match) client.csrfToken = match[1];
        });
        return client.request({ method: 'POST', url: '/login', form: { _csrf: client.csrfToken!, username, password }, headers });
      };
      const answers: number[] = [];
      for (let i = 0; i < 6; i++) answers.push((await attempt(sprayer, `guess-${i}`, 'Sommer2024!', viaProxy(`10.9.${i}.1`))).statusCode);
      expect(answers).toEqual([401, 401, 401, 401, 429, 429]);
      // Another client behind the same proxy is not locked by the sprayer's claims about itself.
      const colleague = new TestClient(proxied.app, tenant.host);
      expect((await attempt(colleague, victim.username, victim.password, { 'x-forwarded-for': '203.0.113.45' })).statusCode).toBe(303);
    } finally {
      await proxied.close();
    }
  });

  it('gives the same answer whether or not the account exists, before and after the lock', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'professional' });
    const ghost = 'findes.ikke';
    const answers = async (username: string, address: string) => {
      const client = TestClient.for(t.app, tenant);
      client.remoteAddress = address;
      const list: Response[] = [];
      for (let i = 0; i < 6; i++) list.push(await passwordStep(client, username, 'forkert-adgangskode'));
      return list;
    };
    const real = await answers(user.username, '203.0.113.20');
    const fake = await answers(ghost, '203.0.113.21');
    expect(real.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(fake.map((r) => r.statusCode)).toEqual(real.map((r) => r.statusCode));
    expect(real[0].body).toContain(FAILED_DA);
    for (let i = 0; i < 6; i++) expect(normalise(fake[i].body, ghost)).toBe(normalise(real[i].body, user.username));
    const api = TestClient.for(t.app, tenant);
    api.remoteAddress = '203.0.113.22';
    const realApi = await api.api('POST', '/api/v1/auth/login', { username: user.username, password: 'nope-nope-nope' });
    const fakeApi = await api.api('POST', '/api/v1/auth/login', { username: ghost, password: 'nope-nope-nope' });
    expect(fakeApi.statusCode).toBe(realApi.statusCode);
    expect(fakeApi.json().error.message).toBe(realApi.json().error.message);
  });

  it('counts wrong second-factor codes towards the lock, also across fresh password logins', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'adviser' });
    const wrongCode = () => (currentTotp(user.totpSecret!) === '999999' ? '888888' : '999999');
    const statuses: number[] = [];
    // One wrong code per password login: the right password must not reset the count.
    for (let i = 0; i < 5; i++) {
      const client = TestClient.for(t.app, tenant);
      const first = await passwordStep(client, user.username, user.password);
      if (first.statusCode !== 303) {
        statuses.push(first.statusCode);
        continue;
      }
      await client.getPage('/login/code');
      statuses.push((await client.postForm('/login/code', { code: wrongCode() })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const client = TestClient.for(t.app, tenant);
    const locked = await passwordStep(client, user.username, user.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain(LOCKED_DA);
    // Through the API as well: the right password and the right code are refused while locked.
    const api = TestClient.for(t.app, tenant);
    api.remoteAddress = '198.51.100.3';
    const response = await api.loginApi(user);
    expect(response.statusCode).toBe(429);
    expect(response.json().error.code).toBe('rate_limited');
  });

  it('ends the pending session when wrong codes reach the lock in one session', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'dpo' });
    const client = TestClient.for(t.app, tenant);
    await passwordStep(client, user.username, user.password);
    await client.getPage('/login/code');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.postForm('/login/code', { code: currentTotp(user.totpSecret!) === '424242' ? '242424' : '424242' })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(await sessionRows(user)).toEqual([]);
    expect(session(client)).toBeUndefined();
  });
});

describe('session lifetime', () => {
  it('ends a session after 30 idle minutes and after 10 hours in all', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'professional' });
    const client = TestClient.for(t.app, tenant);
    await client.loginForm(user);
    await t.db.unsafeOwnerQuery("update sessions set last_seen_at = now() - interval '29 minutes' where user_id = $1", [user.id]);
    expect((await client.get('/')).statusCode).toBe(200);
    const touched = await t.db.unsafeOwnerQuery<{ idle: number }>('select extract(epoch from now() - last_seen_at)::int as idle from sessions where user_id = $1', [user.id]);
    expect(touched.rows[0].idle).toBeLessThan(60); // the visit counts as activity
    await t.db.unsafeOwnerQuery("update sessions set last_seen_at = now() - interval '31 minutes' where user_id = $1", [user.id]);
    const idle = await client.get('/');
    expect(idle.statusCode).toBe(303);
    expect(idle.headers.location).toBe('/login?next=%2F&expired=1');

    const second = TestClient.for(t.app, tenant);
    await second.loginForm(user);
    const created = await t.db.unsafeOwnerQuery<{ hours: number }>('select round(extract(epoch from expires_at - created_at) / 3600)::int as hours from sessions where user_id = $1', [user.id]);
    expect(created.rows.map((row) => row.hours)).toContain(10);
    await t.db.unsafeOwnerQuery("update sessions set expires_at = now() - interval '1 second', last_seen_at = now() where user_id = $1", [user.id]);
    expect((await second.get('/')).headers.location).toBe('/login?next=%2F&expired=1');
  });

  it('logs out one session, and everywhere', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'professional' });
    const laptop = TestClient.for(t.app, tenant);
    const phone = TestClient.for(t.app, tenant);
    const desk = TestClient.for(t.app, tenant);
    for (const client of [laptop, phone, desk]) await client.loginForm(user);
    expect(await sessionRows(user)).toHaveLength(3);

    const token = session(laptop)!;
    const out = await laptop.postForm('/logout', {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login?loggedOut=1');
    expect(session(laptop)).toBeUndefined();
    expect(await sessionRows(user)).toHaveLength(2);
    laptop.cookies.set('sb_session', token); // an old copy of the cookie is worth nothing
    expect((await laptop.get('/')).statusCode).toBe(303);
    expect((await laptop.get('/login?loggedOut=1')).body).toContain('Du er logget af.');

    await phone.getPage('/account');
    const everywhere = await phone.postForm('/account/logout-everywhere', {});
    expect(everywhere.statusCode).toBe(303);
    expect(await sessionRows(user)).toHaveLength(0);
    expect((await desk.get('/')).statusCode).toBe(303);
    const audit = await t.db.unsafeOwnerQuery<{ action: string }>("select action from audit_events where tenant_id = $1 and action like 'auth.logout%' order by id", [tenant.id]);
    expect(audit.rows.map((row) => row.action)).toEqual(['auth.logout', 'auth.logout_all']);
  });

  it('refuses a deactivated user at login and ends the sessions she has', async () => {
    const tenant = await createTenant(t.deps);
    const admin = await createUser(t.deps, tenant, { role: 'admin' });
    const user = await createUser(t.deps, tenant, { role: 'professional' });
    const hers = TestClient.for(t.app, tenant);
    await hers.loginForm(user);
    const adminClient = TestClient.for(t.app, tenant);
    expect((await adminClient.loginApi(admin)).statusCode).toBe(200);
    expect((await adminClient.api('POST', `/api/v1/users/${user.id}/deactivate`)).statusCode).toBe(200);
    expect((await hers.get('/')).statusCode).toBe(303);
    const again = await passwordStep(TestClient.for(t.app, tenant), user.username, user.password);
    expect(again.statusCode).toBe(401);
    expect(again.body).toContain(FAILED_DA);

    // Deactivated in the database by an operator (sessions left behind): they no longer count.
    const other = await createUser(t.deps, tenant, { role: 'professional' });
    const client = TestClient.for(t.app, tenant);
    await client.loginForm(other);
    await t.db.unsafeOwnerQuery('update users set active = false where id = $1', [other.id]);
    expect((await client.get('/')).statusCode).toBe(303);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('cookies', () => {
  it('is HttpOnly and SameSite always, and __Host- with Secure behind HTTPS', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'professional' });
    const plain = TestClient.for(t.app, tenant);
    const login = await passwordStep(plain, user.username, user.password);
    const cookie = sessionCookie(login)!;
    expect(cookie).toMatchObject({ name: 'sb_session', path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(cookie.secure).toBeFalsy();

    const proxied = await createTestApp({ db: t.db, env: { TRUST_PROXY: 'true' } });
    try {
      const https = new TestClient(proxied.app, tenant.host);
      const headers = { 'x-forwarded-proto': 'https' };
      const form = await https.get('/login', headers);
      const csrfCookie = (form.cookies as Cookie[]).find((c) => c.name === 'sb_csrf')!;
      expect(csrfCookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1];
      const response = await https.request({ method: 'POST', url: '/login', form: { _csrf: csrf, username: user.username, password: user.password }, headers });
      expect(response.statusCode).toBe(303);
      const secureCookie = sessionCookie(response)!;
      expect(secureCookie).toMatchObject({ name: '__Host-sb_session', path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });
      expect((await https.get('/', headers)).statusCode).toBe(200);
      // Over HTTPS a session token under the plain name (planted from a sibling domain) counts for nothing.
      const planted = await proxied.app.inject({ method: 'GET', url: '/', headers: { ...headers, host: tenant.host, cookie: `sb_session=${secureCookie.value}` } });
      expect(planted.statusCode).toBe(303);
      expect(String(planted.headers.location)).toMatch(/^\/login/);
    } finally {
      await proxied.close();
    }
  });
});

describe('API login and CSRF', () => {
  it('logs in with password and TOTP, answering the CSRF token and the cookie', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'adviser' });
    const client = TestClient.for(t.app, tenant);
    const missing = await client.api('POST', '/api/v1/auth/login', { username: user.username, password: user.password });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.message).toBe('Angiv koden fra godkendelsesappen i feltet totp.');
    expect(await sessionRows(user)).toEqual([]);
    const response = await client.loginApi(user);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(body.user).toMatchObject({ id: user.id, username: user.username, role: 'adviser' });
    expect(sessionCookie(response)).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect((await client.get('/api/v1/auth/me')).json().id).toBe(user.id);
    expect(await sessionRows(user)).toEqual([{ stage: 'complete' }]);
  });

  it('refuses state-changing calls without the X-CSRF-Token header, or with a wrong one', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'adviser' });
    const client = TestClient.for(t.app, tenant);
    await client.loginApi(user);
    const body = { name: 'Skolesystem', scopes: ['read'], expiresInDays: 30 };
    for (const headers of [{ 'x-csrf-token': '' }, { 'x-csrf-token': 'wrong' }, { 'x-csrf-token': `${client.csrfToken}x` }]) {
      const refused = await client.request({ method: 'POST', url: '/api/v1/tokens', json: body, headers });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('csrf');
    }
    const saved = client.csrfToken;
    client.csrfToken = null;
    expect((await client.api('POST', '/api/v1/tokens', body)).statusCode).toBe(403);
    expect((await client.api('POST', '/api/v1/auth/logout')).statusCode).toBe(403);
    client.csrfToken = saved;
    expect((await client.api('POST', '/api/v1/tokens', body)).statusCode).toBe(201);
    // Forms without the token, or sent from another site, are refused as well.
    await client.getPage('/account/tokens');
    expect((await client.postForm('/account/tokens', { name: 'x', scopes: 'read', expiresInDays: '5' }, { csrf: null })).statusCode).toBe(403);
    const crossSite = await client.request({ method: 'POST', url: '/account/tokens', form: { _csrf: client.csrfToken!, name: 'x', scopes: 'read', expiresInDays: '5' }, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    const otherOrigin = await client.request({ method: 'POST', url: '/account/tokens', form: { _csrf: client.csrfToken!, name: 'x', scopes: 'read', expiresInDays: '5' }, headers: { origin: 'https://evil.example' } });
    expect(otherOrigin.statusCode).toBe(403);
    const sameSiteSibling = await client.request({ method: 'POST', url: '/account/tokens', form: { _csrf: client.csrfToken!, name: 'x', scopes: 'read', expiresInDays: '5' }, headers: { origin: 'null', 'sec-fetch-site': 'same-site' } });
    expect(sameSiteSibling.statusCode).toBe(403);
    // Browsers send Origin: null on same-origin posts under Referrer-Policy: no-referrer.
    const sameOrigin = await client.request({ method: 'POST', url: '/account/tokens', form: { _csrf: client.csrfToken!, name: 'Eget system', scopes: 'read', expiresInDays: '5' }, headers: { origin: 'null', 'sec-fetch-site': 'same-origin' } });
    expect(sameOrigin.statusCode).toBe(201);
    const tokens = await t.db.unsafeOwnerQuery<{ name: string }>('select name from api_tokens where user_id = $1 order by name', [user.id]);
    expect(tokens.rows.map((row) => row.name)).toEqual(['Eget system', 'Skolesystem']);
  });

  it('writes refused login posts to the audit log too: a forged token and a cross-site post', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'professional' });
    const client = TestClient.for(t.app, tenant);
    await client.getPage('/login');
    const forged = await client.postForm('/login', { username: user.username, password: user.password }, { csrf: 'x'.repeat(32) });
    expect(forged.statusCode).toBe(403);
    const crossSite = await client.request({ method: 'POST', url: '/login', form: { _csrf: client.csrfToken!, username: user.username, password: user.password }, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    const { rows } = await t.db.unsafeOwnerQuery<{ actor_kind: string; entity_id: string; reason: string }>(
      "select actor_kind, entity_id, details->>'reason' as reason from audit_events where tenant_id = $1 and action = 'security.csrf_rejected' order by id", [tenant.id]);
    expect(rows).toEqual([
      { actor_kind: 'anonymous', entity_id: 'POST /login', reason: 'pre_session_token' },
      { actor_kind: 'anonymous', entity_id: 'POST /login', reason: 'cross_site' },
    ]);
    expect((await t.db.unsafeOwnerQuery('select 1 from sessions where user_id = $1', [user.id])).rows).toHaveLength(0);
  });

  it('refuses a CSRF token from an earlier session after logout and a new login', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'adviser' });
    const client = TestClient.for(t.app, tenant);
    await client.loginApi(user);
    const old = client.csrfToken!;
    expect((await client.api('POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    await client.loginApi(user);
    expect(client.csrfToken).not.toBe(old);
    const replayed = await client.request({ method: 'POST', url: '/api/v1/tokens', json: { name: 'x', scopes: ['read'], expiresInDays: 1 }, headers: { 'x-csrf-token': old } });
    expect(replayed.statusCode).toBe(403);
    await client.getPage('/account/tokens');
    expect((await client.postForm('/account/tokens', { name: 'x', scopes: 'read', expiresInDays: '1' }, { csrf: old })).statusCode).toBe(403);
    const audit = await t.db.unsafeOwnerQuery<{ count: number }>("select count(*)::int as count from audit_events where tenant_id = $1 and action = 'security.csrf_rejected' and outcome = 'denied'", [tenant.id]);
    expect(audit.rows[0].count).toBe(2);
    expect((await t.db.unsafeOwnerQuery('select 1 from api_tokens where user_id = $1', [user.id])).rows).toHaveLength(0);
  });
});
