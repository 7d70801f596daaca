/**
 * The whole estimate for one table: choose the model, check that its estimate exists, fit it,
 * compute the intervals, and attach warnings and method notes. The result is plain JSON.
 */
import { cellCounts, checkTable, observedTotal, overlapCount, type CaptureTable, type MseNote } from './capture-table.js';
import { allPairs, buildDesign, pairMask, pairName } from './design.js';
import { MseNotEstimableError } from './errors.js';
import { checkIdentifiability } from './identifiability.js';
import { unseenIntervals } from './intervals.js';
import { DEFAULT_THRESHOLD, selectModel, type MseMethod, type ModelSelection } from './stepwise.js';
import { estimateWarnings, methodNotes, type MseMethodNote, type MseWarning } from './warnings.js';

/** How to choose the model. */
export interface EstimateOptions {
  /** Default `stepwise`. */
  method?: MseMethod;
  /** p-value threshold of the stepwise method, 0 ≤ threshold < 1; default 0.02. */
  threshold?: number;
}

/** [low, high]; null stands for an unbounded end (JSON has no ∞). */
export type IntervalJson = [number | null, number | null];

/** Percentile and BCa bootstrap intervals (filled in by {@link bootstrapInterval}). */
export interface BootstrapIntervalJson {
  percentile: IntervalJson;
  /** Null when the bias correction cannot be computed (every resample on one side). */
  bca: IntervalJson | null;
  resamples: number;
  seed: number;
}

/** One pair added by the stepwise search, for reports. */
export interface StepJson {
  pair: string;
  p: number;
  overlap: number;
  expected: number;
  emptyOverlap: boolean;
}

/** The full result. Keys follow issue 6. */
export interface MseResult {
  /** People on at least one list. */
  observed: number;
  /** List names in column order. */
  lists: string[];
  model: {
    method: MseMethod;
    threshold: number | null;
    /** Pairs with a finite parameter, "A:B" with names in column order, in the order chosen. */
    interactions: string[];
    /** Pairs in the model whose overlap is empty (parameter −∞). */
    emptyOverlaps: string[];
    deviance: number;
    df: number;
    /** Number of finite parameters (intercept, main effects, finite interactions). */
    parameters: number;
    steps: StepJson[];
  };
  unseen: {
    estimate: number;
    ci95: { profile: IntervalJson; wald: IntervalJson; bootstrap?: BootstrapIntervalJson };
    /** Standard error of log(unseen). */
    logStandardError: number;
  };
  total: {
    estimate: number;
    ci95: { profile: IntervalJson; wald: IntervalJson; bootstrap?: BootstrapIntervalJson };
  };
  /** People on each list, in column order. */
  listTotals: { list: string; count: number }[];
  /** People on both lists of every pair. */
  pairOverlaps: { pair: string; count: number }[];
  warnings: MseWarning[];
  /** What was done to the input (e.g. repeated histories summed) and what the method assumes. */
  notes: (MseNote | MseMethodNote)[];
}

/**
 * Estimates the hidden number for a table. Throws {@link MseInputError} for a malformed table
 * and {@link MseNotEstimableError} when the chosen model's estimate does not exist.
 */
export function estimate(table: CaptureTable, options: EstimateOptions = {}): MseResult {
  checkTable(table);
  const method = options.method ?? 'stepwise';
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  checkThreshold(threshold);
  const counts = cellCounts(table);
  const k = table.lists.length;
  const observed = observedTotal(counts);
  const selection = selectModel(counts, k, method, threshold);
  requireEstimable(selection, table.lists, counts, k);

  const intervals = unseenIntervals(selection.fit);
  const unseen = selection.fit.unseen;
  const totalEstimate = observed + unseen;
  const warnings = estimateWarnings({
    lists: table.lists,
    counts,
    observed,
    selection,
    totalEstimate,
    profileHigh: intervals.profile[1],
  });
  const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
  const interval = (pair: [number, number], shift: number): IntervalJson => [finite(pair[0] + shift), finite(pair[1] + shift)];

  return {
    observed,
    lists: [...table.lists],
    model: {
      method,
      threshold: selection.threshold,
      interactions: selection.fit.design.finitePairs.map((p) => pairName(p, table.lists)),
      emptyOverlaps: selection.fit.design.emptyPairs.map((p) => pairName(p, table.lists)),
      deviance: selection.fit.deviance,
      df: selection.fit.df,
      parameters: selection.fit.design.columns.length,
      steps: selection.steps.map((step) => ({
        pair: pairName(step.pair, table.lists),
        p: step.p,
        overlap: step.overlap,
        expected: step.expected,
        emptyOverlap: step.overlap === 0,
      })),
    },
    unseen: {
      estimate: unseen,
      ci95: { profile: interval(intervals.profile, 0), wald: interval(intervals.wald, 0) },
      logStandardError: intervals.logStandardError,
    },
    total: {
      estimate: totalEstimate,
      ci95: { profile: interval(intervals.profile, observed), wald: interval(intervals.wald, observed) },
    },
    listTotals: table.lists.map((list, i) => ({ list, count: overlapCount(counts, 1 << i) })),
    pairOverlaps: allPairs(k).map((pair) => ({ pair: pairName(pair, table.lists), count: overlapCount(counts, pairMask(pair)) })),
    warnings,
    notes: [...table.notes, ...methodNotes(selection)],
  };
}

/** Throws a RangeError unless 0 ≤ threshold < 1. */
export function checkThreshold(threshold: number): void {
  if (!(threshold >= 0 && threshold < 1)) throw new RangeError(`threshold must be in [0, 1), got ${threshold}`);
}

/** Throws {@link MseNotEstimableError} unless the chosen model's MLE exists and is identifiable. */
export function requireEstimable(selection: ModelSelection, lists: readonly string[], counts: Float64Array, k: number): void {
  // The search's own check is of the same design unless a list is empty (then the fit drops it).
  const check =
    selection.finalCheck !== null && selection.fit.design.emptyLists.length === 0
      ? selection.finalCheck
      : checkIdentifiability(buildDesign(counts, k, selection.pairs, { emptyListsAsStructuralZeros: true }));
  const model = selection.pairs.map((p) => pairName(p, lists));
  if (!check.identifiable) throw new MseNotEstimableError('not_identifiable', model);
  if (!check.exists || !selection.fit.poisson.converged || !Number.isFinite(selection.fit.unseen)) {
    throw new MseNotEstimableError('estimate_does_not_exist', model);
  }
}
