/**
 * The bootstrap interval as a background job (`darkfigure.bootstrap`). The queue message holds
 * only the query (period, sources, method), never counts: the job reads the linked lists again
 * as the manager who started it (so a manager who has since lost the role gets nothing), checks
 * that the estimate may still be shown, and runs the engine's bootstrap with progress. Its result
 * holds estimates and intervals only, never a count under 5.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/events.js';
import { ValidationError } from '../../platform/http/errors.js';
import { registerJob, type JobContext, type JobPayload } from '../../platform/jobs/registry.js';
import { bootstrapInterval, DEFAULT_RESAMPLES, type BootstrapResult, type MseResult } from '../../stats/mse/index.js';
import { wholePeople } from './format.js';
import { analyse, captureTable } from './analysis.js';
import { loadCaptureData } from './data.js';
import { DarkFigureQuery, METHODS } from './schemas.js';

export const BOOTSTRAP_JOB = 'darkfigure.bootstrap';
export const BOOTSTRAP_RESAMPLES = DEFAULT_RESAMPLES;

/**
 * The resampling seed: the same query on the same data gives the same seed, so two runs give
 * the same interval, but it is keyed with a secret outside the database. With a known seed
 * anyone could replay the resampling over every table consistent with the shown counts and
 * find the one that gives the stored interval (decision 0402, "What the estimates reveal").
 */
export function bootstrapSeed(key: Buffer, query: Pick<DarkFigureQuery, 'from' | 'to' | 'sectors' | 'method'>, cells: readonly number[]): number {
  const digest = createHmac('sha256', key).update(JSON.stringify([query.from, query.to, query.sectors, query.method, cells])).digest();
  return digest.readUInt32BE(0) >>> 1;
}

const Interval = z.tuple([z.number().nullable(), z.number().nullable()]);
const BootstrapInterval = z.object({ percentile: Interval, bca: Interval.nullable() });
const Quantity = z.object({ estimate: z.number(), profile: Interval, wald: Interval, bootstrap: BootstrapInterval });

/**
 * What a finished run stores and the pages show (also the `result` of `GET /api/v1/jobs/{id}`):
 * whole people only, and no seed, so nothing in it can be traced back beyond the shown counts.
 */
export const BootstrapSummary = z.object({
  method: z.enum(METHODS),
  /** People seen by at least one source (5 or more: smaller sets are never estimated). */
  observed: z.number().int(),
  resamples: z.number().int(),
  unseen: Quantity,
  total: Quantity,
  /** Resamples without a finite estimate. */
  notEstimable: z.number().int(),
  /** True when the BCa limits could not be computed. */
  noBca: z.boolean(),
});
export type BootstrapSummary = z.infer<typeof BootstrapSummary>;

/** Joins the estimate and its bootstrap into the stored summary, in whole people. */
export function summarise(result: MseResult, boot: BootstrapResult): BootstrapSummary {
  const interval = (bounds: readonly [number | null, number | null]): [number | null, number | null] => [wholePeople(bounds[0]), wholePeople(bounds[1])];
  const quantity = (estimate: number, ci: MseResult['unseen']['ci95'], bootstrap: BootstrapResult['unseen']) => ({
    estimate: Math.round(estimate),
    profile: interval(ci.profile),
    wald: interval(ci.wald),
    bootstrap: { percentile: interval(bootstrap.percentile), bca: bootstrap.bca ? interval(bootstrap.bca) : null },
  });
  return {
    method: result.model.method,
    observed: result.observed,
    resamples: boot.resamples,
    unseen: quantity(result.unseen.estimate, result.unseen.ci95, boot.unseen),
    total: quantity(result.total.estimate, result.total.ci95, boot.total),
    notEstimable: boot.notEstimable,
    noBca: boot.warnings.some((w) => w.code === 'bootstrap_no_bca'),
  };
}

async function runBootstrap(context: JobContext, data: JobPayload): Promise<BootstrapSummary> {
  const { deps, tenantId, runId } = context;
  const parsed = DarkFigureQuery.safeParse({ from: data.from, to: data.to, sectors: data.sectors, method: data.method });
  if (!parsed.success || !tenantId || !runId) throw new Error('darkfigure.job.unusable');
  const query = parsed.data;
  const requester = await deps.db.withContext({ tenantId, userId: null }, async (tx) => {
    const { rows } = await tx.query<{ requestedBy: string | null }>('select requested_by as "requestedBy" from job_runs where id = $1', [runId]);
    return rows[0]?.requestedBy ?? null;
  });
  if (!requester) throw new Error('darkfigure.job.unusable');
  const captured = await deps.db.withContext({ tenantId, userId: requester }, async (tx) => {
    const read = await loadCaptureData(tx, query);
    await recordAudit(tx, {
      tenantId, actorKind: 'user', actorUserId: requester, action: 'darkfigure.bootstrap.read', entityType: 'job_run', entityId: runId,
      details: { from: query.from, to: query.to, sectors: query.sectors, method: query.method },
    });
    return read;
  });
  let analysis;
  try {
    analysis = analyse(captured, query.method);
  } catch (error) {
    if (error instanceof ValidationError) throw new Error('darkfigure.job.unusable');
    throw error;
  }
  if (analysis.kind !== 'estimate') throw new Error('darkfigure.job.withheld');

  let reporting: Promise<void> = Promise.resolve();
  const boot = await bootstrapInterval(captureTable(captured), {
    method: query.method,
    resamples: BOOTSTRAP_RESAMPLES,
    seed: bootstrapSeed(deps.keys.key('darkfigure-bootstrap', tenantId), query, captured.cells),
    signal: context.signal,
    onProgress: (done, total) => {
      // The engine calls this synchronously between slices of work; the write is throttled.
      reporting = reporting.then(() => context.reportProgress(done, total)).catch(() => undefined);
    },
  });
  await reporting;
  return summarise(analysis.result, boot);
}

registerJob({ name: BOOTSTRAP_JOB, expireInSeconds: 3600, handler: runBootstrap });
