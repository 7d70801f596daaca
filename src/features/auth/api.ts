/** API login for clients that cannot use a personal access token (scripts, the test suite). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROLES } from '../../platform/access/roles.js';
import { api } from '../../platform/api/define.js';
import { deleteSession } from '../../platform/auth/sessions.js';
import type { AppDeps } from '../../platform/deps.js';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/cookies.js';
import { AppError, afterCommit } from '../../platform/http/errors.js';
import { text } from '../../platform/http/validation.js';
import { logout, passwordLogin, verifySecondFactor } from './login.js';

const LoginBody = z
  .object({
    username: text(100).describe('User name.'),
    password: z.string().min(1).max(200).describe('Password.'),
    totp: z.string().trim().max(20).optional().describe('Current code from the authenticator app (or a recovery code); required when the account has a second factor.'),
  })
  .strict();

const Me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  teamId: z.uuid().nullable(),
});

const LoginResponse = z.object({
  csrfToken: z.string().describe('Send as the X-CSRF-Token header on every state-changing call in this session.'),
  user: Me,
});

export function registerAuthApi(app: FastifyInstance, deps: AppDeps): void {
  api(app, deps, {
    method: 'POST', url: '/api/v1/auth/login', operationId: 'login', tags: ['auth'],
    summary: 'Log in with user name, password and second-factor code',
    description: 'Sets the session cookie `sb_session` and returns the CSRF token for the session. After 5 failures the account and the client are locked for 15 minutes (429).',
    access: { auth: 'public', csrf: 'none', allowApiToken: false },
    body: LoginBody, response: LoginResponse, errors: [429],
  }, async (scope, { body }, req, reply) => {
    const result = await passwordLogin(scope, { username: body.username, password: body.password, clientAddress: scope.clientAddress });
    if (!result.ok) {
      // The failure counters and the audit row must persist although the answer is an error.
      if (result.reason === 'locked') throw afterCommit(new AppError('rate_limited', 'auth.login.locked'));
      throw afterCommit(new AppError('unauthenticated', 'auth.login.failed'));
    }
    let session = result.session;
    if (result.stage === 'enrolment') throw new AppError('unauthenticated', 'auth.api.secondFactorRequired');
    if (result.stage === 'second_factor') {
      if (!body.totp) {
        await deleteSession(scope.tx, session.id);
        throw afterCommit(new AppError('unauthenticated', 'auth.api.totpRequired'));
      }
      const verified = await verifySecondFactor(scope, { sessionId: session.id, userId: result.userId, username: body.username, code: body.totp, clientAddress: scope.clientAddress });
      if (!verified.ok) {
        await deleteSession(scope.tx, session.id);
        throw afterCommit(new AppError(verified.reason === 'locked' ? 'rate_limited' : 'unauthenticated', verified.reason === 'locked' ? 'auth.login.locked' : 'auth.code.failed'));
      }
      session = verified.session;
    }
    setSessionCookie(req, reply, session.token);
    const { rows } = await scope.tx.query<z.infer<typeof Me>>(
      'select id, username, display_name as "displayName", role, team_id as "teamId" from users where id = $1',
      [result.userId],
    );
    return { csrfToken: session.csrfToken, user: rows[0] };
  });

  api(app, deps, {
    method: 'GET', url: '/api/v1/auth/me', operationId: 'me', tags: ['auth'],
    summary: 'The logged-in user', access: { auth: 'user' }, response: Me,
  }, async (scope) => {
    const actor = scope.user();
    return { id: actor.userId, username: actor.username, displayName: actor.displayName, role: actor.role, teamId: actor.teamId };
  });

  api(app, deps, {
    method: 'POST', url: '/api/v1/auth/logout', operationId: 'logout', tags: ['auth'],
    summary: 'End this session', access: { auth: 'user', allowApiToken: false }, response: z.object({ ok: z.literal(true) }),
  }, async (scope, _input, req, reply) => {
    await logout(scope, scope.user().sessionId!);
    clearSessionCookie(req, reply);
    return { ok: true as const };
  });
}
