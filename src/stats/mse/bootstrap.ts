/**
 * Bootstrap intervals for the unseen number, as SparseMSE's `estimatepopulation`: resample the
 * observed people with replacement, re-run the whole model choice on every resample, and read
 * percentile and BCa limits off the replicates. The BCa acceleration comes from a jackknife
 * that leaves out one person at a time.
 *
 * It takes seconds, so it is async: it yields to the event loop every few milliseconds (a server
 * stays responsive), reports progress and stops when its AbortSignal fires.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { Resampler, bcaLimits, jackknifeAcceleration, quantileType8 } from './bootstrap-core.js';
import { cellCounts, checkTable, observedTotal, type CaptureTable, type CellCounts } from './capture-table.js';
import { checkThreshold, requireEstimable, type BootstrapIntervalJson, type EstimateOptions, type IntervalJson } from './estimate.js';
import { DEFAULT_THRESHOLD, selectModel, type MseMethod } from './stepwise.js';
import { bilingual, formatNumber } from './text.js';
import type { MseWarning } from './warnings.js';

/** The default number of resamples (as in SparseMSE). */
export const DEFAULT_RESAMPLES = 1000;
/** The default seed (SparseMSE's `iseed`). */
export const DEFAULT_SEED = 1234;

/** Options of {@link bootstrapInterval}: the model choice plus the resampling. */
export interface BootstrapOptions extends EstimateOptions {
  /** Number of resamples, default 1000. */
  resamples?: number;
  /** Seed of the random number generator (xoroshiro128+), default 1234. */
  seed?: number;
  /** Called now and then with the work done so far (resamples, then jackknife refits). */
  onProgress?: (done: number, total: number) => void;
  /** Aborting rejects the promise with the signal's reason. */
  signal?: AbortSignal;
}

/** The bootstrap's result: plain JSON. */
export interface BootstrapResult {
  method: MseMethod;
  threshold: number | null;
  resamples: number;
  seed: number;
  observed: number;
  /** The point estimates from the original table. */
  estimate: { unseen: number; total: number };
  unseen: BootstrapIntervalJson;
  total: BootstrapIntervalJson;
  /** z₀ of BCa (null when every replicate lies on one side of the estimate). */
  biasCorrection: number | null;
  /** a of BCa, from the jackknife. */
  acceleration: number;
  /** Resamples whose chosen model had no finite estimate (their value is where the fit stopped). */
  notEstimable: number;
  warnings: MseWarning[];
}

const LOWER = 0.025;
const UPPER = 0.975;
/** Longest stretch of work between two yields to the event loop. */
const SLICE_MS = 20;

/**
 * Runs the bootstrap. Throws {@link MseInputError} / {@link MseNotEstimableError} like
 * {@link estimate} for the original table.
 */
export async function bootstrapInterval(table: CaptureTable, options: BootstrapOptions = {}): Promise<BootstrapResult> {
  checkTable(table);
  const method = options.method ?? 'stepwise';
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  checkThreshold(threshold);
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 2) throw new RangeError(`resamples must be a whole number ≥ 2, got ${resamples}`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  const { signal, onProgress } = options;
  signal?.throwIfAborted();

  const counts = cellCounts(table);
  const k = table.lists.length;
  const observed = observedTotal(counts);
  const original = selectModel(counts, k, method, threshold);
  requireEstimable(original, table.lists, counts, k);
  const pointEstimate = original.fit.unseen;

  const historiesSeen: number[] = [];
  for (let mask = 1; mask < counts.length; mask++) if (counts[mask] > 0) historiesSeen.push(mask);
  const totalWork = resamples + historiesSeen.length;
  let done = 0;
  let sliceStart = Date.now();
  const pause = async (): Promise<void> => {
    if (Date.now() - sliceStart < SLICE_MS) return;
    onProgress?.(done, totalWork);
    await yieldToEventLoop();
    signal?.throwIfAborted();
    sliceStart = Date.now();
  };
  const unseenOf = (sample: CellCounts): { value: number; converged: boolean } => {
    const fit = selectModel(sample, k, method, threshold).fit;
    return { value: fit.unseen, converged: fit.poisson.converged };
  };

  const resampler = new Resampler(counts);
  const rng = xoroshiro128plus(seed);
  const replicates: number[] = [];
  let notEstimable = 0;
  for (let b = 0; b < resamples; b++) {
    const { value, converged } = unseenOf(resampler.draw(rng));
    if (!converged) notEstimable++;
    replicates.push(value);
    done++;
    await pause();
  }

  const weights: number[] = [];
  const leaveOneOut: number[] = [];
  for (const mask of historiesSeen) {
    const reduced = counts.slice();
    reduced[mask] -= 1;
    weights.push(counts[mask]);
    leaveOneOut.push(unseenOf(reduced).value);
    done++;
    await pause();
  }
  onProgress?.(done, totalWork);

  const sorted = replicates.sort((a, b) => a - b);
  const acceleration = jackknifeAcceleration(weights, leaveOneOut);
  const bca = bcaLimits(sorted, pointEstimate, acceleration, [LOWER, UPPER]);
  const percentile: [number, number] = [quantileType8(sorted, LOWER), quantileType8(sorted, UPPER)];
  const shifted = (limits: readonly number[] | null, shift: number): IntervalJson | null =>
    limits === null ? null : [finiteOrNull(limits[0] + shift), finiteOrNull(limits[1] + shift)];
  const interval = (shift: number): BootstrapIntervalJson => ({
    percentile: shifted(percentile, shift) as IntervalJson,
    bca: shifted(bca.limits, shift),
    resamples,
    seed,
  });

  return {
    method,
    threshold: method === 'stepwise' ? threshold : null,
    resamples,
    seed,
    observed,
    estimate: { unseen: pointEstimate, total: observed + pointEstimate },
    unseen: interval(0),
    total: interval(observed),
    biasCorrection: Number.isFinite(bca.biasCorrection) ? bca.biasCorrection : null,
    acceleration,
    notEstimable,
    warnings: bootstrapWarnings(notEstimable, resamples, bca.limits === null),
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function bootstrapWarnings(notEstimable: number, resamples: number, noBca: boolean): MseWarning[] {
  const warnings: MseWarning[] = [];
  if (notEstimable > 0) {
    warnings.push({
      code: 'bootstrap_not_estimable',
      text: bilingual((lang) => {
        const share = formatNumber((100 * notEstimable) / resamples, lang, 1);
        return lang === 'da'
          ? `I ${notEstimable} af ${resamples} genudtrækninger (${share} %) fandtes der intet endeligt skøn; de tæller med med den værdi, tilpasningen stoppede ved (som i R). Bootstrap-intervallet er derfor usikkert.`
          : `In ${notEstimable} of ${resamples} resamples (${share} %) no finite estimate existed; they count with the value where the fit stopped (as in R). The bootstrap interval is therefore uncertain.`;
      }),
    });
  }
  if (noBca) {
    warnings.push({
      code: 'bootstrap_no_bca',
      text: bilingual((lang) =>
        lang === 'da'
          ? 'BCa-intervallet kan ikke beregnes: alle genudtrækninger ligger på samme side af skønnet. Kun percentil-intervallet vises.'
          : 'The BCa interval cannot be computed: every resample lies on the same side of the estimate. Only the percentile interval is shown.',
      ),
    });
  }
  return warnings;
}
