/**
 * Personal access tokens for API clients. The token is shown once; we store its SHA-256 and
 * a short prefix for recognising it in lists. A token carries scopes and an expiry and acts as
 * its owner: it never gives more than the owner's role allows.
 */
import type { Tx } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import type { ProfessionalGroup, Role, TokenScope } from '../access/roles.js';
import { hashToken, randomToken } from '../crypto/tokens.js';

export const TOKEN_PREFIX = 'sbt_';

export function newApiTokenSecret(): string {
  return TOKEN_PREFIX + randomToken(32);
}

export async function findActorByApiToken(tx: Tx, tenantId: string, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const { rows } = await tx.query<{
    tokenId: string; userId: string; username: string; displayName: string; role: Role; teamId: string | null;
    professionalGroup: ProfessionalGroup | null; scopes: TokenScope[]; touch: boolean;
  }>(
    `select t.id as "tokenId", u.id as "userId", u.username, u.display_name as "displayName", u.role, u.team_id as "teamId",
            u.professional_group as "professionalGroup", t.scopes,
            (t.last_used_at is null or t.last_used_at < now() - interval '60 seconds') as touch
       from api_tokens t join users u on u.id = t.user_id and u.tenant_id = t.tenant_id
      where t.token_hash = $1 and t.revoked_at is null and t.expires_at > now() and u.active`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.touch) await tx.query('update api_tokens set last_used_at = now() where id = $1', [row.tokenId]);
  return {
    kind: 'api_token',
    tenantId,
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    teamId: row.teamId,
    professionalGroup: row.professionalGroup,
    scopes: row.scopes,
    sessionId: null,
    csrfToken: null,
  };
}
