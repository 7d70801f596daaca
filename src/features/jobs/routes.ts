/** Watching a background job: status, progress and result for the user who may see it. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/api/define.js';
import type { AppDeps } from '../../platform/deps.js';
import { getJobRun, JobRun } from '../../platform/jobs/tracked.js';

export function registerJobRoutes(app: FastifyInstance, deps: AppDeps): void {
  api(app, deps, {
    method: 'GET', url: '/api/v1/jobs/:id', operationId: 'getJob', tags: ['jobs'],
    summary: 'Status and progress of a background job you started (or may watch)',
    access: { auth: 'user' }, params: z.object({ id: z.uuid() }), response: JobRun,
  }, async (scope, { params }) => {
    const run = await getJobRun(scope, params.id);
    // A result can hold figures read from personal data (the hidden-number bootstrap's).
    await scope.audit({ action: 'job.read', entityType: 'job_run', entityId: run.id, details: { kind: run.kind, status: run.status } });
    return run;
  });
}
