/** The hidden-number feature ("Mørketal", issue 6): pages, API and the bootstrap job. */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { registerDarkFigureApi } from './api.js';
import './job.js';
import { registerDarkFigurePages } from './routes.js';

export function registerDarkFigure(app: FastifyInstance, deps: AppDeps): void {
  registerDarkFigurePages(app, deps);
  registerDarkFigureApi(app, deps);
}
