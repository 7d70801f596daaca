/** Team administration. */
import { authorize } from '../../platform/access/policy.js';
import { pgErrorCode, PG_ERRORS } from '../../db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { teamPolicy } from './policy.js';
import type { Team, TeamInput } from './schemas.js';

const SELECT_TEAM = `select t.id, t.name, t.kind, t.active, t.version,
  (select count(*)::int from users u where u.team_id = t.id and u.active) as members from teams t`;

export async function listTeams(scope: Scope, options: { includeInactive?: boolean } = {}): Promise<Team[]> {
  authorize(teamPolicy, scope.user(), 'list', null, { entityType: 'team' });
  const { rows } = await scope.tx.query<Team>(`${SELECT_TEAM} where ($1 or t.active) order by lower(t.name)`, [options.includeInactive ?? false]);
  return rows;
}

export async function getTeam(scope: Scope, id: string): Promise<Team> {
  authorize(teamPolicy, scope.user(), 'list', null, { entityType: 'team', entityId: id });
  const { rows } = await scope.tx.query<Team>(`${SELECT_TEAM} where t.id = $1`, [id]);
  if (!rows[0]) throw new NotFoundError();
  return rows[0];
}

function nameTaken(error: unknown): never {
  if (pgErrorCode(error) === PG_ERRORS.uniqueViolation) throw new ValidationError([{ field: 'name', messageKey: 'teams.nameTaken' }]);
  throw error;
}

export async function createTeam(scope: Scope, input: TeamInput): Promise<Team> {
  authorize(teamPolicy, scope.user(), 'create', null, { entityType: 'team' });
  const { rows } = await scope.tx
    .query<{ id: string }>('insert into teams (tenant_id, name, kind) values ($1, $2, $3) returning id', [scope.tenant.id, input.name, input.kind])
    .catch(nameTaken);
  await scope.audit({ action: 'admin.team.create', entityType: 'team', entityId: rows[0].id });
  return getTeam(scope, rows[0].id);
}

export async function updateTeam(scope: Scope, id: string, input: TeamInput & { active: boolean; version: number }): Promise<Team> {
  authorize(teamPolicy, scope.user(), 'update', { id }, { entityType: 'team', entityId: id });
  const { rowCount } = await scope.tx
    .query('update teams set name = $3, kind = $4, active = $5, version = version + 1 where id = $1 and version = $2', [id, input.version, input.name, input.kind, input.active])
    .catch(nameTaken);
  if (rowCount === 0) {
    await getTeam(scope, id); // 404 when it does not exist
    throw new ConflictError();
  }
  await scope.audit({ action: 'admin.team.update', entityType: 'team', entityId: id });
  return getTeam(scope, id);
}
