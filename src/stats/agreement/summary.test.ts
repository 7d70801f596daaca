import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratingsFromReliabilityMatrix, type Rating } from './ratings.js';
import { agreementJson, computeAgreement, computeAgreementByGroup, lowestAgreementFirst, type AgreementSummary } from './summary.js';
import { KRIPPENDORFF_2011 } from './testing/published-examples.js';
import { expectWithin } from './testing/expect-within.js';

/** Every statistic with its reason, flattened, to check "null exactly when a reason is given". */
function statistics(summary: AgreementSummary): [number | null, string | null][] {
  return [
    [summary.percentAgreement, summary.reasons.percentAgreement],
    [summary.fleissKappa, summary.reasons.fleissKappa],
    [summary.krippendorffAlpha.nominal, summary.reasons.krippendorffAlpha.nominal],
    [summary.krippendorffAlpha.ordinal, summary.reasons.krippendorffAlpha.ordinal],
    [summary.krippendorffAlpha.interval, summary.reasons.krippendorffAlpha.interval],
  ];
}

describe('computeAgreement on Krippendorff (2011)', () => {
  const summary = computeAgreement(ratingsFromReliabilityMatrix(KRIPPENDORFF_2011));

  it('counts subjects with any rating, raters and ratings', () => {
    expect([summary.subjects, summary.raters, summary.ratings]).toEqual([12, 4, 41]);
  });

  it('gives percent agreement as the mean share of agreeing pairs over the 11 subjects with ≥ 2 ratings', () => {
    // By hand: units 1, 3, 4, 5, 7, 9, 10, 11 agree fully (8 × 1); units 2 and 8 have 3 of 6 pairs
    // agreeing (2 × 1/2); unit 6 has none; unit 12 has one rating and is left out.
    expectWithin(summary.percentAgreement, (8 + 2 * 0.5 + 0) / 11);
  });

  it('reports Fleiss’ kappa as null because subjects have different numbers of ratings', () => {
    expect(summary.fleissKappa).toBeNull();
    expect(summary.reasons.fleissKappa).toBe('unequal_ratings_per_subject');
  });

  it('gives the three alphas with no reasons', () => {
    expectWithin(summary.krippendorffAlpha.nominal, 904 / 1216);
    expect(summary.reasons.krippendorffAlpha).toEqual({ nominal: null, ordinal: null, interval: null });
  });

  it('gives per-subject figures for the calibration page', () => {
    const subject = (id: number) => summary.perSubject.find((s) => s.subject === id);
    expect(subject(2)).toEqual({ subject: 2, ratings: 4, percentAgreement: 0.5, distribution: [{ value: 2, count: 3 }, { value: 3, count: 1 }] });
    expect(subject(12)).toEqual({ subject: 12, ratings: 1, percentAgreement: null, distribution: [{ value: 3, count: 1 }] });
  });

  it('orders subjects lowest agreement first, those without a figure last', () => {
    const order = lowestAgreementFirst(summary.perSubject).map((s) => s.subject);
    expect(order.slice(0, 3)).toEqual([6, 2, 8]);
    expect(order.at(-1)).toBe(12);
  });

  it('gives exactly the six JSON figures, in order', () => {
    const json = agreementJson(summary);
    expect(Object.keys(json)).toEqual(['subjects', 'raters', 'ratings', 'percentAgreement', 'fleissKappa', 'krippendorffAlpha']);
    expect(Object.keys(json.krippendorffAlpha)).toEqual(['nominal', 'ordinal', 'interval']);
  });
});

describe('degenerate inputs give null with a reason, never NaN', () => {
  it('no ratings', () => {
    const summary = computeAgreement([]);
    expect([summary.subjects, summary.raters, summary.ratings]).toEqual([0, 0, 0]);
    for (const [value, reason] of statistics(summary)) expect([value, reason]).toEqual([null, 'no_ratings']);
  });

  it('one rater', () => {
    const summary = computeAgreement([
      { subject: 1, rater: 'only', value: 1 },
      { subject: 2, rater: 'only', value: 3 },
    ]);
    for (const [value, reason] of statistics(summary)) expect([value, reason]).toEqual([null, 'single_rater']);
  });

  it('several raters, but never two on the same subject', () => {
    const summary = computeAgreement([
      { subject: 1, rater: 'a', value: 1 },
      { subject: 2, rater: 'b', value: 3 },
    ]);
    for (const [value, reason] of statistics(summary)) expect([value, reason]).toEqual([null, 'no_pairable_subjects']);
  });

  it('one category only: percent agreement is 1, the chance-corrected figures are null', () => {
    const summary = computeAgreement(ratingsFromReliabilityMatrix([[2, 2], [2, 2], [2, 2]]));
    expect(summary.percentAgreement).toBe(1);
    expect(summary.fleissKappa).toBeNull();
    expect(summary.reasons.fleissKappa).toBe('single_category');
    expect(summary.krippendorffAlpha).toEqual({ nominal: null, ordinal: null, interval: null });
    expect(summary.reasons.krippendorffAlpha).toEqual({ nominal: 'single_category', ordinal: 'single_category', interval: 'single_category' });
  });

  it('perfect agreement gives 1 everywhere', () => {
    const summary = computeAgreement(ratingsFromReliabilityMatrix([[0, 1, 3], [0, 1, 3]]));
    expect(statistics(summary).map(([value]) => value)).toEqual([1, 1, 1, 1, 1]);
  });

  it('systematic disagreement: two raters always swapping 0 and 1', () => {
    const summary = computeAgreement(ratingsFromReliabilityMatrix([[0, 1], [1, 0]]));
    expect(summary.percentAgreement).toBe(0);
    expectWithin(summary.fleissKappa, -1); // (0 − 1/2)/(1 − 1/2)
    expectWithin(summary.krippendorffAlpha.nominal, -0.5); // 1 − (4 − 1)·4/8
  });

  it('holds on random data: every figure is a finite number or null with a reason', () => {
    const rating = fc.record({ subject: fc.integer({ min: 1, max: 4 }), rater: fc.integer({ min: 1, max: 4 }), value: fc.integer({ min: -2, max: 3 }) });
    const ratings = fc.uniqueArray(rating, { selector: (r) => `${r.subject}/${r.rater}`, maxLength: 16 });
    fc.assert(
      fc.property(ratings, (sample) => {
        for (const [value, reason] of statistics(computeAgreement(sample))) {
          if (value === null) expect(reason).not.toBeNull();
          else {
            expect(Number.isFinite(value)).toBe(true);
            expect(reason).toBeNull();
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('computeAgreementByGroup', () => {
  it('computes the figures for each group of raters on its own', () => {
    const groupOf = new Map([['t1', 'teacher'], ['t2', 'teacher'], ['h1', 'health visitor'], ['h2', 'health visitor']]);
    const ratings: Rating[] = [
      { subject: 'v1', rater: 't1', value: 2 },
      { subject: 'v1', rater: 't2', value: 2 },
      { subject: 'v1', rater: 'h1', value: 0 },
      { subject: 'v1', rater: 'h2', value: 3 },
    ];
    const byGroup = computeAgreementByGroup(ratings, (r) => groupOf.get(String(r.rater)));
    expect([...byGroup.keys()]).toEqual(['teacher', 'health visitor']);
    expect(byGroup.get('teacher')!.percentAgreement).toBe(1);
    expect(byGroup.get('health visitor')!.percentAgreement).toBe(0);
    expect(byGroup.get('teacher')!.raters).toBe(2);
  });
});
