/**
 * The case flow (issue 3): inquiries, triage, cases, handover, aftercare, search, deadlines,
 * their JSON API and home panels, registered with one call from src/features/index.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { registerInquiryApi } from '../inquiries/api.js';
import { registerInquiryPages } from '../inquiries/routes.js';
import { registerCaseApi } from './api.js';
import { registerCasePanels } from './panels.js';
import { registerCasePages } from './routes.js';

export async function registerCaseFlow(app: FastifyInstance, deps: AppDeps): Promise<void> {
  registerInquiryPages(app, deps);
  registerCasePages(app, deps);
  registerInquiryApi(app, deps);
  registerCaseApi(app, deps);
  registerCasePanels();
}
