/**
 * Jobs a user starts and watches: a job_runs row (status, progress, result) created in the
 * request's transaction, and the queue message sent only after that transaction commits.
 */
import { z } from 'zod';
import type { Role } from '../access/roles.js';
import { AccessDeniedError } from '../http/errors.js';
import type { Scope } from '../http/scope.js';
import { inlineQueue } from './queues.js';

export const JobRun = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  progressDone: z.number().int(),
  progressTotal: z.number().int().nullable(),
  result: z.unknown().nullable(),
  errorKey: z.string().nullable(),
});
export type JobRun = z.infer<typeof JobRun>;

/** Starts a tracked job; returns its run id. `visibleRoles`: who besides the requester may watch. */
export async function enqueueTrackedJob(scope: Scope, name: string, input: Record<string, unknown>, options: { visibleRoles?: Role[]; total?: number } = {}): Promise<string> {
  const actor = scope.user();
  const { rows } = await scope.tx.query<{ id: string }>(
    `insert into job_runs (tenant_id, kind, requested_by, visible_roles, input, progress_total) values ($1, $2, $3, $4, $5, $6) returning id`,
    [scope.tenant.id, name, actor.userId, options.visibleRoles ?? [], JSON.stringify(input), options.total ?? null],
  );
  const runId = rows[0].id;
  const queue = scope.deps.jobs ?? (scope.deps.jobs = inlineQueue(scope.deps));
  scope.afterCommit(() => queue.send(name, { ...input, runId, tenantId: scope.tenant.id }));
  await scope.audit({ action: 'job.start', entityType: 'job_run', entityId: runId, details: { kind: name } });
  return runId;
}

/** A run the actor may watch (requester, or a role the run lists); 404 otherwise. */
export async function getJobRun(scope: Scope, runId: string): Promise<JobRun> {
  const actor = scope.user();
  const { rows } = await scope.tx.query<JobRun>(
    `select id, kind, status, progress_done as "progressDone", progress_total as "progressTotal", result, error_key as "errorKey"
       from job_runs where id = $1 and (requested_by = $2 or $3 = any(visible_roles))`,
    [runId, actor.userId, actor.role],
  );
  // Missing and not visible answer the same 404, audited as refused.
  if (!rows[0]) throw new AccessDeniedError({ action: 'job.read', entityType: 'job_run', entityId: runId });
  return rows[0];
}
