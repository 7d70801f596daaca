/**
 * The log-linear design: which cells enter the fit and which parameters the model has.
 *
 * A parameter is identified by the bit mask of the lists it belongs to: 0 is the intercept
 * (log of the unseen cell's mean), a single bit a list's main effect, two bits a pairwise
 * interaction. The design entry for cell `m` and parameter `p` is 1 exactly when m ⊇ p.
 */
import { overlapCount, type CellCounts } from './capture-table.js';

/** A pair of lists by column index, first < second. */
export type Pair = readonly [number, number];

/** The bit mask of a pair. */
export function pairMask(pair: Pair): number {
  return (1 << pair[0]) | (1 << pair[1]);
}

/** Every pair of k lists in the order (0,1), (0,2), …, (0,k−1), (1,2), … (the R packages' order). */
export function allPairs(k: number): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < k - 1; i++) for (let j = i + 1; j < k; j++) pairs.push([i, j]);
  return pairs;
}

/** The cells and parameters of one model fitted to one table. */
export interface Design {
  k: number;
  /** Cells that enter the fit (observable cells minus structural zeros). */
  masks: Int32Array;
  /** Observed counts of those cells. */
  y: Float64Array;
  /** Parameter masks: intercept first, then main effects, then finite interactions. */
  columns: number[];
  /** Row-major design matrix, masks.length × columns.length, entries 0/1. */
  x: Float64Array;
  /** Pairs in the model whose overlap is empty: parameter −∞, their cells left out. */
  emptyPairs: Pair[];
  /** Pairs in the model with a finite parameter. */
  finitePairs: Pair[];
  /** Lists with nobody on them, treated like an empty overlap (only when asked for). */
  emptyLists: number[];
}

/** How {@link buildDesign} treats lists nobody is on. */
export interface DesignOptions {
  /**
   * Treat a list with nobody on it as a main effect at −∞ (its cells left out, its column
   * dropped). That is the limit R's `glm` runs towards; the R packages' existence check does not
   * do it, so the stepwise search keeps this off to decide exactly as they do.
   */
  emptyListsAsStructuralZeros?: boolean;
}

/** Builds the design of the main-effects model plus `pairs` for the given counts. */
export function buildDesign(counts: CellCounts, k: number, pairs: readonly Pair[], options: DesignOptions = {}): Design {
  const emptyPairs: Pair[] = [];
  const finitePairs: Pair[] = [];
  let excluded: number[] = [];
  for (const pair of pairs) {
    const mask = pairMask(pair);
    if (overlapCount(counts, mask) === 0) {
      emptyPairs.push(pair);
      excluded.push(mask);
    } else {
      finitePairs.push(pair);
    }
  }
  const emptyLists: number[] = [];
  if (options.emptyListsAsStructuralZeros) {
    for (let i = 0; i < k; i++) {
      if (overlapCount(counts, 1 << i) === 0) {
        emptyLists.push(i);
        excluded.push(1 << i);
      }
    }
  }
  excluded = [...new Set(excluded)];

  const columns = [0];
  for (let i = 0; i < k; i++) if (!emptyLists.includes(i)) columns.push(1 << i);
  for (const pair of finitePairs) {
    if (emptyLists.includes(pair[0]) || emptyLists.includes(pair[1])) continue;
    columns.push(pairMask(pair));
  }

  const cells: number[] = [];
  for (let mask = 1; mask < 1 << k; mask++) {
    if (!excluded.some((e) => (mask & e) === e)) cells.push(mask);
  }
  const masks = Int32Array.from(cells);
  const y = Float64Array.from(cells, (mask) => counts[mask]);
  const p = columns.length;
  const x = new Float64Array(cells.length * p);
  cells.forEach((mask, r) => {
    for (let c = 0; c < p; c++) x[r * p + c] = (mask & columns[c]) === columns[c] ? 1 : 0;
  });
  return { k, masks, y, columns, x, emptyPairs, finitePairs, emptyLists };
}

/** Names a parameter or pair as "A:B" with the list names in column order. */
export function pairName(pair: Pair, lists: readonly string[]): string {
  return `${lists[pair[0]]}:${lists[pair[1]]}`;
}
