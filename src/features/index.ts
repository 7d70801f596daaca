/**
 * Every feature's routes, registered in one place. A new capability adds one line here.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/deps.js';
import { registerAccountRoutes } from './account/routes.js';
import { registerAuthApi } from './auth/api.js';
import { registerOidcRoutes } from './auth/oidc-routes.js';
import { registerAuthRoutes } from './auth/routes.js';
import { registerCaseFlow } from './cases/index.js';
import { registerCitizenInbox } from './citizen-inbox/routes.js';
import { registerCitizenSite } from './citizen/plugin.js';
import { registerDarkFigure } from './darkfigure/index.js';
import { registerFlowRules } from './flow-rules/index.js';
import { registerHealthRoutes } from './health/routes.js';
import { registerHomeRoutes } from './home/routes.js';
import { registerInfoRoutes } from './info/routes.js';
import { registerJobRoutes } from './jobs/routes.js';
import { registerScreening } from './screening/index.js';
import { registerActionPlans } from './action-plans/index.js';
import { registerCalibration } from './calibration/index.js';
import { registerSetupRoutes } from './setup/routes.js';
import { registerTeamPages } from './teams/routes.js';
import { registerTokenRoutes } from './tokens/routes.js';
import { registerUserApi } from './users/api.js';
import { registerUserPages } from './users/routes.js';

export async function registerFeatures(app: FastifyInstance, deps: AppDeps): Promise<void> {
  registerHealthRoutes(app, deps);
  registerInfoRoutes(app, deps);
  registerSetupRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerOidcRoutes(app, deps);
  registerAuthApi(app, deps);
  registerHomeRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerTokenRoutes(app, deps);
  registerUserPages(app, deps);
  registerUserApi(app, deps);
  registerTeamPages(app, deps);
  registerFlowRules(app, deps);
  registerJobRoutes(app, deps);
  registerScreening(app, deps);
  await registerCaseFlow(app, deps);
  registerActionPlans(app, deps);
  registerCalibration(app, deps);
  await registerCitizenSite(app, deps);
  registerCitizenInbox(app, deps);
  registerDarkFigure(app, deps);
}
