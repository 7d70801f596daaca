/** The case flow's rules ("Regler for frister og efterværn"): administration pages and API. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { registerFlowRuleApi } from './api.js';
import { registerFlowRulePages } from './routes.js';

export function registerFlowRules(app: FastifyInstance, deps: AppDeps): void {
  registerFlowRulePages(app, deps);
  registerFlowRuleApi(app, deps);
}
