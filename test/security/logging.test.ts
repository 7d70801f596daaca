/**
 * The log never holds personal data: CPR numbers, names, e-mail addresses and passwords sent in
 * bodies, query strings, paths and headers, or quoted back by a failing database statement,
 * never reach a log line; the request lines themselves (route pattern, status) are there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTenant, createUser, type TestTenant, type TestUser } from '../support/factories.js';
import { createTestSession, useSession } from '../support/sessions.js';

const CPR = '010203-1234';
const CPR_DIGITS = '0102031234';
const NAME = 'Aysel Qadirova-Mikkelsen';
const EMAIL = 'aysel.qadirova@eksempel.dk';
const PASSWORD = 'hemmelig-Kodeord-7731';

/** Every spelling that must never appear. */
const SECRETS = [CPR, CPR_DIGITS, NAME, 'Qadirova', EMAIL, 'aysel.qadirova', PASSWORD];

let t: TestApp;
let tenant: TestTenant;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp({
    beforeReady: (app, deps) => {
      // Test-only routes whose database statements fail with the person's data in the error
      // (PostgreSQL quotes values in messages and whole rows in `detail`).
      app.post('/test/failing-statement/:kind', async (req) => {
        const kind = (req.params as { kind: string }).kind;
        const tenantId = (await deps.tenants.resolve(req.headers.host))!.id;
        return deps.db.withContext({ tenantId, userId: null }, async (tx) => {
          if (kind === 'cast') await tx.query('select $1::integer', [`${NAME} ${CPR} ${EMAIL}`]);
          if (kind === 'unique') {
            await tx.query("insert into teams (tenant_id, name, kind) values ($1, $2, 'unit')", [tenantId, `${NAME} ${CPR}`]);
            await tx.query("insert into teams (tenant_id, name, kind) values ($1, $2, 'unit')", [tenantId, `${NAME} ${CPR}`]);
          }
          if (kind === 'check') {
            await tx.query("insert into users (tenant_id, username, display_name, email, role) values ($1, $2, $3, $4, 'nobody')", [tenantId, 'x1', `${NAME} ${CPR}`, EMAIL]);
          }
          if (kind === 'thrown') throw new Error(`could not handle ${NAME} (${CPR}, ${EMAIL})`);
          return { ok: true };
        });
      });
    },
  });
  tenant = await createTenant(t.deps);
  admin = await createUser(t.deps, tenant, { role: 'admin' });
});
afterAll(() => t.close());

interface LogLine {
  level: number;
  msg: string;
  route?: string;
  status?: number;
  err?: { type?: string; code?: string; message?: string };
}

function parsedLines(): LogLine[] {
  return t.logLines.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((line) => JSON.parse(line) as LogLine);
}

describe('the log', () => {
  it('holds no CPR number, name, e-mail or password from any part of a request or a database error', async () => {
    const start = t.logLines.length;
    const client = useSession(TestClient.for(t.app, tenant), await createTestSession(t.deps, admin));
    const personalHeaders = {
      'user-agent': `Browser for ${NAME}`,
      referer: `https://kommune.example/sag?cpr=${CPR}&navn=${encodeURIComponent(NAME)}`,
      'x-forwarded-for': '10.0.0.1',
      'x-note': `${NAME} ${CPR} ${EMAIL}`,
    };

    // Bodies: a failed form login, an API login, a user created with the person's details.
    const anonymous = TestClient.for(t.app, tenant);
    await anonymous.getPage('/login');
    expect((await anonymous.postForm('/login', { username: EMAIL, password: PASSWORD })).statusCode).toBe(401);
    expect((await anonymous.api('POST', '/api/v1/auth/login', { username: NAME, password: PASSWORD, totp: CPR_DIGITS }, personalHeaders)).statusCode).toBe(401);
    expect((await anonymous.api('POST', '/api/v1/auth/login', { username: 'aysel', password: PASSWORD }, personalHeaders)).statusCode).toBe(401);
    const created = await client.api('POST', '/api/v1/users', { username: 'aysel.q', displayName: NAME, email: EMAIL, role: 'caseworker' }, personalHeaders);
    expect(created.statusCode).toBe(201);
    expect((await client.api('POST', '/api/v1/users', { username: 'aysel.q', displayName: `${NAME} ${CPR}`, email: EMAIL, role: 'caseworker' })).statusCode).toBe(400);
    // Query strings and paths.
    expect((await client.get(`/admin/users?q=${encodeURIComponent(NAME)}&cpr=${CPR}&email=${encodeURIComponent(EMAIL)}`, personalHeaders)).statusCode).toBe(200);
    expect((await client.get(`/personer/${CPR}/${encodeURIComponent(NAME)}?email=${encodeURIComponent(EMAIL)}`, personalHeaders)).statusCode).toBe(404);
    expect((await client.get(`/api/v1/personer/${CPR}`, personalHeaders)).statusCode).toBe(404);
    // Broken and oversized bodies that carry the data.
    expect((await client.request({ method: 'POST', url: '/api/v1/users', body: `{"displayName": "${NAME}", "cpr": "${CPR}"`, headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken! } })).statusCode).toBe(400);
    expect((await client.api('POST', '/api/v1/teams', { name: `${NAME} ${CPR} `.repeat(40_000) })).statusCode).toBe(413);
    // A wrong password on the account page, a search with the data in the API.
    await client.getPage('/account');
    expect((await client.postForm('/account/password', { currentPassword: PASSWORD, newPassword: `${PASSWORD}-ny`, newPasswordRepeat: `${PASSWORD}-ny` })).statusCode).toBe(400);
    expect((await client.get(`/api/v1/users?q=${encodeURIComponent(NAME)}`, { authorization: `Bearer sbt_${CPR_DIGITS}` })).statusCode).toBe(401);
    // Database statements failing with the data in their messages and details.
    for (const kind of ['cast', 'unique', 'check']) {
      const response = await client.request({ method: 'POST', url: `/test/failing-statement/${kind}`, json: { cpr: CPR, name: NAME, email: EMAIL, password: PASSWORD }, headers: personalHeaders });
      expect(response.statusCode, kind).toBeGreaterThanOrEqual(400);
      for (const secret of SECRETS) expect(response.body, `${kind} answer`).not.toContain(secret);
    }

    const written = t.logLines.slice(start).join('');
    for (const secret of SECRETS) expect(written, secret).not.toContain(secret);
    expect(written.toLowerCase()).not.toContain(PASSWORD.toLowerCase());
    expect(written).not.toContain('Failing row contains');
    expect(written).not.toMatch(/Key \(/);

    // The log is not empty because nothing was logged: requests and failures are there.
    const lines = parsedLines();
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toEqual(expect.arrayContaining([
      expect.objectContaining({ route: '/login', status: 401 }),
      expect.objectContaining({ route: '/api/v1/auth/login', status: 401 }),
      expect.objectContaining({ route: '/api/v1/users', status: 201 }),
      expect.objectContaining({ route: '/admin/users', status: 200 }),
      expect.objectContaining({ route: 'unmatched', status: 404 }),
      expect.objectContaining({ route: '/test/failing-statement/:kind', status: 500 }),
    ]));
    const failures = lines.filter((line) => line.level >= 40 && line.err);
    // Each failing statement is logged with its type and SQLSTATE, so it can still be diagnosed.
    expect(failures.map((line) => line.err!.code)).toEqual(expect.arrayContaining(['22P02', '23505', '23514']));
    expect(failures.every((line) => typeof line.err!.type === 'string' && line.err!.type.length > 0)).toBe(true);
  });

  it('scrubs CPR numbers and e-mail addresses even from an application error message', async () => {
    // A name cannot be recognised by pattern: code must never put one in an error message.
    // CPR numbers and addresses are caught even when it does.
    const start = t.logLines.length;
    const client = useSession(TestClient.for(t.app, tenant), await createTestSession(t.deps, admin));
    expect((await client.request({ method: 'POST', url: '/test/failing-statement/thrown', json: {} })).statusCode).toBe(500);
    const written = t.logLines.slice(start).join('');
    expect(written).toContain('request failed');
    for (const secret of [CPR, CPR_DIGITS, EMAIL]) expect(written).not.toContain(secret);
  });

  it('keeps the request line for every request, with the route pattern instead of the address', async () => {
    const start = t.logLines.length;
    const client = TestClient.for(t.app, tenant);
    await client.get(`/activate/${'a'.repeat(40)}?cpr=${CPR}`);
    await client.get('/healthz');
    const lines = t.logLines.slice(start).flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((line) => JSON.parse(line) as LogLine);
    expect(lines.filter((line) => line.msg === 'request').map((line) => [line.route, line.status])).toEqual([
      ['/activate/:token', 404],
      ['/healthz', 200],
    ]);
    expect(t.logLines.slice(start).join('')).not.toContain('aaaaaaaaaa');
  });
});
