/**
 * The hidden-number use cases: view an estimate, export it, start and read its bootstrap. Each
 * checks the policy, reads the linked lists through the aggregating database functions and
 * writes an audit row in the request's transaction (no personal data in its details: the
 * period, the sources and the method).
 */
import { authorize } from '../../platform/access/policy.js';
import { AccessDeniedError, afterCommit, AppError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { parseOrThrow } from '../../platform/http/validation.js';
import { enqueueTrackedJob, getJobRun, type JobRun } from '../../platform/jobs/tracked.js';
import { analyse, type Analysis } from './analysis.js';
import { BOOTSTRAP_JOB, BootstrapSummary } from './job.js';
import { loadCaptureData, recordShownChoice } from './data.js';
import { darkFigurePolicy, DARKFIGURE_ROLES, type DarkFigureAction } from './policy.js';
import { DarkFigureQuery, type SourceSector } from './schemas.js';

function auditDetails(query: DarkFigureQuery): Record<string, unknown> {
  return { from: query.from, to: query.to, sectors: query.sectors, method: query.method };
}

/** The estimate for a query (or why there is none). Throws ValidationError for unusable data. */
export async function viewDarkFigure(scope: Scope, query: DarkFigureQuery, action: DarkFigureAction = 'view', details: Record<string, unknown> = {}, options: { shows?: boolean } = {}): Promise<Analysis> {
  authorize(darkFigurePolicy, scope.user(), action, null, { entityType: 'darkfigure' });
  const data = await loadCaptureData(scope.tx, query);
  // Audited before the data are judged: the aggregate was read even if nothing can be shown,
  // so a refusal of the data (400) answers after committing that row, on the API as on the page.
  await scope.audit({ action: `darkfigure.${action}`, entityType: 'darkfigure', details: { ...auditDetails(query), ...details } });
  let analysis: Analysis;
  try {
    analysis = analyse(data, query.method, (sector: SourceSector) => scope.t(`sector.${sector}`));
  } catch (error) {
    if (error instanceof AppError) throw afterCommit(error);
    throw error;
  }
  // From now on every other choice of sources for the year is judged together with this one
  // (unless the caller shows nothing of it: a bootstrap refused for a withheld estimate).
  if (options.shows !== false && analysis.counts.observed.state === 'shown') await recordShownChoice(scope.tx, query);
  return analysis;
}

/** Starts the bootstrap for a query whose estimate is shown; returns the tracked run's id. */
export async function startBootstrap(scope: Scope, query: DarkFigureQuery): Promise<string> {
  const analysis = await viewDarkFigure(scope, query, 'bootstrap', {}, { shows: false });
  if (analysis.kind !== 'estimate') throw afterCommit(new AppError('validation', 'darkfigure.error.bootstrapUnavailable'));
  // The run's result shows the number linked to every manager.
  await recordShownChoice(scope.tx, query);
  const input = { from: query.from, to: query.to, sectors: query.sectors, method: query.method };
  return enqueueTrackedJob(scope, BOOTSTRAP_JOB, input, { visibleRoles: [...DARKFIGURE_ROLES] });
}

/** A bootstrap run the actor may watch, with the query it was started for. */
export interface BootstrapRun {
  run: JobRun;
  query: DarkFigureQuery;
  summary: BootstrapSummary | null;
}

/** Reads a bootstrap run (404 unless the actor started it or is a manager, and it is a bootstrap). */
export async function readBootstrap(scope: Scope, runId: string, options: { audit?: boolean } = {}): Promise<BootstrapRun> {
  authorize(darkFigurePolicy, scope.user(), 'view', null, { entityType: 'darkfigure', entityId: runId });
  const run = await getJobRun(scope, runId);
  if (run.kind !== BOOTSTRAP_JOB) throw new AccessDeniedError({ action: 'darkfigure.view', entityType: 'job_run', entityId: runId });
  const { rows } = await scope.tx.query<{ input: unknown }>('select input from job_runs where id = $1', [runId]);
  const query = parseOrThrow(DarkFigureQuery, rows[0]?.input ?? {});
  const parsed = run.status === 'done' ? BootstrapSummary.safeParse(run.result) : null;
  if (options.audit !== false) await scope.audit({ action: 'darkfigure.view', entityType: 'job_run', entityId: runId, details: { ...auditDetails(query), bootstrap: true } });
  return { run, query, summary: parsed?.success ? parsed.data : null };
}
