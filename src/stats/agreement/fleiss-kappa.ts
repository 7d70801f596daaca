/**
 * Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many raters",
 * Psychological Bulletin 76(5), 378–382), for N subjects each rated by the same number m of raters
 * (not necessarily the same raters):
 *
 *   P_i = Σ_j n_ij(n_ij − 1) / (m(m − 1))      agreement on subject i
 *   P̄   = (1/N) Σ_i P_i                          mean observed agreement
 *   p_j = Σ_i n_ij / (N m)                       share of all ratings in category j
 *   P̄_e = Σ_j p_j²                               agreement expected by chance
 *   κ   = (P̄ − P̄_e) / (1 − P̄_e)
 */
import type { SubjectCounts } from './ratings.js';
import { computed, notComputed, pairingProblem, type StatisticResult } from './statistic.js';

/**
 * Fleiss' kappa over all subjects. Null with `unequal_ratings_per_subject` unless every subject
 * has the same number (≥ 2) of ratings, and with `single_category` when all ratings agree on one
 * value (P̄_e = 1).
 */
export function fleissKappa(subjects: readonly SubjectCounts[]): StatisticResult {
  const problem = pairingProblem(subjects);
  if (problem) return notComputed(problem);
  const m = subjects[0].ratings;
  if (subjects.some((s) => s.ratings !== m)) return notComputed('unequal_ratings_per_subject');

  const N = subjects.length;
  const categoryTotals = new Map<number, number>();
  let sumOfAgreement = 0;
  for (const s of subjects) {
    let agreeingOrderedPairs = 0;
    for (const [value, n] of s.counts) {
      agreeingOrderedPairs += n * (n - 1);
      categoryTotals.set(value, (categoryTotals.get(value) ?? 0) + n);
    }
    sumOfAgreement += agreeingOrderedPairs / (m * (m - 1));
  }
  if (categoryTotals.size < 2) return notComputed('single_category');

  const meanAgreement = sumOfAgreement / N;
  let chanceAgreement = 0;
  for (const total of categoryTotals.values()) chanceAgreement += (total / (N * m)) ** 2;
  return computed((meanAgreement - chanceAgreement) / (1 - chanceAgreement));
}
