/**
 * The level rule of "Fælles vurdering": pure functions, shared by the screening page, the API
 * and calibration rounds, so a level means the same thing everywhere. The reasons for the rule
 * are in docs/screening.md.
 */
import { DOMAIN_KEYS, type DomainKey, type Level, type LevelRule, type RedFlagKey } from './instrument/definition.js';

export interface ScreeningAnswers {
  /** Step 0–3 for every domain. */
  ratings: Record<DomainKey, number>;
  redFlags: readonly RedFlagKey[];
}

/** Why the rule gave its level: what the result page explains in plain words. */
export type LevelGround =
  | { kind: 'red_flag'; redFlags: RedFlagKey[] }
  | { kind: 'severe_domain'; domains: DomainKey[] }
  | { kind: 'substantial_domains'; domains: DomainKey[] }
  | { kind: 'concern_domain'; domains: DomainKey[] }
  | { kind: 'none' };

export interface ComputedLevel {
  level: Level;
  ground: LevelGround;
}

/** Applies the instrument's rule to a set of answers. */
export function computeLevel(rule: LevelRule, answers: ScreeningAnswers): ComputedLevel {
  if (answers.redFlags.length > 0) return { level: 3, ground: { kind: 'red_flag', redFlags: [...answers.redFlags] } };
  const atLeast = (step: number) => DOMAIN_KEYS.filter((key) => answers.ratings[key] >= step);
  const severe = atLeast(rule.severeStep);
  if (severe.length > 0) return { level: 2, ground: { kind: 'severe_domain', domains: severe } };
  const substantial = atLeast(rule.substantialStep);
  if (substantial.length >= rule.substantialCount) return { level: 2, ground: { kind: 'substantial_domains', domains: substantial } };
  const concern = atLeast(rule.concernStep);
  if (concern.length > 0) return { level: 1, ground: { kind: 'concern_domain', domains: concern } };
  return { level: 0, ground: { kind: 'none' } };
}

export type JudgementProblem = 'lower_than_computed' | 'reason_required';

/**
 * Professional judgement may raise the computed level, never lower it, and raising needs a
 * reason. Returns the final level, or the problem with the judgement. (A reason given without
 * a raise is not kept: there is nothing for it to explain.)
 */
export function applyJudgement(
  computed: Level,
  judgement: { level?: number | null; reason?: string | null },
): { ok: true; level: Level; raised: boolean } | { ok: false; problem: JudgementProblem } {
  const requested = judgement.level ?? computed;
  const reason = judgement.reason?.trim() ?? '';
  if (requested < computed) return { ok: false, problem: 'lower_than_computed' };
  if (requested > computed && reason === '') return { ok: false, problem: 'reason_required' };
  return { ok: true, level: requested as Level, raised: requested > computed };
}
