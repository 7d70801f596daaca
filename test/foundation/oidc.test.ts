/**
 * Login through the municipality's OpenID Connect provider, against a real `oidc-provider` (v9)
 * on a loopback port: the authorization-code flow with PKCE, state and nonce runs for real (the
 * provider signs the ID token, the app's openid-client checks it). Only the provider's login and
 * consent screens are replaced: its `interactions.url` points at a handler of this test that
 * finishes the interaction for the account the test chose, as a person typing at the provider
 * would.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetOidcConfiguration } from '../../src/features/auth/oidc.js';
import { decryptText, encryptText } from '../../src/platform/crypto/aead.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient, freshTotp, type Response } from '../support/client.js';
import { createTenant, createUser, type TestTenant, type TestUser } from '../support/factories.js';

interface Account {
  sub: string;
  email?: string;
  email_verified?: boolean;
}

/** Who "logs in" at the provider next. */
let nextAccount: Account = { sub: 'nobody' };
const accounts = new Map<string, Account>();

let server: Server;
let issuer: string;
let t: TestApp;
let trusting: TestApp;
let tenant: TestTenant;

const CLIENT = { client_id: 'selvbestemt', client_secret: 'a-long-client-secret-for-the-test-0123456789' };
const REDIRECT_URI = 'http://kommune.test/auth/oidc/callback';

async function startProvider(): Promise<void> {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [REDIRECT_URI], token_endpoint_auth_method: 'client_secret_post', grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    scopes: ['openid', 'email', 'profile'],
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
  });
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      let result: Record<string, unknown>;
      if (details.prompt.name === 'login') {
        accounts.set(nextAccount.sub, nextAccount);
        result = { login: { accountId: nextAccount.sub } };
      } else {
        const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
        grant.addOIDCScope(String(details.params.scope));
        result = { consent: { grantId: await grant.save() } };
      }
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
}

beforeAll(async () => {
  await startProvider();
  resetOidcConfiguration();
  const env = { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT.client_id, OIDC_CLIENT_SECRET: CLIENT.client_secret, OIDC_REDIRECT_URI: REDIRECT_URI, OIDC_ALLOW_INSECURE: 'true', OIDC_LABEL: 'Log ind med Testkommunens login' };
  t = await createTestApp({ env });
  trusting = await createTestApp({ db: t.db, env: { ...env, OIDC_TRUST_IDP_MFA: 'true' } });
  tenant = await createTenant(t.deps);
});
afterAll(async () => {
  await trusting?.close();
  await t?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A browser at the provider: follows its redirects with its own cookies, until it leaves. */
async function throughProvider(location: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(location);
  for (let hop = 0; hop < 15; hop++) {
    if (url.origin !== issuer) return url;
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair.split('=');
      jar.set(name.trim(), value.join('='));
    }
    const next = response.headers.get('location');
    if (!next) throw new Error(`provider answered ${response.status} without a redirect: ${(await response.text()).slice(0, 300)}`);
    url = new URL(next, url);
  }
  throw new Error('too many redirects at the provider');
}

/** Starts the login in the app, passes the provider as `account`, and returns the app's answer. */
async function oidcLogin(client: TestClient, account: Account, options: { tamper?: (callback: URL) => void } = {}): Promise<Response> {
  nextAccount = account;
  const start = await client.get('/auth/oidc/start?next=%2Faccount');
  expect(start.statusCode).toBe(303);
  const back = await throughProvider(String(start.headers.location));
  expect(back.href.startsWith(REDIRECT_URI)).toBe(true);
  options.tamper?.(back);
  return client.get(`${back.pathname}${back.search}`);
}

async function failedReasons(): Promise<string[]> {
  const { rows } = await t.db.unsafeOwnerQuery<{ reason: string }>(
    "select details->>'reason' as reason from audit_events where tenant_id = $1 and action = 'auth.login' and outcome = 'failed' and details->>'method' = 'oidc' order by id", [tenant.id]);
  return rows.map((row) => row.reason);
}

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${Date.now().toString(36)}`;
}

describe('OpenID Connect login', () => {
  it('offers the provider on the login page and sends the browser there with PKCE, state and nonce', async () => {
    const client = TestClient.for(t.app, tenant);
    expect((await client.get('/login')).body).toContain('Log ind med Testkommunens login');
    const start = await client.get('/auth/oidc/start?next=%2Faccount');
    const url = new URL(String(start.headers.location));
    expect(url.origin).toBe(issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT.client_id, redirect_uri: REDIRECT_URI, response_type: 'code', code_challenge_method: 'S256',
      state: expect.any(String), nonce: expect.any(String), code_challenge: expect.any(String),
    });
    expect(client.cookies.get('sb_oidc')).toBeTruthy();
  });

  it('logs in an existing user matched by subject', async () => {
    const subject = unique('sub');
    const user = await createUser(t.deps, tenant, { role: 'professional' });
    await t.db.unsafeOwnerQuery('update users set oidc_subject = $2 where id = $1', [user.id, subject]);
    const client = TestClient.for(t.app, tenant);
    const response = await oidcLogin(client, { sub: subject });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account');
    expect((await client.get('/account')).statusCode).toBe(200);
    const sessions = await t.db.unsafeOwnerQuery<{ stage: string; auth_method: string }>('select stage, auth_method from sessions where user_id = $1', [user.id]);
    expect(sessions.rows).toEqual([{ stage: 'complete', auth_method: 'oidc' }]);
  });

  it('matches a user once by verified e-mail, then remembers the subject', async () => {
    const subject = unique('sub');
    const email = `${unique('anna')}@kommune.example`;
    const user = await createUser(t.deps, tenant, { role: 'professional', email });
    const client = TestClient.for(t.app, tenant);
    const response = await oidcLogin(client, { sub: subject, email: email.toUpperCase(), email_verified: true });
    expect(response.headers.location).toBe('/account');
    const stored = await t.db.unsafeOwnerQuery<{ oidc_subject: string }>('select oidc_subject from users where id = $1', [user.id]);
    expect(stored.rows[0].oidc_subject).toBe(subject);
    // From now on the subject decides, whatever the e-mail says.
    await t.db.unsafeOwnerQuery("update users set email = 'changed@kommune.example' where id = $1", [user.id]);
    const again = await oidcLogin(TestClient.for(t.app, tenant), { sub: subject, email, email_verified: true });
    expect(again.headers.location).toBe('/account');
  });

  it('refuses an unverified e-mail, an unknown person, an ambiguous e-mail and a deactivated user', async () => {
    const before = (await failedReasons()).length;
    const email = `${unique('bo')}@kommune.example`;
    const bo = await createUser(t.deps, tenant, { role: 'professional', email });
    const unverified = await oidcLogin(TestClient.for(t.app, tenant), { sub: unique('sub'), email, email_verified: false });
    expect(unverified.headers.location).toBe('/login?oidc=unknown');
    expect((await t.db.unsafeOwnerQuery<{ s: string | null }>('select oidc_subject as s from users where id = $1', [bo.id])).rows[0].s).toBeNull();

    const unknown = await oidcLogin(TestClient.for(t.app, tenant), { sub: unique('sub'), email: 'stranger@elsewhere.example', email_verified: true });
    expect(unknown.headers.location).toBe('/login?oidc=unknown');
    const page = await TestClient.for(t.app, tenant).get('/login?oidc=unknown');
    expect(page.body).toContain('Du er ikke oprettet som bruger i Selvbestemt');

    const shared = `${unique('delt')}@kommune.example`;
    await createUser(t.deps, tenant, { role: 'professional', email: shared });
    await createUser(t.deps, tenant, { role: 'professional', email: shared });
    expect((await oidcLogin(TestClient.for(t.app, tenant), { sub: unique('sub'), email: shared, email_verified: true })).headers.location).toBe('/login?oidc=unknown');

    const subject = unique('sub');
    const gone = await createUser(t.deps, tenant, { role: 'professional', active: false });
    await t.db.unsafeOwnerQuery('update users set oidc_subject = $2 where id = $1', [gone.id, subject]);
    const client = TestClient.for(t.app, tenant);
    expect((await oidcLogin(client, { sub: subject })).headers.location).toBe('/login?oidc=unknown');
    expect((await client.get('/')).statusCode).toBe(303);
    expect((await failedReasons()).slice(before)).toEqual(['unknown_user', 'unknown_user', 'unknown_user', 'unknown_user']);
  });

  it('refuses a callback whose state or nonce does not match the flow', async () => {
    const before = (await failedReasons()).length;
    const subject = unique('sub');
    const user = await createUser(t.deps, tenant, { role: 'professional' });
    await t.db.unsafeOwnerQuery('update users set oidc_subject = $2 where id = $1', [user.id, subject]);

    const wrongState = await oidcLogin(TestClient.for(t.app, tenant), { sub: subject }, { tamper: (url) => url.searchParams.set('state', 'forged-state') });
    expect(wrongState.headers.location).toBe('/login?oidc=failed');

    // The flow's nonce lives in the encrypted state cookie; a different one there is a mismatch.
    const client = TestClient.for(t.app, tenant);
    const key = t.deps.keys.key('personal-data', 'oidc-state');
    nextAccount = { sub: subject };
    const start = await client.get('/auth/oidc/start?next=%2F');
    const flow = JSON.parse(decryptText(key, client.cookies.get('sb_oidc')!, 'oidc'));
    client.cookies.set('sb_oidc', encryptText(key, JSON.stringify({ ...flow, nonce: 'another-nonce' }), 'oidc'));
    const back = await throughProvider(String(start.headers.location));
    expect((await client.get(`${back.pathname}${back.search}`)).headers.location).toBe('/login?oidc=failed');

    expect(await t.db.unsafeOwnerQuery('select 1 from sessions where user_id = $1', [user.id]).then((r) => r.rows.length)).toBe(0);

    // A callback in another browser (without the flow's cookie) is refused; the code, used once
    // by the right browser, cannot be used again even with a copy of the cookie.
    const stranger = TestClient.for(t.app, tenant);
    nextAccount = { sub: subject };
    const third = TestClient.for(t.app, tenant);
    const begun = await third.get('/auth/oidc/start?next=%2F');
    const flowCookie = third.cookies.get('sb_oidc')!;
    const returned = await throughProvider(String(begun.headers.location));
    const callback = `${returned.pathname}${returned.search}`;
    expect((await stranger.get(callback)).headers.location).toBe('/login?oidc=failed');
    expect((await third.get(callback)).headers.location).toBe('/');
    const replay = TestClient.for(t.app, tenant);
    replay.cookies.set('sb_oidc', flowCookie);
    expect((await replay.get(callback)).headers.location).toBe('/login?oidc=failed');
    expect(await t.db.unsafeOwnerQuery('select 1 from sessions where user_id = $1', [user.id]).then((r) => r.rows.length)).toBe(1);
    expect((await failedReasons()).slice(before)).toEqual(['callback_rejected', 'callback_rejected', 'callback_rejected', 'callback_rejected']);
  });

  it('still asks for the second factor, unless OIDC_TRUST_IDP_MFA is set', async () => {
    const subject = unique('sub');
    const user: TestUser = await createUser(t.deps, tenant, { role: 'adviser' });
    await t.db.unsafeOwnerQuery('update users set oidc_subject = $2 where id = $1', [user.id, subject]);
    const client = TestClient.for(t.app, tenant);
    const response = await oidcLogin(client, { sub: subject });
    expect(response.headers.location).toBe('/login/code?next=%2Faccount');
    expect((await client.get('/account')).statusCode).toBe(303);
    await client.getPage('/login/code');
    const code = await client.postForm('/login/code?next=%2Faccount', { code: freshTotp(user) });
    expect(code.headers.location).toBe('/account');
    expect((await client.get('/account')).statusCode).toBe(200);

    const unenrolled = await createUser(t.deps, tenant, { role: 'caseworker', totp: false });
    const other = unique('sub');
    await t.db.unsafeOwnerQuery('update users set oidc_subject = $2 where id = $1', [unenrolled.id, other]);
    expect((await oidcLogin(TestClient.for(t.app, tenant), { sub: other })).headers.location).toBe('/login/enrol?next=%2Faccount');

    const trusted = new TestClient(trusting.app, tenant.host);
    const direct = await oidcLogin(trusted, { sub: subject });
    expect(direct.headers.location).toBe('/account');
    expect((await trusted.get('/account')).statusCode).toBe(200);
  });
});
