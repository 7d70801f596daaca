/**
 * The fuzz suite (used by fuzz-1.test.ts and fuzz-2.test.ts). Property-based: every API endpoint (found in the registry, so later endpoints are included)
 * gets at least 500 random requests from an administrator: arbitrary JSON, values of the wrong
 * type, huge strings, all of Unicode, SQL-looking and HTML/script text, bodies shaped like the
 * endpoint's own schema with hostile values, broken JSON and wrong content types. The answer is
 * always 2xx or 4xx, never 5xx, and a rejected (4xx) request stores nothing.
 *
 * "Stores nothing" is checked after every request with a counter that row triggers on every
 * tenant table bump on each committed row change (the audit log and the login throttle, which
 * refusals are meant to write, are left out). The triggers live in a database of this file's
 * own, so the shared test database is untouched; a full fingerprint of the tenant is compared
 * around each endpoint's runs as well.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient, type Response } from '../support/client.js';
import { openPrivateDatabase } from '../support/db.js';
import { tenantFingerprint } from '../support/digest.js';
import { createTeam, createTenant, createUser, type TestTenant, type TestUser } from '../support/factories.js';
import { declaredRoutes, type DeclaredRoute } from '../support/routes.js';
import { sampleFor } from '../support/samples.js';
import { createTestSession, useSession } from '../support/sessions.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const NOT_COUNTED = new Set(['audit_events', 'audit_chain', 'login_throttle']);

let db: Database;
let t: TestApp;

async function installChangeCounter(database: Database): Promise<void> {
  const { rows } = await database.unsafeOwnerQuery<{ table_name: string }>(
    `select distinct c.table_name from information_schema.columns c
       join information_schema.tables k on k.table_schema = c.table_schema and k.table_name = c.table_name and k.table_type = 'BASE TABLE'
      where c.table_schema = 'public' and c.column_name = 'tenant_id'`,
  );
  await database.unsafeOwnerTransaction(async (tx) => {
    await tx.exec(`create table fuzz_changes (n bigint not null);
      insert into fuzz_changes values (0);
      create function fuzz_count_change() returns trigger language plpgsql security definer as $$
      begin update fuzz_changes set n = n + 1; return null; end $$;`);
    for (const { table_name: table } of rows) {
      if (NOT_COUNTED.has(table)) continue;
      await tx.exec(`create trigger fuzz_change after insert or update or delete on "${table}" for each row execute function fuzz_count_change()`);
    }
  });
}

/** The counter as read after the last request (refreshed whenever the test itself writes). */
let knownChanges: number | null = null;

async function changes(): Promise<number> {
  knownChanges = Number((await db.unsafeOwnerQuery<{ n: number }>('select n from fuzz_changes')).rows[0].n);
  return knownChanges;
}

let tenant: TestTenant;
let admin: TestUser;
let ids: Record<string, string>;

async function setUp(): Promise<void> {
  await installChangeCounter(db);
  tenant = await createTenant(t.deps);
  admin = await createUser(t.deps, tenant, { role: 'admin' });
  const team = await createTeam(t.deps, tenant);
  const victim = await createUser(t.deps, tenant, { role: 'adviser', team });
  const client = useSession(TestClient.for(t.app, tenant), await createTestSession(t.deps, admin));
  const token = await client.api('POST', '/api/v1/tokens', { name: 'Fuzz', scopes: ['read'], expiresInDays: 1 });
  ids = { users: victim.id, teams: team.id, tokens: token.json().token.id };
}

// ---- Arbitraries ----------------------------------------------------------------------------

const nasty = fc.constantFrom(
  "' OR '1'='1", "'; drop table users; --", '1; select pg_sleep(10)', '" OR ""="', '\\', '%', '_', '%_%',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg/onload=alert(1)>', 'javascript:alert(1)',
  '\u0000', 'a\u0000b', '\ud800', '\udfff', '\u202e', '\ufeff', '💩'.repeat(60), 'ﷺ'.repeat(30), 'Ω≈ç√∫', 'æøåÆØÅ',
  '010203-1234', 'null', 'undefined', 'true', 'NaN', '-1', '1e309', '9'.repeat(40), '0x7fffffff', '2147483648',
  '__proto__', 'constructor', '{"$gt": ""}', '../../../etc/passwd', '${7*7}', '{{7*7}}', ' ', '\r\n', '\t',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '2026-02-30', '9999-12-31T23:59:59Z',
);
// Large but under the 1 MB limit (413 is tested in bad-input.test.ts): the schemas must cap lengths.
const hugeString = fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'x'.repeat(n));
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 4, arbitrary: nasty },
  { weight: 1, arbitrary: hugeString },
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 63), Number.MAX_SAFE_INTEGER),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), nasty), tie('value'), { maxKeys: 4 }),
  ),
}));

/** Bodies shaped like the endpoint's schema: its own keys with hostile values, some missing. */
function schemaShaped(route: DeclaredRoute): fc.Arbitrary<unknown> {
  const sample = route.api?.body ? sampleFor(route.api.body, (field) => ids[field.replace(/Id$/, 's')]) : {};
  if (!sample || typeof sample !== 'object' || Array.isArray(sample)) return value;
  const keys = Object.keys(sample as object);
  if (keys.length === 0) return value;
  return fc
    .record(Object.fromEntries(keys.map((key) => [key, fc.oneof(value, fc.constant((sample as Record<string, unknown>)[key]))])), { requiredKeys: [] })
    .chain((record) => fc.oneof(fc.constant(record), fc.record({ extra: value }).map((extra) => ({ ...record, ...extra }))));
}

interface FuzzRequest {
  body: unknown;
  raw: string | null;
  contentType: string | null;
  query: Record<string, string>;
  params: (string | null)[];
}

function requestArbitrary(route: DeclaredRoute): fc.Arbitrary<FuzzRequest> {
  const paramCount = (route.url.match(/:/g) ?? []).length;
  return fc.record({
    body: fc.oneof({ weight: 3, arbitrary: schemaShaped(route) }, { weight: 2, arbitrary: value }, { weight: 1, arbitrary: fc.jsonValue() }),
    raw: fc.option(fc.oneof(fc.constantFrom('{', '{"a":', '[1,2', 'null x', '{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {}}}'), fc.string({ maxLength: 30 })), { freq: 12 }),
    contentType: fc.option(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', ''), { freq: 10 }),
    query: fc.dictionary(fc.oneof(fc.constantFrom('q', 'includeInactive', 'page', 'limit', 'status', '_csrf'), fc.string({ maxLength: 8 })), fc.oneof(text, fc.constant('')).map(String), { maxKeys: 3 }),
    params: fc.array(fc.option(fc.oneof(nasty, fc.uuid(), fc.string({ maxLength: 30 })), { freq: 5 }), { minLength: paramCount, maxLength: paramCount }),
  });
}

/** A path segment from any string (a lone surrogate cannot be percent-encoded: it becomes U+FFFD). */
function encodeSegment(raw: string): string {
  return encodeURIComponent(raw.replace(/[\ud800-\udfff]/g, (unit, at: number) => (isPairedSurrogate(raw, at) ? unit : '\ufffd'))) || 'x';
}

function isPairedSurrogate(raw: string, at: number): boolean {
  const code = raw.charCodeAt(at);
  if (code <= 0xdbff) return at + 1 < raw.length && raw.charCodeAt(at + 1) >= 0xdc00 && raw.charCodeAt(at + 1) <= 0xdfff;
  return at > 0 && raw.charCodeAt(at - 1) >= 0xd800 && raw.charCodeAt(at - 1) <= 0xdbff;
}

function pathFor(route: DeclaredRoute, params: (string | null)[]): string {
  let index = 0;
  const segments = route.url.split('/');
  return segments
    .map((segment, position) => {
      if (!segment.startsWith(':')) return segment;
      const random = params[index++];
      if (random !== null && random !== undefined) return encodeSegment(random);
      return ids[segments[position - 1] ?? ''] ?? '5f0c0d3e-8a39-4c37-9d55-2b1c8c6f0a11';
    })
    .join('/');
}

// ---- The property ---------------------------------------------------------------------------

let client: TestClient | null = null;
let sessionsMinted = 0;

async function adminClient(): Promise<TestClient> {
  if (!client) {
    client = useSession(TestClient.for(t.app, tenant), await createTestSession(t.deps, admin));
    sessionsMinted++;
    knownChanges = null; // the new session row moved the counter
  }
  return client;
}

async function send(current: TestClient, route: DeclaredRoute, request: FuzzRequest): Promise<Response> {
  const query = new URLSearchParams(request.query).toString();
  const url = `${pathFor(route, request.params)}${query ? `?${query}` : ''}`;
  const headers: Record<string, string> = { 'x-csrf-token': current.csrfToken! };
  if (route.method === 'GET' || route.method === 'DELETE') return current.request({ method: route.method, url, headers });
  const body = request.raw ?? JSON.stringify(request.body) ?? 'null';
  headers['content-type'] = request.contentType ?? 'application/json';
  if (headers['content-type'] === '') delete headers['content-type'];
  return current.request({ method: route.method, url, body, headers });
}

/**
 * Registers the fuzz tests for one share of the API endpoints (every `shards`-th, starting at
 * `shard`): the endpoints are split over several test files so that they run on all cores.
 */
export async function fuzzApiEndpoints(shard: number, shards: number): Promise<void> {
  const opened = await openPrivateDatabase();
  db = opened.db;
  t = await createTestApp({ db });
  afterAll(async () => {
    await t.close();
    await opened.drop();
  });
  beforeAll(setUp);

  const all = declaredRoutes().filter((route) => route.kind === 'api');
  const routes = all.filter((_, index) => index % shards === shard);

  describe(`random requests to every API endpoint (share ${shard + 1} of ${shards})`, () => {
    it('finds the endpoints in the registry', () => {
      expect(all.length).toBeGreaterThanOrEqual(17);
      expect(routes.length).toBeGreaterThan(0);
    });

    it.each(routes.map((route) => [`${route.method} ${route.url}`, route] as const))('%s', async (_name, route) => {
      await adminClient();
      const fingerprintBefore = await tenantFingerprint(t.deps, tenant.id);
      const mintedBefore = sessionsMinted;
      let accepted = 0;
      let rejected = 0;
      await fc.assert(
        fc.asyncProperty(requestArbitrary(route), async (request) => {
          const current = await adminClient();
          // The count after the previous request is the count before this one (one query per run).
          const before = knownChanges ?? (await changes());
          const response = await send(current, route, request);
          const after = await changes();
          const label = `${route.method} ${route.url} → ${response.statusCode} ${response.body.slice(0, 300)}`;
          expect(response.statusCode, label).toBeGreaterThanOrEqual(200);
          expect(response.statusCode, label).toBeLessThan(500);
          if (response.statusCode >= 400) {
            rejected++;
            expect(after, `${label}: a rejected request stored something`).toBe(before);
            expect(response.headers['content-type'], label).toMatch(/^application\/json/);
            expect(typeof response.json().error?.message, label).toBe('string');
          } else {
            accepted++;
          }
          // The administrator's own session may legitimately end (logout, own second factor reset).
          if ((response.statusCode === 401 && route.access.auth !== 'public') || route.url.endsWith('/logout')) client = null;
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      expect(accepted + rejected).toBeGreaterThanOrEqual(RUNS);
      if (accepted === 0 && sessionsMinted === mintedBefore) expect(await tenantFingerprint(t.deps, tenant.id), 'nothing was accepted, yet the tenant changed').toBe(fingerprintBefore);
    });
  });
}
