/**
 * Inter-rater agreement for calibration rounds and the `agreement` command: percent agreement,
 * Fleiss' kappa and Krippendorff's alpha (nominal, ordinal, interval). Pure computation; the
 * definitions and how null results are reported are in docs/decisions/0102-agreement-statistics.md.
 */
export type { Id, Rating, RatingTable, SubjectCounts, AgreementInputErrorCode } from './ratings.js';
export { AgreementInputError, tabulateRatings, countsFromMatrix, ratingsFromReliabilityMatrix } from './ratings.js';
export type { NullReason, StatisticResult } from './statistic.js';
export { percentAgreement, subjectPercentAgreement } from './percent-agreement.js';
export { fleissKappa } from './fleiss-kappa.js';
export type { AlphaMetric, CoincidenceMatrix } from './krippendorff-alpha.js';
export { ALPHA_METRICS, krippendorffAlpha, coincidenceMatrix } from './krippendorff-alpha.js';
export type { AgreementSummary, AgreementReasons, SubjectAgreement } from './summary.js';
export { computeAgreement, computeAgreementByGroup, summarizeAgreement, agreementJson, lowestAgreementFirst } from './summary.js';
export type { CsvProblem } from './csv.js';
export { CSV_HEADER, MAX_CSV_BYTES, parseRatingsCsv, RatingsCsvError } from './csv.js';
export type { Lang } from './messages.js';
export { LANGS, DEFAULT_LANG, isLang, describeCsvError, describeNullReason } from './messages.js';
