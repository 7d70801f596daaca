import { describe, expect, it } from 'vitest';
import { fleissKappa } from './fleiss-kappa.js';
import { countsFromMatrix, tabulateRatings, type Rating } from './ratings.js';
import { FLEISS_1971_TABLE_1, WIKIPEDIA_FLEISS_EXAMPLE } from './testing/published-examples.js';
import { expectWithin, round3 } from './testing/expect-within.js';

const CATEGORIES = [1, 2, 3, 4, 5];

/** Expands a count table to one rating per rater; each subject gets its own raters, as in Fleiss' design. */
function ratingsFromCounts(rows: number[][]): Rating[] {
  const ratings: Rating[] = [];
  rows.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let r = 0; r < count; r++) ratings.push({ subject: i + 1, rater: `${i + 1}/${j}/${r}`, value: CATEGORIES[j] });
    }),
  );
  return ratings;
}

describe('Fleiss (1971), Table 1: 30 patients × 6 psychiatrists × 5 diagnoses', () => {
  // By hand: Σ_j n_ij² per patient = 36, 18, 18, 36, 18, 20, 20, 14, 20, 36, 26, 18, 18, 26, 14,
  // 26, 14, 26, 20, 14, 36, 26, 14, 20, 18, 26, 20, 20, 26, 36, in all 680, so
  // P̄ = (680 − 30·6) / (30·6·5) = 500/900 = 18000/32400.
  // Category totals 26, 26, 30, 55, 43 of 180: P̄_e = (26² + 26² + 30² + 55² + 43²)/180² = 7126/32400.
  const byHand = (18000 - 7126) / (32400 - 7126); // (P̄ − P̄_e)/(1 − P̄_e) = 10874/25274

  it('gives the published κ = .430 from the count table', () => {
    const kappa = fleissKappa(countsFromMatrix(FLEISS_1971_TABLE_1, CATEGORIES));
    expect(round3(kappa.value)).toBe(0.43);
    expectWithin(kappa.value, byHand);
  });

  it('gives the same κ from the same data as individual ratings', () => {
    expectWithin(fleissKappa(tabulateRatings(ratingsFromCounts(FLEISS_1971_TABLE_1)).subjects).value, byHand);
  });
});

describe("Wikipedia 'Fleiss' kappa' worked example: 10 subjects × 14 raters × 5 categories", () => {
  it('gives the published κ = 0.210', () => {
    // By hand: Σ_i (Σ_j n_ij² − 14) = 182 + 46 + 56 + 80 + 60 + 84 + 44 + 32 + 52 + 52 = 688,
    // P̄ = 688 / (10·14·13) = 688/1820; category totals 20, 28, 39, 21, 32 of 140,
    // P̄_e = (400 + 784 + 1521 + 441 + 1024) / 140² = 4170/19600.
    const meanAgreement = 688 / 1820;
    const chanceAgreement = 4170 / 19600;
    expect(round3(meanAgreement)).toBe(0.378);
    expect(round3(chanceAgreement)).toBe(0.213);
    const kappa = fleissKappa(countsFromMatrix(WIKIPEDIA_FLEISS_EXAMPLE, CATEGORIES));
    expect(round3(kappa.value)).toBe(0.21);
    expectWithin(kappa.value, (meanAgreement - chanceAgreement) / (1 - chanceAgreement));
  });
});

describe("Fleiss' kappa on small cases computed by hand", () => {
  it('is 1 for perfect agreement', () => {
    expect(fleissKappa(countsFromMatrix([[3, 0], [0, 3], [3, 0]], [0, 1])).value).toBe(1);
  });

  it('is −1 for two raters who always disagree on two equally used categories', () => {
    // P̄ = 0, p = (1/2, 1/2), P̄_e = 1/2: κ = (0 − 1/2)/(1 − 1/2).
    expectWithin(fleissKappa(countsFromMatrix([[1, 1], [1, 1]], [0, 1])).value, -1);
  });

  it('is null with reason single_category when all ratings are the same', () => {
    expect(fleissKappa(countsFromMatrix([[4], [4]], [2]))).toEqual({ value: null, reason: 'single_category' });
  });

  it('is null with reason unequal_ratings_per_subject when subjects have different numbers of ratings', () => {
    expect(fleissKappa(countsFromMatrix([[2, 1], [1, 1]], [0, 1]))).toEqual({ value: null, reason: 'unequal_ratings_per_subject' });
  });

  it('is null when no subject has two ratings, or there are none', () => {
    expect(fleissKappa(countsFromMatrix([[1, 0], [0, 1]], [0, 1]))).toEqual({ value: null, reason: 'no_pairable_subjects' });
    expect(fleissKappa([])).toEqual({ value: null, reason: 'no_ratings' });
  });
});
