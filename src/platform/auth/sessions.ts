/**
 * Server-side sessions in the database. The browser holds only a random token; the row is
 * keyed by its SHA-256. A session has a stage: after the password, a user with a second
 * factor is in `second_factor`, a user who must enrol is in `enrolment`, and only `complete`
 * sessions reach the application. Each stage change issues a new token (new id at login).
 */
import type { Tx } from '../../db/database.js';
import type { Actor } from '../access/actor.js';
import type { ProfessionalGroup, Role } from '../access/roles.js';
import { hashToken, randomToken } from '../crypto/tokens.js';

export type SessionStage = 'second_factor' | 'enrolment' | 'complete';
export type AuthMethod = 'password' | 'oidc' | 'api';

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export interface IssuedSession {
  token: string;
  id: string;
  csrfToken: string;
}

export async function createSession(
  tx: Tx,
  input: { tenantId: string; userId: string; stage: SessionStage; authMethod: AuthMethod },
  timeouts: SessionTimeouts,
): Promise<IssuedSession> {
  const token = randomToken(32);
  const id = hashToken(token);
  const csrfToken = randomToken(24);
  await tx.query(
    `insert into sessions (id, tenant_id, user_id, stage, auth_method, csrf_token, expires_at)
     values ($1, $2, $3, $4, $5, $6, now() + make_interval(hours => $7))`,
    [id, input.tenantId, input.userId, input.stage, input.authMethod, csrfToken, timeouts.absoluteHours],
  );
  return { token, id, csrfToken };
}

/**
 * Moves a session to a new stage under a new token (the old token stops working), keeping
 * its absolute expiry. Returns null when the session is gone.
 */
export async function advanceSession(tx: Tx, sessionId: string, stage: SessionStage): Promise<IssuedSession | null> {
  const token = randomToken(32);
  const id = hashToken(token);
  const csrfToken = randomToken(24);
  const { rowCount } = await tx.query(
    `update sessions set id = $2, stage = $3, csrf_token = $4, last_seen_at = now() where id = $1`,
    [sessionId, id, stage, csrfToken],
  );
  return rowCount === 1 ? { token, id, csrfToken } : null;
}

export interface SessionUser {
  sessionId: string;
  stage: SessionStage;
  authMethod: AuthMethod;
  csrfToken: string;
  expired: boolean;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  professionalGroup: ProfessionalGroup | null;
  active: boolean;
  totpEnrolled: boolean;
  preferredLanguage: string | null;
}

/**
 * Finds the session for a cookie token (in the current tenant) with its user. With
 * `enterUser`, the same statement also sets `app.user_id` for the transaction when the session
 * is valid and at an accepted stage (`complete`, or `any` for the login steps themselves),
 * which saves a round trip on every request; `userEntered` says whether it did.
 */
export async function findSession(
  tx: Tx,
  token: string,
  timeouts: SessionTimeouts,
  options: { enterUser?: 'complete' | 'any' } = {},
): Promise<(SessionUser & { userEntered: boolean }) | null> {
  const { rows } = await tx.query<SessionUser & { touch: boolean; userEntered: boolean }>(
    `select s.id as "sessionId", s.stage, s.auth_method as "authMethod", s.csrf_token as "csrfToken",
            (s.expires_at <= now() or s.last_seen_at <= now() - make_interval(mins => $2)) as expired,
            s.last_seen_at < now() - interval '60 seconds' as touch,
            u.id as "userId", u.username, u.display_name as "displayName", u.role, u.team_id as "teamId",
            u.professional_group as "professionalGroup", u.active, u.totp_enrolled_at is not null as "totpEnrolled",
            u.preferred_language as "preferredLanguage",
            -- CASE, not AND: PostgreSQL may evaluate AND's operands in any order, and the user
            -- must never be entered for a session that fails a condition.
            case when $3::text is not null
                  and u.active and s.expires_at > now() and s.last_seen_at > now() - make_interval(mins => $2)
                  and (s.stage = 'complete' or $3 = 'any')
                 then set_config('app.user_id', u.id::text, true) is not null
                      -- The team as app_user_team_id() would find it (migration 0112).
                      and set_config('app.user_team', u.id::text || ':' || case when u.role in ('adviser', 'caseworker', 'manager') then coalesce(u.team_id::text, '') else '' end, true) is not null
                 else false end as "userEntered"
       from sessions s join users u on u.id = s.user_id and u.tenant_id = s.tenant_id
      where s.id = $1`,
    [hashToken(token), timeouts.idleMinutes, options.enterUser ?? null],
  );
  const row = rows[0];
  if (!row) return null;
  if (!row.active) return { ...row, expired: true, userEntered: false };
  // Touch at most once a minute: the idle timeout does not need finer steps, and it spares a
  // write on most requests.
  if (!row.expired && row.touch) await tx.query('update sessions set last_seen_at = now() where id = $1', [row.sessionId]);
  return row;
}

export async function deleteSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.query('delete from sessions where id = $1', [sessionId]);
}

/** "Log out everywhere", deactivation and second-factor reset end all of a user's sessions. */
export async function deleteUserSessions(tx: Tx, userId: string): Promise<number> {
  const { rowCount } = await tx.query('delete from sessions where user_id = $1', [userId]);
  return rowCount;
}

export function actorFromSession(tenantId: string, session: SessionUser): Actor {
  return {
    kind: 'user',
    tenantId,
    userId: session.userId,
    username: session.username,
    displayName: session.displayName,
    role: session.role,
    teamId: session.teamId,
    professionalGroup: session.professionalGroup,
    scopes: null,
    sessionId: session.sessionId,
    csrfToken: session.csrfToken,
  };
}
