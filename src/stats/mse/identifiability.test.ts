import { describe, expect, it } from 'vitest';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { Resampler } from './bootstrap-core.js';
import { cellCounts, type CellCounts } from './capture-table.js';
import { allPairs, buildDesign, type Pair } from './design.js';
import { checkIdentifiability, maxMinCell } from './identifiability.js';
import { matrixRank } from './linalg.js';
import { selectModel } from './stepwise.js';
import { loadDataset, referenceRows } from './testing/fixtures.js';

// The three examples in SparseMSE's documentation of `checkident`, on Artificial_3; R prints the
// LP objective as 6, 0 and 6 (MultipleSystemsEstimation, vignette "Reproducing Chan, Silverman
// and Vincent (2021)", Table 3).
describe('checkIdentifiability on Artificial_3', () => {
  const table = loadDataset('Artificial_3');
  const counts = cellCounts(table);
  const [ab, ac, bc] = allPairs(3);

  it('all pairs: not identifiable (the empty A:C and B:C leave 4 cells for 5 parameters)', () => {
    const check = checkIdentifiability(buildDesign(counts, 3, [ab, ac, bc]), { alwaysSolveLp: true });
    expect(check.identifiable).toBe(false);
    expect(check.rankDeficiency).toBe(1);
    expect(check.lpOptimum).toBeCloseTo(6, 9);
  });

  it('A:B only: the maximum-likelihood estimate does not exist', () => {
    const check = checkIdentifiability(buildDesign(counts, 3, [ab]));
    expect(check.existenceBy).toBe('linear-program');
    expect(check.exists).toBe(false);
    expect(check.lpOptimum).toBeCloseTo(0, 12);
    expect(check.identifiable).toBe(true);
  });

  it('A:C and B:C: passes both tests', () => {
    const check = checkIdentifiability(buildDesign(counts, 3, [ac, bc]), { alwaysSolveLp: true });
    expect(check).toMatchObject({ exists: true, identifiable: true });
    expect(check.lpOptimum).toBeCloseTo(6, 9);
    // The four observed cells determine the four parameters: the certificate settles it alone.
    expect(checkIdentifiability(buildDesign(counts, 3, [ac, bc]))).toMatchObject({ existenceBy: 'observed-cells-rank', exists: true });
  });
});

describe('maxMinCell', () => {
  it('is the largest smallest cell of a table with the same margins', () => {
    // Two lists, main effects: margins N = 10, nA = 6, nB = 7 force x11 = nA + nB − N = 3 and
    // leave x10 = 3, x01 = 4 — every cell is determined, so s* = 3.
    const counts = Float64Array.from([0, 3, 4, 3]);
    expect(maxMinCell(buildDesign(counts, 2, []))).toBeCloseTo(3, 9);
  });

  it('is 0 when a cell is forced empty', () => {
    const counts = Float64Array.from([0, 5, 7, 0]);
    expect(maxMinCell(buildDesign(counts, 2, []))).toBeCloseTo(0, 12);
  });
});

describe('matrixRank', () => {
  it('finds full rank, a repeated column and a sum of columns', () => {
    const rows = 4;
    const full = Float64Array.from([1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1]);
    expect(matrixRank(full, rows, 3)).toBe(3);
    const repeated = Float64Array.from([1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1]);
    expect(matrixRank(repeated, rows, 3)).toBe(2);
    const summed = Float64Array.from([1, 0, 1, 0, 1, 1, 1, 1, 2, 0, 0, 0]);
    expect(matrixRank(summed, rows, 3)).toBe(2);
  });
});

describe('the rank certificate never contradicts the LP', () => {
  /** Every candidate model the stepwise search looks at, step by step, for one table. */
  function candidateModels(counts: CellCounts, k: number): Pair[][] {
    const chosen = selectModel(counts, k, 'stepwise').pairs;
    const models: Pair[][] = [];
    for (let step = 0; step <= chosen.length; step++) {
      const base = chosen.slice(0, step);
      models.push(base);
      for (const pair of allPairs(k)) {
        if (!base.some((p) => p[0] === pair[0] && p[1] === pair[1])) models.push([...base, pair]);
      }
    }
    return models;
  }

  /** Checks every certified candidate with the LP too; returns how many were certified. */
  function compare(counts: CellCounts, k: number): { certified: number } {
    let certified = 0;
    for (const pairs of candidateModels(counts, k)) {
      const design = buildDesign(counts, k, pairs);
      const quick = checkIdentifiability(design);
      if (quick.existenceBy !== 'observed-cells-rank') continue;
      certified++;
      const lp = checkIdentifiability(design, { alwaysSolveLp: true });
      expect(lp.exists, `${pairs.map((p) => p.join('-')).join(' ')}`).toBe(true);
      expect(lp.identifiable).toBe(quick.identifiable);
    }
    return { certified };
  }

  it('on every candidate of every step for the 16 reference data sets', () => {
    let certified = 0;
    for (const dataset of new Set(referenceRows().map((r) => r.dataset))) {
      const table = loadDataset(dataset);
      certified += compare(cellCounts(table), table.lists.length).certified;
    }
    expect(certified).toBeGreaterThan(500);
  });

  // Eight lists make ~80 LPs of 255 cells per resample, so NewOrl gets fewer resamples.
  it.each([
    ['NewOrl_SparseMSE', 15],
    ['Western', 100],
  ] as const)('on bootstrap resamples of %s (%i)', (dataset, resamples) => {
    const table = loadDataset(dataset);
    const resampler = new Resampler(cellCounts(table));
    const rng = xoroshiro128plus(99);
    let certified = 0;
    for (let b = 0; b < resamples; b++) certified += compare(resampler.draw(rng), table.lists.length).certified;
    expect(certified).toBeGreaterThan(resamples);
  });
});
