/**
 * The result type every statistic returns: a number, or `null` with a machine-readable reason.
 * A statistic is never NaN: where its definition divides by zero, the caller gets the reason.
 */
import type { SubjectCounts } from './ratings.js';

/**
 * Why a statistic could not be computed, most fundamental first:
 * - `no_ratings`: there is nothing to compute on.
 * - `single_rater`: all ratings come from one rater, so no two ratings of a subject can be compared.
 * - `no_pairable_subjects`: several raters, but no subject has two or more ratings.
 * - `unequal_ratings_per_subject`: Fleiss' kappa only; it is defined for the same number of ratings on every subject.
 * - `single_category`: every comparable rating has the same value, so agreement expected by chance is
 *   total and a chance-corrected coefficient is 0/0.
 * - `numeric_overflow`: values so large that the sums overflow double precision.
 */
export type NullReason =
  | 'no_ratings'
  | 'single_rater'
  | 'no_pairable_subjects'
  | 'unequal_ratings_per_subject'
  | 'single_category'
  | 'numeric_overflow';

/** A computed value with `reason: null`, or `value: null` with the reason it is missing. */
export type StatisticResult = { value: number; reason: null } | { value: null; reason: NullReason };

/** Wraps a computed value; a non-finite one means the sums overflowed, reported as such. */
export function computed(value: number): StatisticResult {
  return Number.isFinite(value) ? { value, reason: null } : notComputed('numeric_overflow');
}

export function notComputed(reason: NullReason): StatisticResult {
  return { value: null, reason };
}

/** Subjects with at least two ratings: the only ones on which raters can agree or disagree. */
export function pairableSubjects(subjects: readonly SubjectCounts[]): SubjectCounts[] {
  return subjects.filter((s) => s.ratings >= 2);
}

/** The reason shared by all statistics when there is no pair of ratings to compare, else null. */
export function pairingProblem(subjects: readonly SubjectCounts[]): NullReason | null {
  if (!subjects.some((s) => s.ratings > 0)) return 'no_ratings';
  if (!subjects.some((s) => s.ratings >= 2)) return 'no_pairable_subjects';
  return null;
}
