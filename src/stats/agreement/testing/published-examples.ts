/**
 * Published worked examples the tests check against, transcribed with their sources. Test data
 * only: nothing outside tests imports this file.
 */

/**
 * K. Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: reliability
 * data of 4 observers (rows A–D) × 12 units (columns), `null` where an observer gave no value.
 * Published: α_nominal = .743, α_ordinal = .815, α_interval = .849.
 */
export const KRIPPENDORFF_2011: (number | null)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

/**
 * J. L. Fleiss (1971), "Measuring nominal scale agreement among many raters", Psychological
 * Bulletin 76(5), 378–382, Table 1: 30 patients, each diagnosed by 6 of a pool of psychiatrists;
 * row i gives how many put patient i in Depression, Personality disorder, Schizophrenia,
 * Neurosis, Other. Published: p_j = .144, .144, .167, .306, .239; P̄ = .556; P̄_e = .220; κ = .430.
 */
export const FLEISS_1971_TABLE_1: number[][] = [
  [0, 0, 0, 6, 0],
  [0, 3, 0, 0, 3],
  [0, 1, 4, 0, 1],
  [0, 0, 0, 0, 6],
  [0, 3, 0, 3, 0],
  [2, 0, 4, 0, 0],
  [0, 0, 4, 0, 2],
  [2, 0, 3, 1, 0],
  [2, 0, 0, 4, 0],
  [0, 0, 0, 0, 6],
  [1, 0, 0, 5, 0],
  [1, 1, 0, 4, 0],
  [0, 3, 3, 0, 0],
  [1, 0, 0, 5, 0],
  [0, 2, 0, 3, 1],
  [0, 0, 5, 0, 1],
  [3, 0, 0, 1, 2],
  [5, 1, 0, 0, 0],
  [0, 2, 0, 4, 0],
  [1, 0, 2, 0, 3],
  [0, 0, 0, 0, 6],
  [0, 1, 0, 5, 0],
  [0, 2, 0, 1, 3],
  [2, 0, 0, 4, 0],
  [1, 0, 0, 4, 1],
  [0, 5, 0, 1, 0],
  [4, 0, 0, 0, 2],
  [0, 2, 0, 4, 0],
  [1, 0, 5, 0, 0],
  [0, 0, 0, 0, 6],
];

/**
 * The worked example of the Wikipedia article "Fleiss' kappa" (section "Worked example"):
 * 14 raters put each of 10 subjects in one of 5 categories. Published: P̄ = 0.378,
 * P̄_e = 0.213, κ = 0.210.
 */
export const WIKIPEDIA_FLEISS_EXAMPLE: number[][] = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];
