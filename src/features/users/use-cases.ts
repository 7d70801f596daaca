/** User administration: create, change, deactivate (never delete), reset the second factor. */
import { pgErrorCode, PG_ERRORS } from '../../db/database.js';
import { authorize } from '../../platform/access/policy.js';
import { deleteUserSessions } from '../../platform/auth/sessions.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { ACTIVATION_LINK_HOURS, issueOneTimeLink } from '../auth/activation.js';
import { userPolicy } from './policy.js';
import type { User, UserCreate, UserUpdate } from './schemas.js';

const SELECT_USER = `select u.id, u.username, u.display_name as "displayName", u.email, u.role, u.team_id as "teamId",
  t.name as "teamName", u.professional_group as "professionalGroup", u.active,
  u.totp_enrolled_at is not null as "secondFactorEnrolled", u.password_hash is not null as "hasPassword",
  u.oidc_subject is not null as "oidcLinked", u.version, u.created_at as "createdAt"
  from users u left join teams t on t.id = u.team_id`;

export async function listUsers(scope: Scope, filter: { q?: string; includeInactive?: boolean } = {}): Promise<User[]> {
  authorize(userPolicy, scope.user(), 'list', null, { entityType: 'user' });
  const pattern = filter.q ? `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await scope.tx.query<User>(
    `${SELECT_USER} where ($1::text is null or lower(u.display_name) like $1 or u.username like $1) and ($2 or u.active)
      order by u.active desc, lower(u.display_name) limit 500`,
    [pattern, filter.includeInactive ?? false],
  );
  await scope.audit({ action: 'admin.user.list', entityType: 'user', details: { count: rows.length, filtered: Boolean(pattern) } });
  return rows;
}

export async function getUser(scope: Scope, id: string): Promise<User> {
  authorize(userPolicy, scope.user(), 'read', { id }, { entityType: 'user', entityId: id });
  const { rows } = await scope.tx.query<User>(`${SELECT_USER} where u.id = $1`, [id]);
  if (!rows[0]) throw new NotFoundError();
  await scope.audit({ action: 'admin.user.read', entityType: 'user', entityId: id });
  return rows[0];
}

async function assertTeamExists(scope: Scope, teamId: string | undefined): Promise<void> {
  if (!teamId) return;
  const { rows } = await scope.tx.query('select 1 from teams where id = $1 and active', [teamId]);
  if (rows.length === 0) throw new ValidationError([{ field: 'teamId', messageKey: 'validation.invalidChoice' }]);
}

/**
 * An e-mail address names one user: OpenID Connect logins are matched by it, and a match that
 * finds two users refuses both. (Checked here, not by a unique index: installations may hold
 * duplicates from before, which an index would stop from migrating.)
 */
async function assertEmailFree(scope: Scope, email: string | undefined, exceptUserId: string | null): Promise<void> {
  if (!email) return;
  const { rows } = await scope.tx.query('select 1 from users where lower(email) = lower($1) and id is distinct from $2 limit 1', [email, exceptUserId]);
  if (rows.length > 0) throw new ValidationError([{ field: 'email', messageKey: 'users.emailTaken' }]);
}

function rethrowUnique(error: unknown): never {
  if (pgErrorCode(error) === PG_ERRORS.uniqueViolation) throw new ValidationError([{ field: 'username', messageKey: 'users.usernameTaken' }]);
  throw error;
}

/** Creates a user without a password; returns the single-use activation link's token. */
export async function createUser(scope: Scope, input: UserCreate): Promise<{ user: User; activationToken: string }> {
  authorize(userPolicy, scope.user(), 'create', null, { entityType: 'user' });
  await assertTeamExists(scope, input.teamId);
  await assertEmailFree(scope, input.email, null);
  const { rows } = await scope.tx
    .query<{ id: string }>(
      `insert into users (tenant_id, username, display_name, email, role, team_id, professional_group)
       values ($1, $2, $3, $4, $5, $6, $7) returning id`,
      [scope.tenant.id, input.username, input.displayName, input.email ?? null, input.role, input.teamId ?? null, input.professionalGroup ?? null],
    )
    .catch(rethrowUnique);
  const id = rows[0].id;
  const activationToken = await issueOneTimeLink(scope.tx, { tenantId: scope.tenant.id, purpose: 'activate_user', userId: id, hours: ACTIVATION_LINK_HOURS });
  await scope.audit({ action: 'admin.user.create', entityType: 'user', entityId: id, details: { role: input.role } });
  return { user: await getUser(scope, id), activationToken };
}

export async function updateUser(scope: Scope, id: string, input: UserUpdate): Promise<User> {
  const actor = scope.user();
  authorize(userPolicy, actor, 'update', { id }, { entityType: 'user', entityId: id });
  await assertTeamExists(scope, input.teamId);
  await assertEmailFree(scope, input.email, id);
  if (id === actor.userId && input.role !== 'admin') {
    throw new ValidationError([{ field: 'role', messageKey: 'users.cannotDemoteSelf' }]);
  }
  const { rows } = await scope.tx.query<{ role: string }>(
    `update users set display_name = $3, email = $4, role = $5, team_id = $6, professional_group = $7,
            version = version + 1, updated_at = now()
      where id = $1 and version = $2 returning role`,
    [id, input.version, input.displayName, input.email ?? null, input.role, input.teamId ?? null, input.professionalGroup ?? null],
  );
  if (rows.length === 0) {
    await getUser(scope, id);
    throw new ConflictError();
  }
  // A changed role takes effect at once: the user's sessions end.
  await deleteUserSessions(scope.tx, id);
  await scope.audit({ action: 'admin.user.update', entityType: 'user', entityId: id, details: { role: input.role } });
  return getUser(scope, id);
}

export async function setUserActive(scope: Scope, id: string, active: boolean): Promise<User> {
  // Said plainly rather than as "not found": the administrator can see her own account.
  if (!active && id === scope.user().userId) throw new ValidationError([{ field: '_form', messageKey: 'users.cannotDeactivateSelf' }]);
  authorize(userPolicy, scope.user(), 'deactivate', { id }, { entityType: 'user', entityId: id });
  const { rowCount } = await scope.tx.query(
    `update users set active = $2, deactivated_at = case when $2 then null else now() end, version = version + 1, updated_at = now() where id = $1`,
    [id, active],
  );
  if (rowCount === 0) throw new NotFoundError();
  if (!active) {
    await deleteUserSessions(scope.tx, id);
    await scope.tx.query('update api_tokens set revoked_at = now() where user_id = $1 and revoked_at is null', [id]);
  }
  await scope.audit({ action: active ? 'admin.user.reactivate' : 'admin.user.deactivate', entityType: 'user', entityId: id });
  return getUser(scope, id);
}

/** Removes the second factor; the user enrols again at the next login. */
export async function resetSecondFactor(scope: Scope, id: string): Promise<User> {
  authorize(userPolicy, scope.user(), 'reset_second_factor', { id }, { entityType: 'user', entityId: id });
  const { rowCount } = await scope.tx.query(
    'update users set totp_secret_enc = null, totp_enrolled_at = null, totp_last_step = null, version = version + 1, updated_at = now() where id = $1',
    [id],
  );
  if (rowCount === 0) throw new NotFoundError();
  await scope.tx.query('delete from recovery_codes where user_id = $1', [id]);
  await deleteUserSessions(scope.tx, id);
  await scope.audit({ action: 'admin.user.reset_second_factor', entityType: 'user', entityId: id });
  return getUser(scope, id);
}

/** A new activation link (e.g. the first expired); it also lets a user set a new password. */
export async function issueActivation(scope: Scope, id: string): Promise<string> {
  authorize(userPolicy, scope.user(), 'issue_activation', { id }, { entityType: 'user', entityId: id });
  await getUser(scope, id);
  const token = await issueOneTimeLink(scope.tx, { tenantId: scope.tenant.id, purpose: 'activate_user', userId: id, hours: ACTIVATION_LINK_HOURS });
  await scope.audit({ action: 'admin.user.issue_activation', entityType: 'user', entityId: id });
  return token;
}
