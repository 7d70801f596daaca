import { describe, expect, it } from 'vitest';
import { cellCounts } from './capture-table.js';
import { allPairs, buildDesign } from './design.js';
import { checkIdentifiability, maxMinCell } from './identifiability.js';
import { matrixRank } from './linalg.js';
import { loadDataset } from './testing/fixtures.js';

// The three examples in SparseMSE's documentation of `checkident`, on Artificial_3; R prints the
// LP objective as 6, 0 and 6 (MultipleSystemsEstimation, vignette "Reproducing Chan, Silverman
// and Vincent (2021)", Table 3).
describe('checkIdentifiability on Artificial_3', () => {
  const table = loadDataset('Artificial_3');
  const counts = cellCounts(table);
  const [ab, ac, bc] = allPairs(3);

  it('all pairs: not identifiable (the empty A:C and B:C leave 4 cells for 5 parameters)', () => {
    const check = checkIdentifiability(buildDesign(counts, 3, [ab, ac, bc]));
    expect(check.identifiable).toBe(false);
    expect(check.rankDeficiency).toBe(1);
    expect(check.lpOptimum).toBeCloseTo(6, 9);
  });

  it('A:B only: the maximum-likelihood estimate does not exist', () => {
    const check = checkIdentifiability(buildDesign(counts, 3, [ab]));
    expect(check.exists).toBe(false);
    expect(check.lpOptimum).toBeCloseTo(0, 12);
    expect(check.identifiable).toBe(true);
  });

  it('A:C and B:C: passes both tests', () => {
    const check = checkIdentifiability(buildDesign(counts, 3, [ac, bc]));
    expect(check).toMatchObject({ exists: true, identifiable: true });
    expect(check.lpOptimum).toBeCloseTo(6, 9);
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
