/**
 * Model choice. `independence` is the main-effects model. `stepwise` is the method of Chan,
 * Silverman & Vincent (2021) as in the R package SparseMSE (`stepwisefit`, threshold 0.02):
 *
 * Start from main effects. For every pair (i, j) not yet in the model, N* is the number seen on
 * both lists and λ the sum of the current fitted means over the cells containing both;
 * p = min(P(X ≤ N*), P(X ≥ N*)) with X ~ Poisson(λ). A pair whose addition would make the
 * maximum-likelihood estimate fail to exist or the model unidentifiable gets p = 1. The pair with
 * the smallest p (the first in column order on a tie) is added if p < threshold; repeat.
 *
 * Checking existence is the costly part (an LP per pair), so candidates are checked in order of
 * p and only until one passes: the pair chosen is the same as checking them all.
 */
import { overlapCount, type CellCounts } from './capture-table.js';
import { allPairs, buildDesign, pairMask, type Pair } from './design.js';
import { poissonCdf, poissonUpperTail } from './distributions.js';
import { fitModel, fittedByMask, type ModelFit } from './fit.js';
import { checkIdentifiability, type IdentifiabilityCheck } from './identifiability.js';

/** How the model is chosen: main effects only, or the stepwise search. */
export type MseMethod = 'independence' | 'stepwise';

/** The default p-value threshold of SparseMSE. */
export const DEFAULT_THRESHOLD = 0.02;

/** One pair added by the stepwise search. */
export interface SelectionStep {
  pair: Pair;
  /** Its Poisson p-value when it was added. */
  p: number;
  /** People on both lists (N*). */
  overlap: number;
  /** The mean of N* under the model before the pair was added (λ). */
  expected: number;
}

/** A pair the data called for (p < threshold) that could not be added. */
export interface RefusedPair {
  pair: Pair;
  p: number;
  /** At which step (0-based) it was refused. */
  step: number;
  reason: 'does_not_exist' | 'not_identifiable';
}

/** The chosen model and how it was reached. */
export interface ModelSelection {
  method: MseMethod;
  threshold: number | null;
  pairs: Pair[];
  steps: SelectionStep[];
  refused: RefusedPair[];
  fit: ModelFit;
  /** The existence and rank check of exactly the final model, when the search already ran it. */
  finalCheck: IdentifiabilityCheck | null;
}

/** Chooses and fits the model for one table. */
export function selectModel(counts: CellCounts, k: number, method: MseMethod, threshold = DEFAULT_THRESHOLD): ModelSelection {
  if (method === 'independence') {
    return { method, threshold: null, pairs: [], steps: [], refused: [], fit: fitModel(counts, k, []), finalCheck: null };
  }
  return stepwise(counts, k, threshold);
}

function stepwise(counts: CellCounts, k: number, threshold: number): ModelSelection {
  const candidates = allPairs(k);
  const overlaps = candidates.map((pair) => overlapCount(counts, pairMask(pair)));
  const included = new Array<boolean>(candidates.length).fill(false);
  const pairs: Pair[] = [];
  const steps: SelectionStep[] = [];
  const refused: RefusedPair[] = [];
  let fit = fitModel(counts, k, []);
  let finalCheck: IdentifiabilityCheck | null = null;

  for (let step = 0; step < candidates.length; step++) {
    const fitted = fittedByMask(fit);
    const ranked: { index: number; p: number; expected: number }[] = [];
    candidates.forEach((pair, index) => {
      if (included[index]) return;
      const expected = sumOverSupersets(fitted, pairMask(pair));
      const n = overlaps[index];
      ranked.push({ index, p: Math.min(poissonCdf(n, expected), poissonUpperTail(n, expected)), expected });
    });
    ranked.sort((a, b) => a.p - b.p || a.index - b.index);

    let chosen: (typeof ranked)[number] | undefined;
    for (const candidate of ranked) {
      if (!(candidate.p < threshold)) break;
      const pair = candidates[candidate.index];
      const check = checkIdentifiability(buildDesign(counts, k, [...pairs, pair]));
      if (check.exists && check.identifiable) {
        chosen = candidate;
        finalCheck = check;
        break;
      }
      refused.push({ pair, p: candidate.p, step, reason: check.exists ? 'not_identifiable' : 'does_not_exist' });
    }
    if (!chosen) break;
    const pair = candidates[chosen.index];
    included[chosen.index] = true;
    pairs.push(pair);
    steps.push({ pair, p: chosen.p, overlap: overlaps[chosen.index], expected: chosen.expected });
    fit = fitModel(counts, k, pairs);
  }
  return { method: 'stepwise', threshold, pairs, steps, refused, fit, finalCheck };
}

function sumOverSupersets(byMask: Float64Array, mask: number): number {
  let total = 0;
  for (let cell = 1; cell < byMask.length; cell++) if ((cell & mask) === mask) total += byMask[cell];
  return total;
}
