/**
 * The self-check "Is it negative social control?": twelve questions in plain language, built
 * on the screening instrument's eight domains (docs: ../shared/docs/domain.md), scored on the
 * server from the posted answers and never stored. Questions that describe danger (violence,
 * threats, forced marriage, being sent abroad) show urgent help whenever answered other than
 * "no", whatever the total.
 */
import type { CitizenKey } from './catalogs/index.js';

export const ANSWERS = ['no', 'sometimes', 'often'] as const;
export type Answer = (typeof ANSWERS)[number];
const POINTS: Record<Answer, number> = { no: 0, sometimes: 1, often: 2 };

/** The report's forms of control, as the domains of the screening instrument. */
export type Domain = 'education' | 'social' | 'belief' | 'privacy' | 'partner' | 'abuse' | 'threats' | 'generations';

export interface Question {
  id: string;
  key: CitizenKey;
  domain: Domain;
  /** Any answer but "no" means the visitor may be in danger now. */
  danger: boolean;
}

export const QUESTIONS: readonly Question[] = [
  { id: 'q1', key: 'check.q1', domain: 'education', danger: false },
  { id: 'q2', key: 'check.q2', domain: 'education', danger: false },
  { id: 'q3', key: 'check.q3', domain: 'social', danger: false },
  { id: 'q4', key: 'check.q4', domain: 'social', danger: false },
  { id: 'q5', key: 'check.q5', domain: 'belief', danger: false },
  { id: 'q6', key: 'check.q6', domain: 'privacy', danger: false },
  { id: 'q7', key: 'check.q7', domain: 'partner', danger: true },
  { id: 'q8', key: 'check.q8', domain: 'partner', danger: true },
  { id: 'q9', key: 'check.q9', domain: 'abuse', danger: true },
  { id: 'q10', key: 'check.q10', domain: 'threats', danger: true },
  { id: 'q11', key: 'check.q11', domain: 'threats', danger: true },
  { id: 'q12', key: 'check.q12', domain: 'generations', danger: false },
];

export const DOMAIN_KEYS: Record<Domain, CitizenKey> = {
  education: 'check.domain.education',
  social: 'check.domain.social',
  belief: 'check.domain.belief',
  privacy: 'check.domain.privacy',
  partner: 'check.domain.partner',
  abuse: 'check.domain.abuse',
  threats: 'check.domain.threats',
  generations: 'check.domain.generations',
};

export type Level = 'none' | 'some' | 'clear';

export interface SelfCheckResult {
  answered: number;
  score: number;
  level: Level;
  urgent: boolean;
  /** Domains with at least one answer other than "no", in the questions' order. */
  domains: Domain[];
}

/** At or above this score the signs are called clear (a third of the maximum of 24). */
export const CLEAR_THRESHOLD = 8;

export class SelfCheckInputError extends Error {
  constructor(readonly reason: 'no_answers' | 'invalid') {
    super(reason);
  }
}

/** Reads the posted form: every field must be a known question with a known answer. */
export function parseAnswers(body: unknown): Map<string, Answer> {
  const answers = new Map<string, Answer>();
  const values = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const known = new Set(QUESTIONS.map((question) => question.id));
  for (const [field, value] of Object.entries(values)) {
    if (!known.has(field)) continue; // other fields (e.g. a submit button's name) are ignored
    if (typeof value !== 'string' || !(ANSWERS as readonly string[]).includes(value)) throw new SelfCheckInputError('invalid');
    answers.set(field, value as Answer);
  }
  if (answers.size === 0) throw new SelfCheckInputError('no_answers');
  return answers;
}

export function scoreSelfCheck(answers: Map<string, Answer>): SelfCheckResult {
  let score = 0;
  let urgent = false;
  const domains: Domain[] = [];
  for (const question of QUESTIONS) {
    const answer = answers.get(question.id);
    if (!answer || answer === 'no') continue;
    score += POINTS[answer];
    if (question.danger) urgent = true;
    if (!domains.includes(question.domain)) domains.push(question.domain);
  }
  const level: Level = score === 0 ? 'none' : score >= CLEAR_THRESHOLD ? 'clear' : 'some';
  return { answered: answers.size, score, level, urgent, domains };
}
