/**
 * Bad input of every kind gets a clear, translated 4xx, changes nothing and never runs as
 * script when shown back: unknown routes, malformed and oversized bodies, wrong content types,
 * expired and forged sessions, hostile text in every admin form field, redirect targets; and
 * the security headers are on every answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient, type Response } from '../support/client.js';
import { tenantFingerprint } from '../support/digest.js';
import { createTeam, createTenant, createUser, type TestTenant, type TestUser } from '../support/factories.js';
import { createTestSession, useSession } from '../support/sessions.js';

let t: TestApp;
let tenant: TestTenant;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await createTenant(t.deps);
  admin = await createUser(t.deps, tenant, { role: 'admin' });
});
afterAll(() => t.close());

async function adminClient(): Promise<TestClient> {
  return useSession(TestClient.for(t.app, tenant), await createTestSession(t.deps, admin));
}

function expectClientError(response: Response, status: number): void {
  expect(response.statusCode, response.body.slice(0, 300)).toBe(status);
}

/** Text and markup that would run or break SQL if anything built HTML or SQL by concatenation. */
const HOSTILE = `<script>alert(1)</script>"'><img src=x onerror=alert(2)> '; drop table users; -- OR 1=1`;

function expectEscaped(html: string): void {
  expect(html).not.toContain('<script>alert');
  expect(html).not.toContain('<img src=x');
  expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/); // no inline script at all
  expect(html).not.toMatch(/\sstyle="/); // CSP forbids inline styles too
}

describe('unknown routes', () => {
  it('answer a Danish 404 page by default and an English one with the language cookie', async () => {
    const client = TestClient.for(t.app, tenant);
    const danish = await client.get('/findes/ikke?navn=Anna');
    expectClientError(danish, 404);
    expect(danish.headers['content-type']).toMatch(/text\/html/);
    expect(danish.body).toContain('<html lang="da"');
    expect(danish.body).toContain('Siden findes ikke');
    client.cookies.set('sb_lang', 'en');
    const english = await client.get('/does/not/exist');
    expectClientError(english, 404);
    expect(english.body).toContain('<html lang="en"');
    expect(english.body).toContain('Page not found');
  });

  it('answer JSON under /api, in English when asked', async () => {
    const client = TestClient.for(t.app, tenant);
    const danish = await client.get('/api/v1/nothing-here');
    expectClientError(danish, 404);
    expect(danish.json().error).toMatchObject({ code: 'not_found', message: expect.stringContaining('Vi kan ikke finde') });
    const english = await client.get('/api/v1/nothing-here', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.json().error.message).toContain('We cannot find');
  });

  it('answer 404 to a POST, also one from another site and one with a broken body', async () => {
    const client = TestClient.for(t.app, tenant);
    expectClientError(await client.request({ method: 'POST', url: '/findes/ikke', form: { a: 'b' } }), 404);
    expectClientError(await client.request({ method: 'POST', url: '/findes/ikke', form: { a: 'b' }, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }), 404);
    expectClientError(await client.request({ method: 'DELETE', url: '/admin/users' }), 404);
    const json = await client.request({ method: 'POST', url: '/findes/ikke', body: '{"broken', headers: { 'content-type': 'application/json' } });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
  });

  it('answer a translated page, not Fastify\'s English JSON, to an over-long or malformed path', async () => {
    const staff = await adminClient();
    const long = await staff.get(`/sager/${'x'.repeat(300)}`);
    expectClientError(long, 404);
    expect(long.headers['content-type']).toContain('text/html');
    expect(long.body).toContain('Siden findes ikke');
    const token = await TestClient.for(t.app, tenant).get(`/activate/${'a'.repeat(10_000)}`);
    expect(token.statusCode).toBeGreaterThanOrEqual(400);
    expect(token.statusCode).toBeLessThan(500);
    expect(token.headers['content-type']).toContain('text/html');
    expect(token.body).not.toContain('FST_ERR');
    const citizen = await TestClient.for(t.app, tenant).request({ method: 'POST', url: `/hjaelp/${'d'.repeat(300)}/skriv`, form: { message: 'Hej' } });
    expectClientError(citizen, 404);
    expect(citizen.headers['set-cookie']).toBeUndefined();
    expect(citizen.body).not.toContain('FST_ERR');
    // A broken percent-escape is sent to the literal address, whose 404 is the frame's own.
    for (const [url, literal] of [['/sager/%E0%A4%A/noter', '/sager/%25E0%25A4%25A/noter'], ['/hjaelp/da%ZZ/skriv?x=1', '/hjaelp/da%25ZZ/skriv?x=1']]) {
      const bad = await TestClient.for(t.app, tenant).request({ method: 'POST', url, form: { message: 'Hej' } });
      expect(bad.statusCode, url).toBe(303);
      expect(bad.headers.location).toBe(literal);
      expect(bad.headers['set-cookie']).toBeUndefined();
      const landed = await TestClient.for(t.app, tenant).get(literal);
      expectClientError(landed, 404);
      expect(landed.headers['content-type']).toContain('text/html');
    }
  });

  it('answer 404 for a host that belongs to no municipality when several exist', async () => {
    await createTenant(t.deps); // with two tenants, an unknown host cannot fall back to the only one
    const stranger = new TestClient(t.app, 'nobody.example');
    expectClientError(await stranger.get('/'), 404);
    expectClientError(await stranger.request({ method: 'POST', url: '/login', form: { username: 'x', password: 'y' } }), 404);
    expectClientError(await stranger.get('/api/v1/auth/me'), 404);
  });
});

describe('bodies', () => {
  it('refuses malformed JSON with a translated 400 and stores nothing', async () => {
    const client = await adminClient();
    const before = await tenantFingerprint(t.deps, tenant.id);
    const response = await client.request({ method: 'POST', url: '/api/v1/teams', body: '{"name": "Team", "kind": ', headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken! } });
    expectClientError(response, 400);
    expect(response.json().error).toMatchObject({ code: 'bad_request', message: 'Indholdet er ikke gyldig JSON.' });
    const english = await client.request({ method: 'POST', url: '/api/v1/teams', body: '[', headers: { 'content-type': 'application/json', 'accept-language': 'en', 'x-csrf-token': client.csrfToken! } });
    expect(english.json().error.message).toBe('The body is not valid JSON.');
    const page = await client.request({ method: 'POST', url: '/admin/teams', body: '{"name":', headers: { 'content-type': 'application/json' } });
    expectClientError(page, 400);
    expect(page.body).toContain('Indholdet er ikke gyldig JSON.');
    expect(await tenantFingerprint(t.deps, tenant.id)).toBe(before);
  });

  it('refuses bodies over 1 MB with 413, as JSON and as a form', async () => {
    const client = await adminClient();
    const before = await tenantFingerprint(t.deps, tenant.id);
    const big = 'x'.repeat(1024 * 1024 + 10);
    const api = await client.api('POST', '/api/v1/teams', { name: big, kind: 'unit' });
    expectClientError(api, 413);
    expect(api.json().error.message).toContain('1 MB');
    const form = await client.postForm('/admin/teams', { name: big, kind: 'unit' });
    expectClientError(form, 413);
    expect(form.body).toContain('Indholdet er for stort');
    expect(await tenantFingerprint(t.deps, tenant.id)).toBe(before);
  });

  it('refuses content types it does not read with 415', async () => {
    const client = await adminClient();
    const before = await tenantFingerprint(t.deps, tenant.id);
    const headers = { 'x-csrf-token': client.csrfToken! };
    const plain = await client.request({ method: 'POST', url: '/api/v1/teams', body: 'name=x', headers: { ...headers, 'content-type': 'text/plain' } });
    expectClientError(plain, 415);
    expect(plain.json().error.code).toBe('unsupported_media_type');
    // A form is fine for pages, not for the JSON API.
    const form = await client.request({ method: 'POST', url: '/api/v1/teams', form: { name: 'Formularteam', kind: 'unit' }, headers });
    expectClientError(form, 415);
    const xml = await client.request({ method: 'POST', url: '/admin/teams', body: '<team/>', headers: { ...headers, 'content-type': 'application/xml' } });
    expectClientError(xml, 415);
    expect(xml.body).toContain('Indholdstypen understøttes ikke');
    // Plain text, a JSON list or null sent to a form page is no form: said as such, not as an expired form.
    const text = await client.request({ method: 'POST', url: '/admin/teams', body: 'name=x', headers: { ...headers, 'content-type': 'text/plain' } });
    expectClientError(text, 415);
    expect(text.body).toContain('Indholdstypen understøttes ikke');
    for (const body of ['[]', 'null']) {
      const json = await client.request({ method: 'POST', url: '/admin/teams', body, headers: { ...headers, 'content-type': 'application/json' } });
      expectClientError(json, 400);
      expect(json.body, body).not.toContain('udløbet');
    }
    expect(await tenantFingerprint(t.deps, tenant.id)).toBe(before);
  });

  it('answers 400, not 500, to values the database cannot hold', async () => {
    const client = await adminClient();
    const team = await createTeam(t.deps, tenant);
    const before = await tenantFingerprint(t.deps, tenant.id);
    // A version beyond PostgreSQL's integer range, and a NUL character in a user name.
    expectClientError(await client.api('PUT', `/api/v1/teams/${team.id}`, { name: 'X', kind: 'unit', active: true, version: 3_000_000_000 }), 400);
    expectClientError(await client.api('PUT', `/api/v1/users/${admin.id}`, { displayName: 'X', role: 'admin', version: 2 ** 40 }), 400);
    const anonymous = TestClient.for(t.app, tenant);
    const api = await anonymous.api('POST', '/api/v1/auth/login', { username: 'anna\u0000', password: 'whatever-password' });
    expectClientError(api, 400);
    expect(api.json().error.fields[0]).toEqual({ field: 'username', message: 'Teksten indeholder ugyldige tegn.' });
    await anonymous.getPage('/login');
    const form = await anonymous.postForm('/login', { username: 'anna\u0000', password: 'whatever-password' });
    expectClientError(form, 400);
    expect(form.body).toContain('Teksten indeholder ugyldige tegn.');
    expect(await tenantFingerprint(t.deps, tenant.id)).toBe(before);
  });

  it('stores a lone UTF-16 surrogate as U+FFFD on both databases, as PostgreSQL does (found by the fuzz suite: a 500 on PGlite)', async () => {
    const client = await adminClient();
    const loneSurrogate = 'æ\udfff';
    expectClientError(await TestClient.for(t.app, tenant).api('POST', '/api/v1/auth/login', { username: loneSurrogate, password: 'x' }), 401);
    const created = await client.api('POST', '/api/v1/teams', { name: `Hold ${loneSurrogate}`, kind: 'other' });
    expectClientError(created, 201);
    expect(created.json().name).toBe('Hold æ\ufffd');
    const user = await client.api('POST', '/api/v1/users', { username: `fuzz.${Date.now()}`, displayName: loneSurrogate, role: 'professional' });
    expectClientError(user, 201);
  });
});

describe('sessions', () => {
  it('sends an expired session to the login page with a clear message', async () => {
    const client = await adminClient();
    expect((await client.get('/admin/users')).statusCode).toBe(200);
    await t.db.unsafeOwnerQuery("update sessions set last_seen_at = now() - interval '31 minutes' where user_id = $1", [admin.id]);
    const response = await client.get('/admin/users?q=x');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/login?next=${encodeURIComponent('/admin/users?q=x')}&expired=1`);
    const login = await client.get(String(response.headers.location));
    expect(login.statusCode).toBe(200);
    expect(login.body).toContain('Du er blevet logget af, fordi du har været inaktiv');
    // A form sent after the session expired gets the same message, not a silent failure.
    const post = await client.postForm('/admin/teams', { name: 'For sent', kind: 'unit' });
    expectClientError(post, 401);
    expect(post.body).toContain('Du er blevet logget af');
    expect(post.body).toContain('<h1>Log ind igen</h1>');
    expect(post.body).toContain('Det, du sendte, er ikke gemt.');
    expect(post.body).toContain('href="/login"');
    expect(post.body).not.toContain('Der er fejl i de indsendte oplysninger');
    const api = await client.api('GET', '/api/v1/auth/me');
    expectClientError(api, 401);
    expect(api.json().error.code).toBe('session_expired');
  });

  it('treats forged session cookies and tokens as anonymous', async () => {
    for (const cookie of ['sb_session=forged', `sb_session=${'A'.repeat(43)}`, `__Host-sb_session=${'x'.repeat(500)}`, 'sb_session=%ZZ%', 'sb_session=']) {
      const client = TestClient.for(t.app, tenant);
      const page = await client.get('/', { cookie });
      expect(page.statusCode, cookie).toBe(303);
      expect(page.headers.location).toBe('/login?next=%2F');
      const api = await client.get('/api/v1/auth/me', { cookie });
      expectClientError(api, 401);
      const post = await client.request({ method: 'POST', url: '/api/v1/teams', json: { name: 'x', kind: 'unit' }, headers: { cookie, 'x-csrf-token': 'forged' } });
      expectClientError(post, 401);
    }
    const bearer = TestClient.for(t.app, tenant);
    for (const token of ['sbt_forged', 'sbt_' + 'x'.repeat(5000), 'not-a-token']) {
      bearer.bearer = token;
      expectClientError(await bearer.get('/api/v1/auth/me'), 401);
    }
  });
});

describe('hostile text', () => {
  it('comes back escaped from every text field of the admin forms and stores nothing when refused', async () => {
    const client = await adminClient();
    const team = await createTeam(t.deps, tenant);
    const user = await createUser(t.deps, tenant, { role: 'caseworker' });
    await client.getPage('/admin/teams');

    // Refused input (a user name cannot hold markup; the e-mail is no e-mail) is shown back escaped.
    let before = await tenantFingerprint(t.deps, tenant.id);
    const refused = await client.postForm('/admin/users/new', { username: HOSTILE, displayName: HOSTILE, email: HOSTILE, role: 'adviser' });
    expectClientError(refused, 400);
    expect(refused.body).toContain('&lt;script');
    expectEscaped(refused.body);
    const search = await client.get(`/admin/users?q=${encodeURIComponent(HOSTILE)}`);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('&lt;script');
    expectEscaped(search.body);
    const token = await client.postForm('/account/tokens', { name: HOSTILE, scopes: 'read', expiresInDays: HOSTILE });
    expectClientError(token, 400);
    expectEscaped(token.body);
    const login = TestClient.for(t.app, tenant);
    await login.getPage('/login');
    const loginPage = await login.postForm('/login', { username: HOSTILE, password: HOSTILE });
    expect(loginPage.statusCode).toBe(401);
    expect(loginPage.body).toContain('&lt;script');
    expectEscaped(loginPage.body);
    expect(await tenantFingerprint(t.deps, tenant.id)).toBe(before);

    // Accepted input (a name may hold any text) is stored as typed and shown escaped everywhere.
    const created = await client.postForm('/admin/teams', { name: HOSTILE, kind: 'unit' });
    expect(created.statusCode).toBe(303);
    const updated = await client.postForm(`/admin/users/${user.id}`, { displayName: HOSTILE, email: '', role: 'caseworker', version: '1' });
    expect(updated.statusCode).toBe(303);
    const renamed = await client.postForm(`/admin/teams/${team.id}`, { name: `${HOSTILE} 2`, kind: 'unit', active: 'on', version: '1' });
    expect(renamed.statusCode).toBe(303);
    const stored = await t.db.unsafeOwnerQuery<{ name: string }>('select name from teams where tenant_id = $1 and name = $2', [tenant.id, HOSTILE]);
    expect(stored.rows).toHaveLength(1);
    for (const url of ['/admin/teams', `/admin/teams/${team.id}`, '/admin/users', `/admin/users/${user.id}`, '/api/v1/docs']) {
      const shown = await client.get(url);
      expect(shown.statusCode, url).toBe(200);
      if (url !== '/api/v1/docs') expect(shown.body, url).toContain('&lt;script>alert(1)&lt;/script>');
      expectEscaped(shown.body);
    }
    // The same text in the JSON API is data, never markup: JSON with the right content type.
    const json = await client.get('/api/v1/teams');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.json().teams.map((row: { name: string }) => row.name)).toContain(HOSTILE);

    before = await tenantFingerprint(t.deps, tenant.id);
    const tooLong = await client.postForm('/admin/teams', { name: HOSTILE.repeat(10), kind: 'unit' });
    expectClientError(tooLong, 400);
    expectEscaped(tooLong.body);
    expect(await tenantFingerprint(t.deps, tenant.id)).toBe(before);
  });

  it('never redirects outside the site or breaks the Location header', async () => {
    const client = TestClient.for(t.app, tenant);
    const cases: [string, string][] = [
      ['/sprog?lang=en&next=//evil.example/', '/'],
      ['/sprog?lang=en&next=/%5Cevil.example', '/'],
      ['/sprog?lang=en&next=https://evil.example', '/'],
      ['/sprog?lang=en&next=/%0d%0aSet-Cookie:%20x=1', '/'],
      ['/sprog?lang=en&next=/%E2%82%AC', '/'],
      ['/sprog?lang=da&next=/admin/users%3Fq%3Dx', '/admin/users?q=x'],
      ['/sprog?lang=da&next=/login', '/login'],
    ];
    for (const [url, location] of cases) {
      const response = await client.get(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location, url).toBe(location);
    }
    const professional = await createUser(t.deps, tenant, { role: 'professional' });
    for (const next of ['//evil.example', '/\\evil.example', '/\r\nX:1', '/€', 'https://evil.example', '/login/code']) {
      const login = TestClient.for(t.app, tenant);
      await login.getPage('/login');
      const response = await login.postForm('/login', { username: professional.username, password: professional.password, next });
      expect(response.statusCode, next).toBe(303);
      expect(response.headers.location, next).toBe('/');
    }
  });

  it('does not let a query parameter reach the translator as an object', async () => {
    const client = await adminClient();
    for (const notice of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const response = await client.get(`/admin/users/${admin.id}?notice=${notice}`);
      expect(response.statusCode, notice).toBe(200);
      expect(response.body).not.toContain('[object');
      expect(response.body).not.toContain('[native code]');
      expect(response.body).not.toContain('alert-success');
    }
  });
});

describe('security headers', () => {
  it('sends a strict CSP and the other headers on pages, API answers and errors', async () => {
    const client = TestClient.for(t.app, tenant);
    for (const response of [await client.get('/login'), await client.get('/api/v1/auth/me'), await client.get('/nowhere'), await client.get('/healthz'), await client.get('/static/app/app.css')]) {
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
    const page = await client.get('/login');
    expect(page.headers['cache-control']).toBe('no-store');
    expectEscaped(page.body);
  });

  it('sends HSTS only over HTTPS, and trusts X-Forwarded-Proto only behind a configured proxy', async () => {
    const spoofed = await TestClient.for(t.app, tenant).get('/login', { 'x-forwarded-proto': 'https' });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    const proxied = await createTestApp({ db: t.db, env: { TRUST_PROXY: 'true' } });
    try {
      const https = await TestClient.for(proxied.app, tenant).get('/login', { 'x-forwarded-proto': 'https' });
      expect(https.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
      const http = await TestClient.for(proxied.app, tenant).get('/login', { 'x-forwarded-proto': 'http' });
      expect(http.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });
});
