/** The case flow's rules in the JSON API (administrators). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/api/define.js';
import type { AppDeps } from '../../platform/deps.js';
import { FlowRule, FlowRuleChange, FlowRuleKeyParams } from './schemas.js';
import { changeFlowRule, listFlowRules } from './use-cases.js';

const admin = { auth: 'user', roles: ['admin'], tokenScope: 'admin' } as const;

export function registerFlowRuleApi(app: FastifyInstance, deps: AppDeps): void {
  api(app, deps, {
    method: 'GET', url: '/api/v1/flow-rules', operationId: 'listFlowRules', tags: ['administration'],
    summary: 'The case flow’s rules in force (legal clocks, working-day calendar, aftercare), with every version',
    access: admin, response: z.object({ rules: z.array(FlowRule) }),
  }, async (scope) => ({ rules: await listFlowRules(scope) }));

  api(app, deps, {
    method: 'POST', url: '/api/v1/flow-rules/:key', operationId: 'changeFlowRule', tags: ['administration'], errors: [409],
    summary: 'Set a new value for one rule (saved as the municipality’s next version)',
    description:
      'Send `basedOnVersion` (the `version` in force from GET) and the fields of the rule’s key: `amount` and `unit` for a clock, ' +
      '`months` for `aftercare.schedule`, `extraClosedDates` for `calendar.holidays`. The rest of the rule is kept from the version in force. ' +
      'The new version is in force at once, but due times are computed when a clock starts, so it affects only clocks started (and cases closed) after it. ' +
      'To return to the national default, send `nationalDefault.value`. Answers 409 and stores nothing when another version is in force.',
    access: admin, params: FlowRuleKeyParams, body: FlowRuleChange, response: FlowRule,
  }, async (scope, { params, body }) => changeFlowRule(scope, params.key, body));
}
