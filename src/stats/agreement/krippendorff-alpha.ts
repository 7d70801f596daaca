/**
 * Krippendorff's alpha as defined in K. Krippendorff, "Computing Krippendorff's Alpha-Reliability"
 * (2011, https://repository.upenn.edu/asc_papers/43), section C ("any number of observers,
 * missing values"), with the nominal, ordinal and interval difference functions of section E.
 *
 * Only units (subjects) with m_u ≥ 2 values are pairable. The coincidence matrix is
 *   o_ck = Σ_u (number of c–k pairs in unit u) / (m_u − 1),   n_c = Σ_k o_ck,   n = Σ_c n_c,
 * and
 *   α = 1 − D_o / D_e = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck.
 *
 * Difference functions (δ²_cc = 0):
 *   nominal  δ²_ck = 1 for c ≠ k
 *   ordinal  δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²
 *   interval δ²_ck = (c − k)²
 *
 * The two double sums are evaluated in closed form instead of over a V×V matrix, so the cost is
 * linear in the number of ratings however many distinct values there are (interval data may have
 * thousands). Expanding o_ck:
 *   Σ_c Σ_k o_ck δ²_ck = Σ_u (1/(m_u − 1)) Σ_c Σ_k n_uc n_uk δ²_ck.
 * For a squared difference of positions, δ²_ck = (x_c − x_k)², the identity
 * Σ_c Σ_k a_c a_k (x_c − x_k)² = 2 A Σ_c a_c (x_c − x̄)²  (A = Σ a_c, x̄ the a-weighted mean)
 * turns each double sum into a centred sum of squares, which is also numerically stable.
 * Interval uses x_c = c. Ordinal uses the mid-rank x_c = Σ_{g<c} n_g + n_c/2, because for c < k
 * Σ_{g=c..k} n_g − (n_c + n_k)/2 = x_k − x_c. Nominal uses Σ_{c≠k} a_c a_k = A² − Σ a_c².
 * `coincidenceMatrix` builds the matrix itself, for display and for the tests that check the
 * closed form against the textbook double sum.
 */
import type { SubjectCounts } from './ratings.js';
import { computed, notComputed, pairableSubjects, pairingProblem, type StatisticResult } from './statistic.js';

/** Level of measurement, which selects the difference function δ². */
export type AlphaMetric = 'nominal' | 'ordinal' | 'interval';

export const ALPHA_METRICS: readonly AlphaMetric[] = ['nominal', 'ordinal', 'interval'];

/**
 * Krippendorff's alpha for one metric. Null with `single_category` when all pairable values are
 * equal (D_e = 0), and with the shared pairing reasons when no unit has two values.
 */
export function krippendorffAlpha(subjects: readonly SubjectCounts[], metric: AlphaMetric): StatisticResult {
  const problem = pairingProblem(subjects);
  if (problem) return notComputed(problem);
  const units = pairableSubjects(subjects);
  const marginals = valueMarginals(units);
  if (marginals.size < 2) return notComputed('single_category');

  let n = 0;
  for (const count of marginals.values()) n += count;

  if (metric === 'nominal') {
    let observed = 0;
    for (const u of units) observed += (u.ratings ** 2 - sumOfSquares(u.counts.values())) / (u.ratings - 1);
    const expected = n ** 2 - sumOfSquares(marginals.values());
    return computed(1 - ((n - 1) * observed) / expected);
  }

  const position = metric === 'interval' ? (value: number) => value : midRanks(marginals);
  // Both sums carry the factor 2 of the identity; it cancels, so neither includes it.
  let observed = 0;
  for (const u of units) observed += (u.ratings * centredSumOfSquares(u.counts, position)) / (u.ratings - 1);
  const expected = n * centredSumOfSquares(marginals, position);
  return computed(1 - ((n - 1) * observed) / expected);
}

/** The coincidence matrix of Krippendorff (2011) over the pairable units. */
export interface CoincidenceMatrix {
  /** The distinct values, ascending; row and column c of `matrix` belong to `values[c]`. */
  values: number[];
  /** `matrix[c][k]` = o_ck, the (fractional) number of c–k pairs. Symmetric. */
  matrix: number[][];
  /** n_c = Σ_k o_ck: how many pairable values equal `values[c]`. */
  marginals: number[];
  /** n = Σ_c n_c: the number of pairable values. */
  pairableValues: number;
}

/**
 * Builds the coincidence matrix (for a results page or a check by hand). Cost grows with the
 * square of the number of distinct values; meant for rating scales, not for free interval data.
 */
export function coincidenceMatrix(subjects: readonly SubjectCounts[]): CoincidenceMatrix {
  const units = pairableSubjects(subjects);
  const values = [...valueMarginals(units).keys()].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const matrix = values.map(() => values.map(() => 0));
  for (const u of units) {
    const entries = [...u.counts];
    for (const [c, nc] of entries) {
      for (const [k, nk] of entries) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        matrix[index.get(c)!][index.get(k)!] += pairs / (u.ratings - 1);
      }
    }
  }
  const marginals = values.map((v) => units.reduce((sum, u) => sum + (u.counts.get(v) ?? 0), 0));
  return { values, matrix, marginals, pairableValues: marginals.reduce((a, b) => a + b, 0) };
}

/** n_c: how many values in pairable units equal c (the coincidence matrix's marginals). */
function valueMarginals(units: readonly SubjectCounts[]): Map<number, number> {
  const marginals = new Map<number, number>();
  for (const u of units) for (const [value, count] of u.counts) marginals.set(value, (marginals.get(value) ?? 0) + count);
  return marginals;
}

/** Mid-rank of every value among all pairable values: Σ_{g<c} n_g + n_c/2. */
function midRanks(marginals: Map<number, number>): (value: number) => number {
  const ranks = new Map<number, number>();
  let below = 0;
  for (const value of [...marginals.keys()].sort((a, b) => a - b)) {
    const count = marginals.get(value)!;
    ranks.set(value, below + count / 2);
    below += count;
  }
  return (value) => ranks.get(value)!;
}

/** Σ a_c (x_c − x̄)² with x̄ the a-weighted mean: two passes, so no cancellation. */
function centredSumOfSquares(weights: Map<number, number>, position: (value: number) => number): number {
  let total = 0;
  let weightedSum = 0;
  for (const [value, weight] of weights) {
    total += weight;
    weightedSum += weight * position(value);
  }
  const mean = weightedSum / total;
  let sum = 0;
  for (const [value, weight] of weights) sum += weight * (position(value) - mean) ** 2;
  return sum;
}

function sumOfSquares(counts: Iterable<number>): number {
  let sum = 0;
  for (const c of counts) sum += c * c;
  return sum;
}
