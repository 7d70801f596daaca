/**
 * The data model shared by every agreement statistic: ratings in long form (one row per
 * rating) and the per-subject value counts the statistics are computed from.
 *
 * Every statistic in this folder (percent agreement, Fleiss' kappa, Krippendorff's alpha) depends
 * only on how many ratings of each value every subject received, so the table keeps counts,
 * not individual ratings. That keeps memory small for 200,000 ratings and lets tests feed the
 * published count tables (Fleiss 1971, Table 1) directly.
 */

/** Identifies a subject (vignette, unit) or a rater. `1` and `"1"` are different ids. */
export type Id = string | number;

/** One rating: rater `rater` gave subject `subject` the value `value` (a category or score). */
export interface Rating {
  subject: Id;
  rater: Id;
  value: number;
}

/** How often each value was given to one subject. */
export interface SubjectCounts {
  subject: Id;
  /** Number of ratings the subject received (the sum of `counts`). */
  ratings: number;
  /** value → number of ratings with that value. */
  counts: Map<number, number>;
}

/** Ratings grouped by subject, with the totals the summary reports. */
export interface RatingTable {
  /** Subjects with at least one rating, in the order they were first seen. */
  subjects: SubjectCounts[];
  /** Number of distinct raters. */
  raters: number;
  /** Number of ratings. */
  ratings: number;
}

export type AgreementInputErrorCode = 'duplicate_rating' | 'invalid_value';

/**
 * Thrown by {@link tabulateRatings} for input no statistic can be defined on. `indices` point
 * into the array passed in: for a duplicate, the first and the second rating of the pair.
 */
export class AgreementInputError extends Error {
  constructor(
    readonly code: AgreementInputErrorCode,
    readonly indices: number[],
    message: string,
  ) {
    super(message);
    this.name = 'AgreementInputError';
  }
}

/**
 * Groups ratings by subject. A missing rating is simply absent; a subject nobody rated does not
 * appear. Throws {@link AgreementInputError} for a second rating of the same subject by the same
 * rater (the statistics assume one value per rater and subject) or a non-finite value.
 */
export function tabulateRatings(ratings: readonly Rating[]): RatingTable {
  const bySubject = new Map<Id, { counts: SubjectCounts; raterIndex: Map<Id, number> }>();
  const raters = new Set<Id>();
  ratings.forEach((rating, index) => {
    if (!Number.isFinite(rating.value)) {
      throw new AgreementInputError('invalid_value', [index], `rating ${index} has the non-finite value ${rating.value}`);
    }
    let entry = bySubject.get(rating.subject);
    if (!entry) {
      entry = { counts: { subject: rating.subject, ratings: 0, counts: new Map() }, raterIndex: new Map() };
      bySubject.set(rating.subject, entry);
    }
    const earlier = entry.raterIndex.get(rating.rater);
    if (earlier !== undefined) {
      throw new AgreementInputError(
        'duplicate_rating',
        [earlier, index],
        `ratings ${earlier} and ${index} both rate subject ${String(rating.subject)} by rater ${String(rating.rater)}`,
      );
    }
    entry.raterIndex.set(rating.rater, index);
    addCount(entry.counts, rating.value);
    raters.add(rating.rater);
  });
  return { subjects: [...bySubject.values()].map((e) => e.counts), raters: raters.size, ratings: ratings.length };
}

/** Records one more rating of `value` for a subject. */
export function addCount(subject: SubjectCounts, value: number): void {
  subject.counts.set(value, (subject.counts.get(value) ?? 0) + 1);
  subject.ratings += 1;
}

/**
 * Builds per-subject counts from a published count table: `rows[i][j]` is the number of
 * raters who put subject i+1 in `categories[j]` (the layout of Fleiss 1971, Table 1).
 */
export function countsFromMatrix(rows: readonly (readonly number[])[], categories: readonly number[]): SubjectCounts[] {
  return rows.map((row, i) => {
    if (row.length !== categories.length) throw new RangeError(`row ${i + 1} has ${row.length} counts for ${categories.length} categories`);
    const counts = new Map<number, number>();
    row.forEach((count, j) => {
      if (count > 0) counts.set(categories[j], count);
    });
    return { subject: i + 1, ratings: row.reduce((a, b) => a + b, 0), counts };
  });
}

/**
 * Converts reliability data in Krippendorff's layout (one row per observer, one column per
 * unit, `null` for a missing value) to ratings. Rater ids are row numbers, subject ids column
 * numbers, both from 1.
 */
export function ratingsFromReliabilityMatrix(rows: readonly (readonly (number | null)[])[]): Rating[] {
  const ratings: Rating[] = [];
  rows.forEach((row, r) =>
    row.forEach((value, u) => {
      if (value !== null) ratings.push({ subject: u + 1, rater: r + 1, value });
    }),
  );
  return ratings;
}

/** The distinct values in the counts, ascending. */
export function categoriesOf(subjects: readonly SubjectCounts[]): number[] {
  const values = new Set<number>();
  for (const s of subjects) for (const v of s.counts.keys()) values.add(v);
  return [...values].sort((a, b) => a - b);
}
