/**
 * Single-use links: a new user's activation (72 hours) and the first administrator's setup
 * (1 hour). Only the token's SHA-256 is stored; using a link marks it used in the same
 * transaction as the change it allows.
 */
import type { Tx } from '../../db/database.js';
import { hashPassword } from '../../platform/auth/password.js';
import { hashToken, randomToken } from '../../platform/crypto/tokens.js';
import type { Scope } from '../../platform/http/scope.js';

export const ACTIVATION_LINK_HOURS = 72;
export const FIRST_ADMIN_LINK_HOURS = 1;

export async function issueOneTimeLink(
  tx: Tx,
  input: { tenantId: string; purpose: 'first_admin' | 'activate_user'; userId?: string; hours: number },
): Promise<string> {
  const token = randomToken(32);
  await tx.query(
    `insert into one_time_links (tenant_id, purpose, token_hash, user_id, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(hours => $5))`,
    [input.tenantId, input.purpose, hashToken(token), input.userId ?? null, input.hours],
  );
  return token;
}

export interface ActivationLink {
  id: string;
  userId: string;
  username: string;
}

export async function findActivationLink(scope: Scope, token: string): Promise<ActivationLink | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const { rows } = await scope.tx.query<ActivationLink>(
    `select l.id, u.id as "userId", u.username
       from one_time_links l join users u on u.id = l.user_id
      where l.token_hash = $1 and l.purpose = 'activate_user' and l.used_at is null and l.expires_at > now() and u.active`,
    [hashToken(token)],
  );
  return rows[0] ?? null;
}

export async function activateAccount(scope: Scope, link: ActivationLink, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await scope.tx.query('update one_time_links set used_at = now() where id = $1', [link.id]);
  await scope.tx.query('update users set password_hash = $2, updated_at = now(), version = version + 1 where id = $1', [link.userId, passwordHash]);
  await scope.tx.query("update one_time_links set used_at = now() where user_id = $1 and purpose = 'activate_user' and used_at is null", [link.userId]);
  await scope.audit({ action: 'auth.activate', entityType: 'user', entityId: link.userId });
}
