/** The screening feature's routes: the assessment pages, the API and the instrument's administration. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { registerScreeningApi } from './api.js';
import { registerInstrumentAdminPages } from './instrument/routes.js';
import { registerScreeningPages } from './routes.js';

export function registerScreening(app: FastifyInstance, deps: AppDeps): void {
  registerScreeningPages(app, deps);
  registerScreeningApi(app, deps);
  registerInstrumentAdminPages(app, deps);
}
