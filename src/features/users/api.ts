/** Users and teams in the JSON API (administrators). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/api/define.js';
import type { AppDeps } from '../../platform/deps.js';
import { Team, TeamInput, TeamUpdate } from '../teams/schemas.js';
import { createTeam, getTeam, listTeams, updateTeam } from '../teams/use-cases.js';
import { User, UserCreate, UserListQuery, UserUpdate } from './schemas.js';
import { createUser, getUser, issueActivation, listUsers, resetSecondFactor, setUserActive, updateUser } from './use-cases.js';

const IdParams = z.object({ id: z.uuid().describe('The id.') });
const admin = { auth: 'user', roles: ['admin'], tokenScope: 'admin' } as const;

export function registerUserApi(app: FastifyInstance, deps: AppDeps): void {
  api(app, deps, {
    method: 'GET', url: '/api/v1/users', operationId: 'listUsers', tags: ['administration'],
    summary: 'List users', access: admin, query: UserListQuery, response: z.object({ users: z.array(User) }),
  }, async (scope, { query }) => ({ users: await listUsers(scope, query) }));

  api(app, deps, {
    method: 'POST', url: '/api/v1/users', operationId: 'createUser', tags: ['administration'], status: 201,
    summary: 'Create a user', description: 'Returns the single-use activation path (valid 72 hours) through which the user sets a password.',
    access: admin, body: UserCreate.strict(), response: z.object({ user: User, activationPath: z.string() }),
  }, async (scope, { body }) => {
    const { user, activationToken } = await createUser(scope, body);
    return { user, activationPath: `/activate/${activationToken}` };
  });

  api(app, deps, {
    method: 'GET', url: '/api/v1/users/:id', operationId: 'getUser', tags: ['administration'],
    summary: 'Get a user', access: admin, params: IdParams, response: User,
  }, async (scope, { params }) => getUser(scope, params.id));

  api(app, deps, {
    method: 'PUT', url: '/api/v1/users/:id', operationId: 'updateUser', tags: ['administration'], errors: [409],
    summary: 'Change a user (role, team, name)', access: admin, params: IdParams, body: UserUpdate.strict(), response: User,
  }, async (scope, { params, body }) => updateUser(scope, params.id, body));

  api(app, deps, {
    method: 'POST', url: '/api/v1/users/:id/deactivate', operationId: 'deactivateUser', tags: ['administration'],
    summary: 'Deactivate a user (ends sessions, revokes API keys; never deletes)', access: admin, params: IdParams, response: User,
  }, async (scope, { params }) => setUserActive(scope, params.id, false));

  api(app, deps, {
    method: 'POST', url: '/api/v1/users/:id/reactivate', operationId: 'reactivateUser', tags: ['administration'],
    summary: 'Reactivate a user', access: admin, params: IdParams, response: User,
  }, async (scope, { params }) => setUserActive(scope, params.id, true));

  api(app, deps, {
    method: 'POST', url: '/api/v1/users/:id/reset-second-factor', operationId: 'resetSecondFactor', tags: ['administration'],
    summary: "Remove a user's second factor (the user enrols again)", access: admin, params: IdParams, response: User,
  }, async (scope, { params }) => resetSecondFactor(scope, params.id));

  api(app, deps, {
    method: 'POST', url: '/api/v1/users/:id/activation', operationId: 'issueActivation', tags: ['administration'],
    summary: 'Issue a new activation link (also resets the password)', access: admin, params: IdParams,
    response: z.object({ activationPath: z.string() }),
  }, async (scope, { params }) => ({ activationPath: `/activate/${await issueActivation(scope, params.id)}` }));

  api(app, deps, {
    method: 'GET', url: '/api/v1/teams', operationId: 'listTeams', tags: ['teams'],
    summary: 'List active teams (all users: needed to forward and hand over)', access: { auth: 'user' }, response: z.object({ teams: z.array(Team) }),
  }, async (scope) => ({ teams: await listTeams(scope) }));

  api(app, deps, {
    method: 'POST', url: '/api/v1/teams', operationId: 'createTeam', tags: ['teams'], status: 201,
    summary: 'Create a team', access: admin, body: TeamInput.strict(), response: Team,
  }, async (scope, { body }) => createTeam(scope, body));

  api(app, deps, {
    method: 'PUT', url: '/api/v1/teams/:id', operationId: 'updateTeam', tags: ['teams'], errors: [409],
    summary: 'Change a team', access: admin, params: IdParams, body: TeamUpdate.strict(), response: Team,
  }, async (scope, { params, body }) => updateTeam(scope, params.id, body));

  api(app, deps, {
    method: 'GET', url: '/api/v1/teams/:id', operationId: 'getTeam', tags: ['teams'],
    summary: 'Get a team', access: { auth: 'user' }, params: IdParams, response: Team,
  }, async (scope, { params }) => getTeam(scope, params.id));
}
