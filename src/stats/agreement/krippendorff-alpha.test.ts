import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coincidenceMatrix, krippendorffAlpha, type AlphaMetric } from './krippendorff-alpha.js';
import { ratingsFromReliabilityMatrix, tabulateRatings, type SubjectCounts } from './ratings.js';
import { KRIPPENDORFF_2011 } from './testing/published-examples.js';
import { expectWithin, round3 } from './testing/expect-within.js';

const subjectsOf = (matrix: (number | null)[][]): SubjectCounts[] => tabulateRatings(ratingsFromReliabilityMatrix(matrix)).subjects;

describe("Krippendorff (2011), 'Computing Krippendorff's Alpha-Reliability', 4 observers × 12 units with missing values", () => {
  const subjects = subjectsOf(KRIPPENDORFF_2011);

  it('builds the coincidence matrix printed in the paper', () => {
    // By hand, o_ck = Σ_u (c–k pairs in u)/(m_u − 1); unit 12 has one value and is not pairable.
    // Unit 6 (1, 2, 3, 4) adds 1/3 to each off-diagonal cell among 1–4; unit 2 (2, 2, 3, 2) adds
    // 2 to o_22 and 1 to o_23; unit 8 (1, 1, 2, 1) adds 2 to o_11 and 1 to o_12.
    const third = 1 / 3;
    const expected = [
      [3 + 2 + 2, 1 + third, third, third, 0],
      [1 + third, 2 + 4 + 4, 1 + third, third, 0],
      [third, 1 + third, 4 + 4, third, 0],
      [third, third, third, 4, 0],
      [0, 0, 0, 0, 3],
    ];
    const m = coincidenceMatrix(subjects);
    expect(m.values).toEqual([1, 2, 3, 4, 5]);
    expect(m.marginals).toEqual([9, 13, 10, 5, 3]);
    expect(m.pairableValues).toBe(40);
    m.matrix.forEach((row, c) => row.forEach((cell, k) => expectWithin(cell, expected[c][k])));
  });

  it('nominal α = .743 = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k', () => {
    // Σ_{c≠k} o_ck = 40 − (7 + 10 + 8 + 4 + 3) = 8;  Σ_{c≠k} n_c n_k = 40² − (81 + 169 + 100 + 25 + 9) = 1216.
    const byHand = 1 - (39 * 8) / 1216; // = 904/1216
    const alpha = krippendorffAlpha(subjects, 'nominal');
    expect(round3(alpha.value)).toBe(0.743);
    expectWithin(alpha.value, byHand);
  });

  it('ordinal α = .815 with δ_ck = Σ_{g=c..k} n_g − (n_c + n_k)/2', () => {
    // n = (9, 13, 10, 5, 3). δ12 = 22 − 11 = 11, δ13 = 32 − 9.5 = 22.5, δ14 = 37 − 7 = 30,
    // δ15 = 40 − 6 = 34, δ23 = 23 − 11.5 = 11.5, δ24 = 28 − 9 = 19, δ25 = 31 − 8 = 23,
    // δ34 = 15 − 7.5 = 7.5, δ35 = 18 − 6.5 = 11.5, δ45 = 8 − 4 = 4.
    // Σ_{c<k} o_ck δ²_ck = ((4)(121) + 506.25 + 900 + (4)(132.25) + 361 + 56.25) / 3 = 2836.5 / 3
    const observed = 2836.5 / 3;
    // Σ_{c<k} n_c n_k δ²_ck = 117·121 + 90·506.25 + 45·900 + 27·1156 + 130·132.25 + 65·361
    //                        + 39·529 + 50·56.25 + 30·132.25 + 15·16 = 199740
    const expected = 199740;
    const byHand = 1 - (39 * (2 * observed)) / (2 * expected);
    const alpha = krippendorffAlpha(subjects, 'ordinal');
    expect(round3(alpha.value)).toBe(0.815);
    expectWithin(alpha.value, byHand);
  });

  it('interval α = .849 with δ²_ck = (c − k)²', () => {
    // Σ_{c<k} o_ck (c − k)² = (4·1 + 1·4 + 1·9 + 4·1 + 1·4 + 1·1) / 3 = 26/3
    // Σ_{c<k} n_c n_k (c − k)² = 117 + 360 + 405 + 432 + 130 + 260 + 351 + 50 + 120 + 15 = 2240
    const byHand = 1 - (39 * 2 * (26 / 3)) / (2 * 2240); // = 1 − 676/4480
    const alpha = krippendorffAlpha(subjects, 'interval');
    expect(round3(alpha.value)).toBe(0.849);
    expectWithin(alpha.value, byHand);
  });
});

describe('Krippendorff’s alpha on small cases computed by hand', () => {
  const metrics: AlphaMetric[] = ['nominal', 'ordinal', 'interval'];

  it('is 1 for perfect agreement on every metric', () => {
    const subjects = subjectsOf([
      [0, 1, 2],
      [0, 1, 2],
      [0, 1, 2],
    ]);
    for (const metric of metrics) expect(krippendorffAlpha(subjects, metric)).toEqual({ value: 1, reason: null });
  });

  it('is −0.5 for two raters who always swap two values (1 − (n − 1)·4/8 with n = 4)', () => {
    // Units {1,2} and {2,1}: o_12 = o_21 = 2, n_1 = n_2 = 2. Every metric has one nonzero δ², which
    // cancels: α = 1 − 3·(o_12 + o_21) / (n_1 n_2 + n_2 n_1) = 1 − 3·4/8.
    const subjects = subjectsOf([
      [1, 2],
      [2, 1],
    ]);
    for (const metric of metrics) expectWithin(krippendorffAlpha(subjects, metric).value, 1 - (3 * 4) / 8);
  });

  it('is null with reason single_category when every pairable value is the same', () => {
    const subjects = subjectsOf([
      [2, 2, 2, null],
      [2, 2, null, null],
      [null, null, null, 7], // alone in unit 4, so not pairable: 7 does not count
    ]);
    for (const metric of metrics) expect(krippendorffAlpha(subjects, metric)).toEqual({ value: null, reason: 'single_category' });
  });

  it('ignores a subject whose ratings are all missing', () => {
    const withEmpty = subjectsOf([
      [1, null, 2, 3],
      [1, null, 3, 3],
    ]);
    const without = subjectsOf([
      [1, 2, 3],
      [1, 3, 3],
    ]);
    for (const metric of metrics) expect(krippendorffAlpha(withEmpty, metric)).toEqual(krippendorffAlpha(without, metric));
  });

  it('is null with reason no_pairable_subjects when no unit has two values, and no_ratings for none', () => {
    expect(krippendorffAlpha(subjectsOf([[1, 2, 3]]), 'nominal')).toEqual({ value: null, reason: 'no_pairable_subjects' });
    expect(krippendorffAlpha([], 'interval')).toEqual({ value: null, reason: 'no_ratings' });
  });

  it('tells ordinal from interval: unequal gaps matter only to interval', () => {
    // Units {1,2}, {2,10}, {1,1}: n_1 = 3, n_2 = 2, n_10 = 1, n = 6, each unit has m_u − 1 = 1.
    // Interval: Σ o δ² = 2·(1 + 64) = 130; Σ n_c n_k δ² = 2·(3·2·1 + 3·1·81 + 2·1·64) = 754.
    // Ordinal mid-ranks 1.5, 4, 5.5: δ²_{1,2} = 6.25, δ²_{2,10} = 2.25, δ²_{1,10} = 16;
    // Σ o δ² = 2·(6.25 + 2.25) = 17; Σ n_c n_k δ² = 2·(6·6.25 + 2·2.25 + 3·16) = 180.
    const subjects = subjectsOf([
      [1, 2, 1],
      [2, 10, 1],
    ]);
    expectWithin(krippendorffAlpha(subjects, 'interval').value, 1 - (5 * 130) / 754);
    expectWithin(krippendorffAlpha(subjects, 'ordinal').value, 1 - (5 * 17) / 180);
  });
});

/** The textbook double sum over the coincidence matrix, written independently of the closed form. */
function alphaFromCoincidences(subjects: SubjectCounts[], metric: AlphaMetric): number {
  const { values, matrix, marginals, pairableValues: n } = coincidenceMatrix(subjects);
  const delta2 = (c: number, k: number): number => {
    if (metric === 'nominal') return c === k ? 0 : 1;
    if (metric === 'interval') return (values[c] - values[k]) ** 2;
    const [lo, hi] = c < k ? [c, k] : [k, c];
    let between = 0;
    for (let g = lo; g <= hi; g++) between += marginals[g];
    return (between - (marginals[c] + marginals[k]) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  values.forEach((_, c) =>
    values.forEach((__, k) => {
      observed += matrix[c][k] * delta2(c, k);
      expected += marginals[c] * marginals[k] * delta2(c, k);
    }),
  );
  return 1 - ((n - 1) * observed) / expected;
}

describe('the closed-form sums equal the coincidence-matrix double sums', () => {
  const reliabilityData = fc.array(fc.array(fc.option(fc.integer({ min: -3, max: 6 }), { nil: null }), { minLength: 6, maxLength: 6 }), {
    minLength: 2,
    maxLength: 6,
  });

  it.each<AlphaMetric>(['nominal', 'ordinal', 'interval'])('for the %s metric on random data with missing values', (metric) => {
    fc.assert(
      fc.property(reliabilityData, (matrix) => {
        const subjects = subjectsOf(matrix);
        const alpha = krippendorffAlpha(subjects, metric);
        if (alpha.value === null) {
          expect(alpha.reason).not.toBeNull();
          return;
        }
        expect(Math.abs(alpha.value - alphaFromCoincidences(subjects, metric))).toBeLessThan(1e-9);
      }),
      { numRuns: 300 },
    );
  });
});
