/** The two OIDC endpoints. The provider round trips happen outside the database transaction. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { setSessionCookie } from '../../platform/http/cookies.js';
import { handle } from '../../platform/http/routes.js';
import { recordLogin, startSession } from './login.js';
import { finishOidcLogin, matchOidcUser, oidcEnabled, startOidcLogin } from './oidc.js';
import { safeNext } from './routes.js';

export function registerOidcRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/auth/oidc/start', async (req, reply) => {
    if (!oidcEnabled(deps)) return reply.redirect('/login', 303);
    try {
      const url = await startOidcLogin(deps, req, reply, safeNext((req.query as Record<string, unknown>).next));
      return reply.redirect(url, 303);
    } catch (error) {
      deps.log.warn({ err: error }, 'oidc discovery failed');
      return reply.redirect('/login?oidc=failed', 303);
    }
  });

  app.get('/auth/oidc/callback', async (req, reply) => {
    if (!oidcEnabled(deps)) return reply.redirect('/login', 303);
    const identity = await finishOidcLogin(deps, req, reply);
    const { result } = await handle(deps, req, { access: { auth: 'public', csrf: 'none' }, api: false, url: '/auth/oidc/callback' }, async (scope) => {
      if (!identity) {
        await scope.audit({ action: 'auth.login', outcome: 'failed', details: { method: 'oidc', reason: 'callback_rejected' } });
        return { to: '/login?oidc=failed' };
      }
      const user = await matchOidcUser(scope, identity);
      if (!user) {
        await scope.audit({ action: 'auth.login', outcome: 'failed', details: { method: 'oidc', reason: 'unknown_user' } });
        return { to: '/login?oidc=unknown' };
      }
      const { session, stage } = await startSession(scope, user, 'oidc', deps.config.OIDC_TRUST_IDP_MFA);
      await recordLogin(scope, user.id, 'oidc', stage);
      setSessionCookie(req, reply, session.token);
      if (stage === 'second_factor') return { to: `/login/code?next=${encodeURIComponent(identity.next)}` };
      if (stage === 'enrolment') return { to: `/login/enrol?next=${encodeURIComponent(identity.next)}` };
      return { to: identity.next };
    });
    return reply.redirect(result.to, 303);
  });
}

