/**
 * Login use cases: password, second factor (TOTP or a recovery code), enrolment, logout.
 * Failures return a result instead of throwing, so the throttle counters and the audit row
 * of a failed attempt commit with the request.
 */
import { requiresSecondFactor, type Role } from '../../platform/access/roles.js';
import { verifyPassword } from '../../platform/auth/password.js';
import { consumeRecoveryCode, issueRecoveryCodes, looksLikeRecoveryCode } from '../../platform/auth/recovery-codes.js';
import { advanceSession, createSession, deleteSession, deleteUserSessions, type AuthMethod, type IssuedSession, type SessionStage } from '../../platform/auth/sessions.js';
import { clearFailures, isLocked, registerFailure, throttleKeys } from '../../platform/auth/throttle.js';
import { checkTotp, newTotpSecret } from '../../platform/auth/totp.js';
import { recordAudit } from '../../platform/audit/events.js';
import { decryptText, encryptText } from '../../platform/crypto/aead.js';
import type { Scope } from '../../platform/http/scope.js';

export type LoginResult =
  | { ok: true; session: IssuedSession; stage: SessionStage; userId: string }
  | { ok: false; reason: 'invalid' | 'locked' };

interface LoginUser {
  id: string;
  role: Role;
  password_hash: string | null;
  totp_enrolled: boolean;
  active: boolean;
}

function sessionTimeouts(scope: Scope) {
  return { idleMinutes: scope.deps.config.SESSION_IDLE_MINUTES, absoluteHours: scope.deps.config.SESSION_ABSOLUTE_HOURS };
}

function throttleSettings(scope: Scope) {
  return { maxFailures: scope.deps.config.LOGIN_MAX_FAILURES, lockMinutes: scope.deps.config.LOGIN_LOCK_MINUTES };
}

/** The first stage after a successful first factor. */
export function stageAfterFirstFactor(user: { role: Role; totp_enrolled: boolean }, secondFactorDone: boolean): SessionStage {
  if (secondFactorDone) return 'complete';
  if (user.totp_enrolled) return 'second_factor';
  return requiresSecondFactor(user.role) ? 'enrolment' : 'complete';
}

/** Starts a session for a user already identified (password checked, or OIDC). */
export async function startSession(scope: Scope, user: { id: string; role: Role; totp_enrolled: boolean }, method: AuthMethod, secondFactorDone: boolean) {
  const stage = stageAfterFirstFactor(user, secondFactorDone);
  const session = await createSession(scope.tx, { tenantId: scope.tenant.id, userId: user.id, stage, authMethod: method }, sessionTimeouts(scope));
  await scope.tx.query("select set_config('app.user_id', $1, true)", [user.id]);
  return { session, stage };
}

export async function passwordLogin(scope: Scope, input: { username: string; password: string; clientAddress: string }): Promise<LoginResult> {
  const keys = throttleKeys(scope.deps.keys, input.username, input.clientAddress);
  const username = input.username.trim().toLowerCase();
  const { rows } = await scope.tx.query<LoginUser>(
    `select id, role, password_hash, totp_enrolled_at is not null as totp_enrolled, active from users where username = $1`,
    [username],
  );
  const user = rows[0];
  if (await isLocked(scope.tx, scope.tenant.id, keys)) {
    await scope.audit({ action: 'auth.login', outcome: 'failed', entityType: 'user', entityId: user?.id, details: { reason: 'locked' } });
    return { ok: false, reason: 'locked' };
  }
  const passwordOk = await verifyPassword(user?.active ? user.password_hash : null, input.password);
  if (!user || !user.active || !passwordOk) {
    const locked = await registerFailure(scope.tx, scope.tenant.id, keys, throttleSettings(scope));
    await scope.audit({
      action: 'auth.login', outcome: 'failed', entityType: user ? 'user' : null, entityId: user?.id ?? null,
      details: { reason: user ? (user.active ? 'bad_password' : 'inactive') : 'unknown_user', locked },
    });
    return { ok: false, reason: locked ? 'locked' : 'invalid' };
  }
  const { session, stage } = await startSession(scope, user, 'password', false);
  // The counters are cleared when the login is complete, not at the password: otherwise a
  // known password would wipe out the wrong second-factor codes before each new attempt, and
  // the codes could be guessed without ever reaching the lock.
  if (stage !== 'second_factor') await clearFailures(scope.tx, scope.tenant.id, keys);
  await recordLogin(scope, user.id, 'password', stage);
  return { ok: true, session, stage, userId: user.id };
}

/** The login row names the user as actor: the scope had no actor yet when the request began. */
export async function recordLogin(scope: Scope, userId: string, method: AuthMethod, stage: SessionStage): Promise<void> {
  await recordAudit(scope.tx, {
    tenantId: scope.tenant.id, actorKind: 'user', actorUserId: userId, action: 'auth.login',
    entityType: 'user', entityId: userId, details: { method, stage }, requestId: scope.requestId,
  });
}

/**
 * Checks a TOTP code or a recovery code for a session at the second-factor step. Wrong codes
 * count towards the account's lock like wrong passwords; at the lock, the session ends.
 */
export async function verifySecondFactor(
  scope: Scope,
  input: { sessionId: string; userId: string; username: string; code: string; clientAddress: string },
): Promise<{ ok: true; session: IssuedSession } | { ok: false; reason: 'invalid' | 'locked' }> {
  const keys = throttleKeys(scope.deps.keys, input.username, input.clientAddress);
  if (await isLocked(scope.tx, scope.tenant.id, keys)) {
    await deleteSession(scope.tx, input.sessionId);
    await scope.audit({ action: 'auth.second_factor', outcome: 'failed', entityType: 'user', entityId: input.userId, details: { reason: 'locked' } });
    return { ok: false, reason: 'locked' };
  }
  const accepted = await acceptCode(scope, input.userId, input.code);
  if (!accepted) {
    const locked = await registerFailure(scope.tx, scope.tenant.id, keys, throttleSettings(scope));
    if (locked) await deleteSession(scope.tx, input.sessionId);
    await scope.audit({ action: 'auth.second_factor', outcome: 'failed', entityType: 'user', entityId: input.userId, details: { locked } });
    return { ok: false, reason: locked ? 'locked' : 'invalid' };
  }
  await clearFailures(scope.tx, scope.tenant.id, keys);
  const session = await advanceSession(scope.tx, input.sessionId, 'complete');
  if (!session) return { ok: false, reason: 'invalid' };
  await scope.audit({ action: 'auth.second_factor', entityType: 'user', entityId: input.userId, details: { method: accepted } });
  return { ok: true, session };
}

/** Returns how the code was accepted ('totp' or 'recovery_code'), or null. */
export async function acceptCode(scope: Scope, userId: string, code: string): Promise<'totp' | 'recovery_code' | null> {
  const { rows } = await scope.tx.query<{ totp_secret_enc: string | null; totp_last_step: number | null }>(
    'select totp_secret_enc, totp_last_step from users where id = $1 and totp_enrolled_at is not null',
    [userId],
  );
  const row = rows[0];
  if (!row?.totp_secret_enc) return null;
  if (looksLikeRecoveryCode(code) && !/^\d+$/.test(code.trim())) {
    return (await consumeRecoveryCode(scope.tx, scope.deps.keys, userId, code)) ? 'recovery_code' : null;
  }
  const secret = decryptTotpSecret(scope, userId, row.totp_secret_enc);
  const step = checkTotp(secret, code, row.totp_last_step === null ? null : Number(row.totp_last_step));
  if (step === null) return null;
  await scope.tx.query('update users set totp_last_step = $2 where id = $1', [userId, step]);
  return 'totp';
}

export function encryptTotpSecret(scope: Scope, userId: string, secret: string): string {
  return encryptText(scope.deps.keys.key('totp-secret'), secret, `${scope.tenant.id}:${userId}`);
}

export function decryptTotpSecret(scope: Scope, userId: string, sealed: string): string {
  return decryptText(scope.deps.keys.key('totp-secret'), sealed, `${scope.tenant.id}:${userId}`);
}

/** Returns the pending enrolment secret, creating one the first time the page is shown. */
export async function pendingEnrolmentSecret(scope: Scope, userId: string): Promise<string> {
  const { rows } = await scope.tx.query<{ totp_secret_enc: string | null; enrolled: boolean }>(
    'select totp_secret_enc, totp_enrolled_at is not null as enrolled from users where id = $1',
    [userId],
  );
  const row = rows[0];
  if (row?.totp_secret_enc && !row.enrolled) return decryptTotpSecret(scope, userId, row.totp_secret_enc);
  const secret = newTotpSecret();
  await scope.tx.query('update users set totp_secret_enc = $2, totp_enrolled_at = null, totp_last_step = null where id = $1', [userId, encryptTotpSecret(scope, userId, secret)]);
  return secret;
}

/** Confirms enrolment with a code from the app; issues recovery codes and completes login. */
export async function completeEnrolment(
  scope: Scope,
  input: { sessionId: string | null; userId: string; code: string },
): Promise<{ ok: true; recoveryCodes: string[]; session: IssuedSession | null } | { ok: false }> {
  const { rows } = await scope.tx.query<{ totp_secret_enc: string | null; enrolled: boolean }>(
    'select totp_secret_enc, totp_enrolled_at is not null as enrolled from users where id = $1',
    [input.userId],
  );
  const row = rows[0];
  if (!row?.totp_secret_enc || row.enrolled) return { ok: false };
  const step = checkTotp(decryptTotpSecret(scope, input.userId, row.totp_secret_enc), input.code, null);
  if (step === null) {
    await scope.audit({ action: 'auth.enrol', outcome: 'failed', entityType: 'user', entityId: input.userId });
    return { ok: false };
  }
  await scope.tx.query('update users set totp_enrolled_at = now(), totp_last_step = $2, updated_at = now() where id = $1', [input.userId, step]);
  const recoveryCodes = await issueRecoveryCodes(scope.tx, scope.deps.keys, scope.tenant.id, input.userId);
  const session = input.sessionId ? await advanceSession(scope.tx, input.sessionId, 'complete') : null;
  await scope.audit({ action: 'auth.enrol', entityType: 'user', entityId: input.userId });
  return { ok: true, recoveryCodes, session };
}

export async function logout(scope: Scope, sessionId: string): Promise<void> {
  await deleteSession(scope.tx, sessionId);
  await scope.audit({ action: 'auth.logout', entityType: 'session' });
}

export async function logoutEverywhere(scope: Scope, userId: string): Promise<number> {
  const ended = await deleteUserSessions(scope.tx, userId);
  await scope.audit({ action: 'auth.logout_all', entityType: 'user', entityId: userId, details: { sessions: ended } });
  return ended;
}

