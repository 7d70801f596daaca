/**
 * Login through the municipality's OpenID Connect identity provider (authorization code flow
 * with PKCE, state and nonce). The user must already exist in Selvbestemt: matched by the
 * provider's subject, or the first time by a verified e-mail address (then the subject is
 * remembered). The flow's state travels in an encrypted, short-lived cookie, not the database.
 */
import * as client from 'openid-client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../platform/access/roles.js';
import { decryptText, encryptText } from '../../platform/crypto/aead.js';
import type { AppDeps } from '../../platform/deps.js';
import type { Scope } from '../../platform/http/scope.js';

const STATE_COOKIE = 'sb_oidc';
const STATE_MINUTES = 10;

let configuration: Promise<client.Configuration> | null = null;

export function oidcEnabled(deps: AppDeps): boolean {
  return deps.config.oidc !== null;
}

function providerConfiguration(deps: AppDeps): Promise<client.Configuration> {
  const oidc = deps.config.oidc!;
  configuration ??= client
    .discovery(new URL(oidc.issuer), oidc.clientId, oidc.clientSecret, undefined, deps.config.OIDC_ALLOW_INSECURE ? { execute: [client.allowInsecureRequests] } : undefined)
    .catch((error: unknown) => {
      configuration = null; // try discovery again on the next login
      throw error;
    });
  return configuration;
}

/** Forgets the discovered configuration (tests start a new provider per run). */
export function resetOidcConfiguration(): void {
  configuration = null;
}

interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  at: number;
}

export async function startOidcLogin(deps: AppDeps, req: FastifyRequest, reply: FastifyReply, next: string): Promise<string> {
  const config = await providerConfiguration(deps);
  const flow: FlowState = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    next,
    at: Date.now(),
  };
  const sealed = encryptText(deps.keys.key('personal-data', 'oidc-state'), JSON.stringify(flow), 'oidc');
  reply.setCookie(STATE_COOKIE, sealed, { path: '/auth/oidc', httpOnly: true, secure: req.protocol === 'https', sameSite: 'lax', maxAge: STATE_MINUTES * 60 });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: deps.config.oidc!.redirectUri,
    scope: 'openid email profile',
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
  });
  return url.href;
}

export interface OidcIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  next: string;
}

/** Completes the code exchange; returns null when anything about the response is wrong. */
export async function finishOidcLogin(deps: AppDeps, req: FastifyRequest, reply: FastifyReply): Promise<OidcIdentity | null> {
  const sealed = req.cookies?.[STATE_COOKIE];
  reply.clearCookie(STATE_COOKIE, { path: '/auth/oidc' });
  if (!sealed) return null;
  let flow: FlowState;
  try {
    flow = JSON.parse(decryptText(deps.keys.key('personal-data', 'oidc-state'), sealed, 'oidc')) as FlowState;
  } catch {
    return null;
  }
  if (Date.now() - flow.at > STATE_MINUTES * 60_000) return null;
  try {
    const config = await providerConfiguration(deps);
    const callbackUrl = new URL(req.url, deps.config.oidc!.redirectUri);
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims?.sub) return null;
    let email: unknown = claims.email;
    let emailVerified: unknown = claims.email_verified;
    // A conforming provider puts the e-mail in the ID token only when asked for it there; in
    // the code flow it is at the UserInfo endpoint (bound to the same subject by openid-client).
    if (typeof email !== 'string' && tokens.access_token) {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      email = info.email;
      emailVerified = info.email_verified;
    }
    return {
      subject: claims.sub,
      email: typeof email === 'string' ? email.toLowerCase() : null,
      emailVerified: emailVerified === true,
      next: flow.next,
    };
  } catch (error) {
    deps.log.warn({ err: error }, 'oidc callback rejected');
    return null;
  }
}

/** Finds the existing, active user for an identity (never creates one). */
export async function matchOidcUser(scope: Scope, identity: OidcIdentity): Promise<{ id: string; role: Role; totp_enrolled: boolean } | null> {
  const bySubject = await scope.tx.query<{ id: string; role: Role; totp_enrolled: boolean }>(
    'select id, role, totp_enrolled_at is not null as totp_enrolled from users where oidc_subject = $1 and active',
    [identity.subject],
  );
  if (bySubject.rows[0]) return bySubject.rows[0];
  if (!identity.email || !identity.emailVerified) return null;
  const byEmail = await scope.tx.query<{ id: string; role: Role; totp_enrolled: boolean }>(
    'select id, role, totp_enrolled_at is not null as totp_enrolled from users where lower(email) = $1 and active and oidc_subject is null',
    [identity.email],
  );
  if (byEmail.rows.length !== 1) return null; // ambiguous or unknown: never guess
  await scope.tx.query('update users set oidc_subject = $2, updated_at = now() where id = $1', [byEmail.rows[0].id, identity.subject]);
  return byEmail.rows[0];
}
