/**
 * The staff application's cookies. Behind HTTPS the session cookie is `__Host-` prefixed and
 * `Secure`; it is always HttpOnly and SameSite=Lax (Lax, not Strict, so that returning from
 * the municipality's identity provider keeps the login). The citizen site sets no cookies.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from '../crypto/tokens.js';

const SESSION_COOKIE = 'sb_session';
const SECURE_SESSION_COOKIE = '__Host-sb_session';
const PRE_SESSION_CSRF_COOKIE = 'sb_csrf';

function isSecure(req: FastifyRequest): boolean {
  return req.protocol === 'https';
}

export function readSessionToken(req: FastifyRequest): string | undefined {
  // Over HTTPS only the __Host- cookie counts: a plain-named one may have been planted by
  // another site under the same domain, which the prefix exists to rule out.
  const value = isSecure(req) ? req.cookies?.[SECURE_SESSION_COOKIE] : req.cookies?.[SESSION_COOKIE];
  return value && value.length <= 100 ? value : undefined;
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  const secure = isSecure(req);
  reply.setCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'lax',
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  const secure = isSecure(req);
  reply.clearCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, { path: '/', httpOnly: true, secure, sameSite: 'lax' });
}

/**
 * The token for forms shown before login (login, first administrator, activation): a random
 * value in a SameSite=Strict cookie that the form must echo (double submit).
 */
export function preSessionCsrfToken(req: FastifyRequest, reply: FastifyReply): string {
  const existing = req.cookies?.[PRE_SESSION_CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{20,64}$/.test(existing)) return existing;
  const token = randomToken(24);
  reply.setCookie(PRE_SESSION_CSRF_COOKIE, token, { path: '/', httpOnly: true, secure: isSecure(req), sameSite: 'strict' });
  return token;
}

export function setLanguageCookie(req: FastifyRequest, reply: FastifyReply, lang: string): void {
  reply.setCookie('sb_lang', lang, { path: '/', httpOnly: true, secure: isSecure(req), sameSite: 'lax', maxAge: 365 * 24 * 3600 });
}
