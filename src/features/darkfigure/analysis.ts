/**
 * From the linked lists to what the page may show: the suppressed counts, the engine's estimate
 * (or the reason there is none), and warnings rebuilt so that no count under 5 reaches the page.
 *
 * Pure: no database, so tests compare it with the engine called directly.
 *
 * When is an estimate shown? The Poisson log-linear model's likelihood depends on the table only
 * through its sufficient statistics: the number linked, every list total and the overlap of every
 * pair in the model. The estimate and its profile and Wald intervals therefore reveal those counts
 * and nothing else. So the estimate is shown only when every one of them is itself shown (5 or
 * more, not hidden by the secondary rule); otherwise the page explains why it is withheld.
 */
import {
  estimate,
  MseInputError,
  MseNotEstimableError,
  DEFAULT_THRESHOLD,
  type CaptureTable,
  type MseMethod,
  type MseResult,
} from '../../stats/mse/index.js';
import { selectModel } from '../../stats/mse/stepwise.js';
import { FEW_OBSERVED } from '../../stats/mse/warnings.js';
import { ValidationError } from '../../platform/http/errors.js';
import type { CaptureData } from './data.js';
import type { SourceSector } from './schemas.js';
import { linkedMayBeShown, SMALL_COUNT, suppressCounts, UnprotectableError, type Shown, type SuppressedCounts } from './suppression.js';

/** A pair of lists by their positions (i < j). */
export type PairIndex = [number, number];

/** A warning for the page, as data: the view words it in the page's language. */
export type DarkFigureWarning =
  | { code: 'few_linked'; linked: number }
  | { code: 'small_pairs'; pairs: PairIndex[] }
  | { code: 'excluding_pairs'; pairs: PairIndex[] }
  | { code: 'refused_pairs'; pairs: PairIndex[] }
  | { code: 'estimate_over_ten_times'; ratio: number }
  | { code: 'unbounded_interval' };

/** Why no estimate is shown. */
export type WithheldReason =
  | { code: 'not_estimable'; model: PairIndex[] }
  | { code: 'not_identifiable'; model: PairIndex[] }
  /** The estimate would reveal these counts, which are under 5 or hidden. */
  | { code: 'protects_small_counts'; lists: number[]; pairs: PairIndex[]; linked: boolean };

interface AnalysisBase {
  lists: SourceSector[];
  method: MseMethod;
  counts: SuppressedCounts;
  unlinked: Shown;
}

/** An estimate the page may show. `result` is the engine's own (its warning texts are not shown: they carry exact counts). */
export interface EstimateAnalysis extends AnalysisBase {
  kind: 'estimate';
  result: MseResult;
  warnings: DarkFigureWarning[];
}

export interface WithheldAnalysis extends AnalysisBase {
  kind: 'withheld';
  reason: WithheldReason;
}

export type Analysis = EstimateAnalysis | WithheldAnalysis;

/** The engine's table for the linked lists (list names are the sector keys). */
export function captureTable(data: CaptureData): CaptureTable {
  const k = data.lists.length;
  const rows = [];
  for (let mask = 1; mask < data.cells.length; mask++) {
    if (data.cells[mask] > 0) {
      rows.push({ history: Array.from({ length: k }, (_, i) => ((mask >> i) & 1) as 0 | 1), count: data.cells[mask], lines: [] as number[] });
    }
  }
  return { lists: [...data.lists], rows, notes: [] };
}

/**
 * Checks that the linked lists can be used at all (else a ValidationError with a translated
 * message, answered 400 and shown on the form): at least 5 people on each list (lists with
 * fewer are named), and so at least 5 people linked.
 *
 * The lists come first, so which message a user gets depends only on which lists hold under 5,
 * which the message says anyway. Asked the other way round, two small lists answered "under 5
 * linked" or named the lists depending on whether together they held 5 — telling that each held
 * at least one, or that they did not overlap (review, 2026-11-26).
 */
export function requireUsableData(data: CaptureData, nameOf: (sector: SourceSector) => string = (sector) => sector): void {
  // A list of 0–4 people says nothing an estimate could use, and naming only the empty ones
  // would tell 0 from 1–4.
  const small = data.lists.filter((_, i) => data.cells.reduce((sum, count, mask) => ((mask & (1 << i)) !== 0 ? sum + count : sum), 0) < SMALL_COUNT);
  if (small.length > 0) {
    throw new ValidationError([{ field: 'sectors', messageKey: 'darkfigure.error.smallSources', params: { sources: small.map(nameOf).join(', '), min: SMALL_COUNT } }]);
  }
  // Unreachable with at least one list (every list holds 5 by now); kept for an empty choice.
  if (data.linked < SMALL_COUNT) throw new ValidationError([{ field: '_form', messageKey: 'darkfigure.error.tooFewLinked', params: { min: SMALL_COUNT } }]);
}

/** Runs the suppression and the engine; see the file comment for when an estimate is shown. */
export function analyse(data: CaptureData, method: MseMethod, nameOf?: (sector: SourceSector) => string): Analysis {
  requireUsableData(data, nameOf);
  const k = data.lists.length;
  let counts: SuppressedCounts;
  try {
    counts = data.period ? countsFromPeriod(data) : suppressCounts(k, data.cells);
  } catch (error) {
    if (error instanceof UnprotectableError) throw new ValidationError([{ field: '_form', messageKey: 'darkfigure.error.tooSmallToProtect' }]);
    throw error;
  }
  const unlinked: Shown = data.unlinkedRecords < SMALL_COUNT ? { state: 'small' } : { state: 'shown', value: data.unlinkedRecords };
  const base: AnalysisBase = { lists: data.lists, method, counts, unlinked };
  const table = captureTable(data);
  const pairIndex = (name: string): PairIndex => {
    const [a, b] = name.split(':');
    return [data.lists.indexOf(a as SourceSector), data.lists.indexOf(b as SourceSector)];
  };

  let result: MseResult;
  try {
    result = estimate(table, { method, threshold: DEFAULT_THRESHOLD });
  } catch (error) {
    if (error instanceof MseNotEstimableError) {
      const model = error.interactions.map(pairIndex);
      return { ...base, kind: 'withheld', reason: { code: error.key === 'not_identifiable' ? 'not_identifiable' : 'not_estimable', model } };
    }
    // requireUsableData has ruled out every input problem the engine knows; anything left is a bug.
    if (error instanceof MseInputError) throw new Error(`darkfigure: the engine refused a checked table (${error.key})`);
    throw error;
  }

  const finitePairs = result.model.interactions.map(pairIndex);
  const hiddenLists = counts.lists.flatMap((shown, i) => (shown.state === 'shown' ? [] : [i]));
  const hiddenPairs = finitePairs.filter(([i, j]) => counts.pairs[i][j].state !== 'shown');
  if (counts.observed.state !== 'shown' || hiddenLists.length > 0 || hiddenPairs.length > 0) {
    return { ...base, kind: 'withheld', reason: { code: 'protects_small_counts', lists: hiddenLists, pairs: hiddenPairs, linked: counts.observed.state !== 'shown' } };
  }
  return { ...base, kind: 'estimate', result, warnings: pageWarnings(data, counts, result, method, pairIndex) };
}

/**
 * The audit's answers for the last few tables. They are pure functions of the counts (no keys,
 * no records), and with ten sources one answer takes most of a second of linear programming;
 * the page, its CSV and its PDF ask the same question one after another.
 */
const answers = new Map<string, unknown>();
const REMEMBERED = 64;

function remembered<T>(key: string, compute: () => T): T {
  if (answers.has(key)) {
    const value = answers.get(key) as T;
    answers.delete(key);
    answers.set(key, value);
    return value;
  }
  const value = compute();
  answers.set(key, value);
  if (answers.size > REMEMBERED) answers.delete(answers.keys().next().value!);
  return value;
}

/**
 * The chosen sources' counts, read from the period's suppressed table (decision 0402, "Comparing
 * queries"): each list total and pair overlap is shown or hidden as it is for every choice of
 * sources in the period, and the number linked, the one figure of this choice alone, is shown
 * only if the audit allows it together with the numbers linked already shown for the period.
 */
function countsFromPeriod(data: CaptureData): SuppressedCounts {
  const period = data.period!;
  const k = period.sources.length;
  const periodCounts = remembered(`period:${k}:${period.cells.join()}`, () => suppressCounts(k, period.cells, { everybodyKnown: false }));
  const at = data.lists.map((sector) => period.sources.indexOf(sector));
  const chosen = at.reduce((mask, i) => mask | (1 << i), 0);
  const known = [...period.shownChoices].sort((a, b) => a - b).join();
  const linked = remembered(`linked:${k}:${period.cells.join()}:${known}:${chosen}`, () => linkedMayBeShown(k, period.cells, periodCounts, period.shownChoices, chosen));
  const lists = at.map((i) => periodCounts.lists[i]);
  const pairs = at.map((i) => at.map((j) => periodCounts.pairs[i][j]));
  let secondary = 0;
  for (let a = 0; a < at.length; a++) {
    if (lists[a].state === 'hidden') secondary++;
    for (let b = a + 1; b < at.length; b++) if (pairs[a][b].state === 'hidden') secondary++;
  }
  return {
    observed: linked.shown ? { state: 'shown', value: data.linked } : { state: 'hidden' },
    lists,
    pairs,
    secondary: secondary + (linked.shown ? 0 : 1),
    linearPrograms: periodCounts.linearPrograms + linked.linearPrograms,
  };
}

/**
 * The engine's warnings, rebuilt from the suppressed counts: the same situations, without the
 * exact small counts and p-values the engine's own sentences contain.
 */
function pageWarnings(data: CaptureData, counts: SuppressedCounts, result: MseResult, method: MseMethod, pairIndex: (name: string) => PairIndex): DarkFigureWarning[] {
  const warnings: DarkFigureWarning[] = [];
  const codes = new Set(result.warnings.map((w) => w.code));
  const k = data.lists.length;
  if (result.observed < FEW_OBSERVED) warnings.push({ code: 'few_linked', linked: result.observed });
  const small: PairIndex[] = [];
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) if (counts.pairs[i][j].state === 'small') small.push([i, j]);
  if (small.length > 0) warnings.push({ code: 'small_pairs', pairs: small });
  if (result.model.emptyOverlaps.length > 0) warnings.push({ code: 'excluding_pairs', pairs: result.model.emptyOverlaps.map(pairIndex) });
  if (codes.has('edge_of_existence') && method === 'stepwise') {
    const refused = refusedPairs(data, method);
    if (refused.length > 0) warnings.push({ code: 'refused_pairs', pairs: refused });
  }
  if (codes.has('estimate_over_ten_times_observed')) warnings.push({ code: 'estimate_over_ten_times', ratio: result.total.estimate / result.observed });
  if (codes.has('unbounded_interval')) warnings.push({ code: 'unbounded_interval' });
  return warnings;
}

/** Pairs the data called for but the model could not take (the estimate would not exist). */
function refusedPairs(data: CaptureData, method: MseMethod): PairIndex[] {
  const selection = selectModel(Float64Array.from(data.cells), data.lists.length, method, DEFAULT_THRESHOLD);
  const seen = new Set<string>();
  const pairs: PairIndex[] = [];
  for (const refused of selection.refused) {
    const key = `${refused.pair[0]}:${refused.pair[1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push([refused.pair[0], refused.pair[1]]);
  }
  return pairs;
}
