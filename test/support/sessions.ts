/**
 * Sessions made directly in the database (as an operator would), for tests that need many
 * logged-in clients quickly: the login itself is tested in test/foundation/auth.test.ts, and an
 * Argon2 check per client would make the sweeps slow.
 */
import type { AppDeps } from '../../src/platform/deps.js';
import { hashToken, randomToken } from '../../src/platform/crypto/tokens.js';
import type { TestClient } from './client.js';
import type { TestUser } from './factories.js';

export interface TestSession {
  token: string;
  csrfToken: string;
}

/** Inserts a complete (or pending) session for `user`, valid for the usual 10 hours. */
export async function createTestSession(
  deps: AppDeps,
  user: TestUser,
  options: { stage?: 'complete' | 'second_factor' | 'enrolment' } = {},
): Promise<TestSession> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  await deps.db.unsafeOwnerQuery(
    `insert into sessions (id, tenant_id, user_id, stage, auth_method, csrf_token, expires_at)
     values ($1, $2, $3, $4, 'password', $5, now() + interval '10 hours')`,
    [hashToken(token), user.tenantId, user.id, options.stage ?? 'complete', csrfToken],
  );
  return { token, csrfToken };
}

/** Makes `client` use `session` (cookie and CSRF token), as after a login. */
export function useSession(client: TestClient, session: TestSession): TestClient {
  client.cookies.set('sb_session', session.token);
  client.csrfToken = session.csrfToken;
  return client;
}
