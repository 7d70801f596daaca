/**
 * Runs one job: marks its tracked run running, gives the handler a progress reporter, and
 * stores the result or failure. Shared by the pg-boss worker and the inline test queue.
 */
import type { AppDeps } from '../deps.js';
import { jobDefinition, type JobPayload } from './registry.js';

const PROGRESS_EVERY_MS = 250;

async function updateRun(deps: AppDeps, tenantId: string, runId: string, sql: string, params: unknown[]): Promise<void> {
  await deps.db.withContext({ tenantId, userId: null }, (tx) => tx.query(sql, [runId, ...params]));
}

export async function executeJob(deps: AppDeps, name: string, data: JobPayload, signal: AbortSignal): Promise<unknown> {
  const definition = jobDefinition(name);
  if (!definition) throw new Error(`No handler for job ${name}`);
  const runId = typeof data.runId === 'string' ? data.runId : null;
  const tenantId = typeof data.tenantId === 'string' ? data.tenantId : null;
  const tracked = runId !== null && tenantId !== null;
  if (tracked) await updateRun(deps, tenantId, runId, "update job_runs set status = 'running', started_at = now() where id = $1 and status in ('queued', 'running')", []);
  let lastReport = 0;
  const reportProgress = async (done: number, total: number) => {
    if (!tracked) return;
    const now = Date.now();
    if (now - lastReport < PROGRESS_EVERY_MS && done < total) return;
    lastReport = now;
    await updateRun(deps, tenantId, runId, 'update job_runs set progress_done = $2, progress_total = $3 where id = $1', [Math.floor(done), Math.floor(total)]);
  };
  try {
    const result = await definition.handler({ deps, runId, tenantId, reportProgress, signal }, data);
    if (tracked) {
      await updateRun(deps, tenantId, runId, "update job_runs set status = 'done', result = $2, finished_at = now(), progress_done = coalesce(progress_total, progress_done) where id = $1", [JSON.stringify(result ?? null)]);
    }
    return result;
  } catch (error) {
    deps.log.error({ err: error, job: name }, 'job failed');
    if (tracked) {
      const key = error instanceof Error && /^[a-z]+(\.[A-Za-z0-9_]+)+$/.test(error.message) ? error.message : 'jobs.failed';
      await updateRun(deps, tenantId, runId, "update job_runs set status = 'failed', error_key = $2, finished_at = now() where id = $1", [key]).catch(() => {});
    }
    throw error;
  }
}
