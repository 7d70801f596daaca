/** Personal access tokens: each user manages her own. */
import { newApiTokenSecret } from '../../platform/auth/api-tokens.js';
import { hashToken } from '../../platform/crypto/tokens.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import type { Token, TokenCreate } from './schemas.js';

const SELECT = `select id, name, token_prefix as prefix, scopes, expires_at as "expiresAt", last_used_at as "lastUsedAt",
  revoked_at as "revokedAt", created_at as "createdAt" from api_tokens`;

export async function listTokens(scope: Scope): Promise<Token[]> {
  const { rows } = await scope.tx.query<Token>(`${SELECT} where user_id = $1 order by created_at desc`, [scope.user().userId]);
  return rows;
}

export async function createToken(scope: Scope, input: TokenCreate): Promise<{ token: Token; secret: string }> {
  const actor = scope.user();
  if (input.scopes.includes('admin') && actor.role !== 'admin') {
    throw new ValidationError([{ field: 'scopes', messageKey: 'tokens.scopeNotAllowed' }]);
  }
  // A token cannot mint tokens: only a browser session creates keys.
  if (actor.kind === 'api_token') throw new NotFoundError();
  const secret = newApiTokenSecret();
  const { rows } = await scope.tx.query<{ id: string }>(
    `insert into api_tokens (tenant_id, user_id, name, token_hash, token_prefix, scopes, expires_at)
     values ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7)) returning id`,
    [scope.tenant.id, actor.userId, input.name, hashToken(secret), secret.slice(0, 10), [...new Set(input.scopes)], input.expiresInDays],
  );
  await scope.audit({ action: 'token.create', entityType: 'api_token', entityId: rows[0].id, details: { scopes: input.scopes } });
  const token = (await scope.tx.query<Token>(`${SELECT} where id = $1`, [rows[0].id])).rows[0];
  return { token, secret };
}

export async function revokeToken(scope: Scope, id: string): Promise<void> {
  const { rowCount } = await scope.tx.query('update api_tokens set revoked_at = coalesce(revoked_at, now()) where id = $1 and user_id = $2', [id, scope.user().userId]);
  if (rowCount === 0) throw new NotFoundError();
  await scope.audit({ action: 'token.revoke', entityType: 'api_token', entityId: id });
}
