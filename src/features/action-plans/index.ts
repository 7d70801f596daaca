/** The action-plans feature's routes: pages and API. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { registerActionPlanApi } from './api.js';
import { registerActionPlanPages } from './routes.js';

export function registerActionPlans(app: FastifyInstance, deps: AppDeps): void {
  registerActionPlanPages(app, deps);
  registerActionPlanApi(app, deps);
}
