/**
 * One call that computes every agreement figure the calibration pages and the `agreement`
 * command show, with per-subject figures and a reason for every statistic that is null.
 */
import { fleissKappa } from './fleiss-kappa.js';
import { krippendorffAlpha, type AlphaMetric } from './krippendorff-alpha.js';
import { percentAgreement, subjectPercentAgreement } from './percent-agreement.js';
import { tabulateRatings, type Id, type Rating, type RatingTable } from './ratings.js';
import type { NullReason, StatisticResult } from './statistic.js';

/** Agreement on one subject: what a calibration page shows per vignette. */
export interface SubjectAgreement {
  subject: Id;
  /** Number of ratings of this subject. */
  ratings: number;
  /** Share of agreeing pairs of this subject's ratings; null with fewer than two ratings. */
  percentAgreement: number | null;
  /** How many ratings had each value, ascending by value (values nobody chose are left out). */
  distribution: { value: number; count: number }[];
}

/** For each statistic: null when it was computed, else why its value is null. */
export interface AgreementReasons {
  percentAgreement: NullReason | null;
  fleissKappa: NullReason | null;
  krippendorffAlpha: Record<AlphaMetric, NullReason | null>;
}

/**
 * Every agreement figure for one set of ratings. The first six fields are exactly the
 * `agreement --json` output; a field is null exactly when its entry in `reasons` is not.
 */
export interface AgreementSummary {
  /** Subjects with at least one rating. */
  subjects: number;
  /** Distinct raters. */
  raters: number;
  /** Ratings. */
  ratings: number;
  /** Mean over subjects with ≥ 2 ratings of the share of agreeing pairs of ratings. */
  percentAgreement: number | null;
  /** Fleiss' kappa; null unless every subject has the same number (≥ 2) of ratings. */
  fleissKappa: number | null;
  /** Krippendorff's alpha for three levels of measurement. */
  krippendorffAlpha: Record<AlphaMetric, number | null>;
  reasons: AgreementReasons;
  /** Per subject, in the order subjects were first seen. */
  perSubject: SubjectAgreement[];
}

/** Computes every figure from ratings in long form. Throws `AgreementInputError` for duplicates. */
export function computeAgreement(ratings: readonly Rating[]): AgreementSummary {
  return summarizeAgreement(tabulateRatings(ratings));
}

/**
 * Computes the figures separately for each group of ratings, e.g. per professional group:
 * `computeAgreementByGroup(ratings, (r) => groupOfRater.get(r.rater)!)`. Groups appear in the
 * order first seen.
 */
export function computeAgreementByGroup<G>(ratings: readonly Rating[], groupOf: (rating: Rating) => G): Map<G, AgreementSummary> {
  const groups = new Map<G, Rating[]>();
  for (const rating of ratings) {
    const group = groupOf(rating);
    const members = groups.get(group);
    if (members) members.push(rating);
    else groups.set(group, [rating]);
  }
  return new Map([...groups].map(([group, members]) => [group, computeAgreement(members)]));
}

/** Computes every figure from an already grouped table (what the CSV reader returns). */
export function summarizeAgreement(table: RatingTable): AgreementSummary {
  const subjects = table.subjects;
  const explain = (result: StatisticResult) => withRaterReason(result, table.raters);
  const percent = explain(percentAgreement(subjects));
  const kappa = explain(fleissKappa(subjects));
  const alpha = {
    nominal: explain(krippendorffAlpha(subjects, 'nominal')),
    ordinal: explain(krippendorffAlpha(subjects, 'ordinal')),
    interval: explain(krippendorffAlpha(subjects, 'interval')),
  };
  return {
    subjects: subjects.length,
    raters: table.raters,
    ratings: table.ratings,
    percentAgreement: percent.value,
    fleissKappa: kappa.value,
    krippendorffAlpha: { nominal: alpha.nominal.value, ordinal: alpha.ordinal.value, interval: alpha.interval.value },
    reasons: {
      percentAgreement: percent.reason,
      fleissKappa: kappa.reason,
      krippendorffAlpha: { nominal: alpha.nominal.reason, ordinal: alpha.ordinal.reason, interval: alpha.interval.reason },
    },
    perSubject: subjects.map((s) => ({
      subject: s.subject,
      ratings: s.ratings,
      percentAgreement: subjectPercentAgreement(s),
      distribution: [...s.counts].sort(([a], [b]) => a - b).map(([value, count]) => ({ value, count })),
    })),
  };
}

/** The six figures of `agreement --json`, in that order and nothing else. */
export function agreementJson(summary: AgreementSummary) {
  const { subjects, raters, ratings, percentAgreement, fleissKappa, krippendorffAlpha } = summary;
  return { subjects, raters, ratings, percentAgreement, fleissKappa, krippendorffAlpha: { ...krippendorffAlpha } };
}

/**
 * Subjects with the lowest agreement first (what to teach next); subjects without a percent
 * agreement (fewer than two ratings) last; ties keep their order.
 */
export function lowestAgreementFirst(perSubject: readonly SubjectAgreement[]): SubjectAgreement[] {
  return [...perSubject].sort((a, b) => {
    if (a.percentAgreement === null || b.percentAgreement === null) {
      return (a.percentAgreement === null ? 1 : 0) - (b.percentAgreement === null ? 1 : 0);
    }
    return a.percentAgreement - b.percentAgreement;
  });
}

/** "No subject has two ratings" is more useful said as "only one rater" when that is the cause. */
function withRaterReason(result: StatisticResult, raters: number): StatisticResult {
  return result.reason === 'no_pairable_subjects' && raters === 1 ? { value: null, reason: 'single_rater' } : result;
}
