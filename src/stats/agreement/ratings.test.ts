import { describe, expect, it } from 'vitest';
import { AgreementInputError, categoriesOf, countsFromMatrix, ratingsFromReliabilityMatrix, tabulateRatings } from './ratings.js';

describe('tabulateRatings', () => {
  it('counts values per subject and distinct raters, keeping first-seen subject order', () => {
    const table = tabulateRatings([
      { subject: 'b', rater: 1, value: 2 },
      { subject: 'a', rater: 1, value: 0 },
      { subject: 'b', rater: 2, value: 2 },
      { subject: 'b', rater: 3, value: 1 },
    ]);
    expect(table.ratings).toBe(4);
    expect(table.raters).toBe(3);
    expect(table.subjects.map((s) => [s.subject, s.ratings, [...s.counts].sort()])).toEqual([
      ['b', 3, [[1, 1], [2, 2]]],
      ['a', 1, [[0, 1]]],
    ]);
  });

  it('refuses a second rating of the same subject by the same rater, naming both', () => {
    const ratings = [
      { subject: 1, rater: 'x', value: 1 },
      { subject: 2, rater: 'x', value: 1 },
      { subject: 1, rater: 'x', value: 2 },
    ];
    const error = (() => {
      try {
        tabulateRatings(ratings);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AgreementInputError);
    expect(error).toMatchObject({ code: 'duplicate_rating', indices: [0, 2] });
  });

  it('refuses a value that is not a finite number', () => {
    expect(() => tabulateRatings([{ subject: 1, rater: 1, value: Number.NaN }])).toThrow(AgreementInputError);
    expect(() => tabulateRatings([{ subject: 1, rater: 1, value: Number.POSITIVE_INFINITY }])).toThrow(/non-finite/);
  });

  it('treats the number 1 and the string "1" as different ids', () => {
    const table = tabulateRatings([
      { subject: 1, rater: 1, value: 0 },
      { subject: '1', rater: '1', value: 0 },
    ]);
    expect(table.subjects).toHaveLength(2);
    expect(table.raters).toBe(2);
  });
});

describe('conversions from published layouts', () => {
  it('reads reliability data (observers × units, null = missing) as ratings', () => {
    expect(ratingsFromReliabilityMatrix([
      [1, null],
      [2, 3],
    ])).toEqual([
      { subject: 1, rater: 1, value: 1 },
      { subject: 1, rater: 2, value: 2 },
      { subject: 2, rater: 2, value: 3 },
    ]);
  });

  it('reads a count table (subjects × categories) and lists the categories used', () => {
    const subjects = countsFromMatrix([[2, 0, 1], [0, 0, 3]], [0, 1, 2]);
    expect(subjects.map((s) => s.ratings)).toEqual([3, 3]);
    expect(categoriesOf(subjects)).toEqual([0, 2]);
    expect(() => countsFromMatrix([[1, 2]], [0, 1, 2])).toThrow(RangeError);
  });
});
