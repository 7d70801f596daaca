/**
 * Percent agreement: for one subject, the share of pairs of its ratings that agree; overall,
 * the mean of that share over subjects with at least two ratings (each subject weighs the same,
 * however many ratings it has). Not corrected for chance.
 */
import type { SubjectCounts } from './ratings.js';
import { computed, notComputed, pairableSubjects, pairingProblem, type StatisticResult } from './statistic.js';

/**
 * The share of the m(m−1)/2 pairs of a subject's m ratings that have the same value:
 * Σ n_c(n_c−1) / (m(m−1)). Null for fewer than two ratings.
 */
export function subjectPercentAgreement(subject: SubjectCounts): number | null {
  const m = subject.ratings;
  if (m < 2) return null;
  let agreeingOrderedPairs = 0;
  for (const n of subject.counts.values()) agreeingOrderedPairs += n * (n - 1);
  return agreeingOrderedPairs / (m * (m - 1));
}

/** Mean of {@link subjectPercentAgreement} over the subjects with at least two ratings. */
export function percentAgreement(subjects: readonly SubjectCounts[]): StatisticResult {
  const problem = pairingProblem(subjects);
  if (problem) return notComputed(problem);
  const pairable = pairableSubjects(subjects);
  let sum = 0;
  for (const s of pairable) sum += subjectPercentAgreement(s) as number;
  return computed(sum / pairable.length);
}
