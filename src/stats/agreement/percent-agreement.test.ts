import { describe, expect, it } from 'vitest';
import { percentAgreement, subjectPercentAgreement } from './percent-agreement.js';
import { countsFromMatrix } from './ratings.js';
import { expectWithin } from './testing/expect-within.js';

describe('percent agreement', () => {
  it('is the share of agreeing pairs for one subject', () => {
    // Ratings 1, 1, 1, 2: of the 6 pairs, the 3 among the 1s agree.
    const [subject] = countsFromMatrix([[3, 1]], [1, 2]);
    expectWithin(subjectPercentAgreement(subject), 3 / 6);
  });

  it('is the unweighted mean over subjects with two or more ratings', () => {
    // Subject 1: ratings 0, 0 → 1. Subject 2: 0, 1, 1 → 1 of 3 pairs. Subject 3: one rating, left out.
    const subjects = countsFromMatrix([[2, 0], [1, 2], [0, 1]], [0, 1]);
    expectWithin(percentAgreement(subjects).value, (1 + 1 / 3) / 2);
    expect(subjectPercentAgreement(subjects[2])).toBeNull();
  });

  it('is 1 for perfect agreement and 0 when every pair disagrees', () => {
    expect(percentAgreement(countsFromMatrix([[3, 0], [0, 3]], [0, 1])).value).toBe(1);
    expect(percentAgreement(countsFromMatrix([[1, 1, 1], [1, 1, 1]], [0, 1, 2])).value).toBe(0);
  });

  it('is 1, not null, when every rating has the same value (no chance correction)', () => {
    expect(percentAgreement(countsFromMatrix([[4], [2]], [3]))).toEqual({ value: 1, reason: null });
  });

  it('is null when no subject has two ratings', () => {
    expect(percentAgreement(countsFromMatrix([[1, 0], [0, 1]], [0, 1]))).toEqual({ value: null, reason: 'no_pairable_subjects' });
    expect(percentAgreement([])).toEqual({ value: null, reason: 'no_ratings' });
  });
});
