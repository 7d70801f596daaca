/** The calibration feature's routes: pages and API. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { registerCalibrationApi } from './api.js';
import { registerCalibrationPages } from './routes.js';

export function registerCalibration(app: FastifyInstance, deps: AppDeps): void {
  registerCalibrationPages(app, deps);
  registerCalibrationApi(app, deps);
}
