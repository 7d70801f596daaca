/** Action plans in the JSON API: the current plan for a professional group and level. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/api/define.js';
import { PROFESSIONAL_GROUPS } from '../../platform/access/roles.js';
import type { AppDeps } from '../../platform/deps.js';
import { PLAN_READERS } from './policy.js';
import { INT4_MAX, strictNumber } from '../../platform/http/validation.js';
import { ActionPlan } from './schemas.js';
import { getPlan } from './use-cases.js';

const Params = z.object({
  group: z.enum(PROFESSIONAL_GROUPS).describe('The professional group.'),
  level: strictNumber(z.coerce.number().int().min(0).max(3)).describe('The screening level 0–3.'),
});

export function registerActionPlanApi(app: FastifyInstance, deps: AppDeps): void {
  api(app, deps, {
    method: 'GET', url: '/api/v1/action-plans/:group/:level', operationId: 'getActionPlan', tags: ['action plans'],
    summary: 'The current action plan for a professional group at a screening level',
    description: 'Steps of kind now, contact, duty and dont, each with Danish and English text and an optional deadline (hours or days).',
    access: { auth: 'user', roles: PLAN_READERS }, params: Params, query: z.object({ version: strictNumber(z.coerce.number().int().min(1).max(INT4_MAX)).optional().describe('An earlier version number.') }).strict(),
    response: ActionPlan,
  }, async (scope, { params, query }) => {
    const { versionId: _versionId, ...plan } = await getPlan(scope, params.group, params.level, query.version);
    return plan;
  });
}
