/**
 * The screening instrument as data. A version's definition holds everything a screening page,
 * a result page and a calibration round need: the eight domains with their anchored steps, the
 * red flags, the relation types, the level rule and the level texts, in Danish and English.
 *
 * The structure (which domains, red flags and relation types exist, by key) is fixed, because
 * assessments and calibration statistics are compared across versions by key. What a new
 * version may change is the wording and the thresholds of the level rule.
 */
import { z } from 'zod';
import { text } from '../../../platform/http/validation.js';
import type { Lang } from '../../../platform/i18n/index.js';

/** A text in both staff languages. */
export const LocalText = z.object({
  da: text(1000),
  en: text(1000),
});
export type LocalText = z.infer<typeof LocalText>;

/** The eight forms of control named in the expert group's report, one domain each. */
export const DOMAIN_KEYS = [
  'education_work_leisure',
  'relations_digital',
  'belief_expression',
  'privacy',
  'partner_choice',
  'abuse_protection',
  'isolation_threats',
  'generational_conflict',
] as const;
export type DomainKey = (typeof DOMAIN_KEYS)[number];

/** Red flags: any one of them makes the level "akut fare". */
export const RED_FLAG_KEYS = ['threats', 'travel_abroad', 'forced_marriage', 'confined', 'flight', 'self_harm'] as const;
export type RedFlagKey = (typeof RED_FLAG_KEYS)[number];

/** Who exerts the control (the same list as the concern form of the inquiries). */
export const RELATION_KEYS = ['father', 'mother', 'sibling', 'spouse_partner', 'extended_family_dk', 'family_abroad', 'peers', 'community'] as const;
export type RelationKey = (typeof RELATION_KEYS)[number];

export const STEPS = [0, 1, 2, 3] as const;
export type Step = (typeof STEPS)[number];
export const LEVELS = [0, 1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];

const Domain = z.object({
  key: z.enum(DOMAIN_KEYS),
  title: LocalText,
  /** What the domain covers, in one or two sentences. */
  help: LocalText,
  /** One anchored description per step 0–3. */
  steps: z.tuple([LocalText, LocalText, LocalText, LocalText]),
});

const RedFlag = z.object({ key: z.enum(RED_FLAG_KEYS), label: LocalText, help: LocalText });
const Relation = z.object({ key: z.enum(RELATION_KEYS), label: LocalText });
const LevelText = z.object({ level: z.number().int().min(0).max(3), name: LocalText, explanation: LocalText });

/**
 * The level rule's thresholds (see docs/screening.md):
 * any red flag → 3; else any domain at `severeStep` or at least `substantialCount` domains at
 * `substantialStep` or above → 2; else any domain at `concernStep` or above → 1; else 0.
 */
export const LevelRule = z
  .object({
    severeStep: z.number({ error: 'screening.instrument.ruleNumber' }).int('screening.instrument.ruleNumber').min(1, 'screening.instrument.ruleNumber').max(3, 'screening.instrument.ruleNumber'),
    substantialStep: z.number({ error: 'screening.instrument.ruleNumber' }).int('screening.instrument.ruleNumber').min(1, 'screening.instrument.ruleNumber').max(3, 'screening.instrument.ruleNumber'),
    substantialCount: z.number({ error: 'screening.instrument.ruleCount' }).int('screening.instrument.ruleCount').min(1, 'screening.instrument.ruleCount').max(8, 'screening.instrument.ruleCount'),
    concernStep: z.number({ error: 'screening.instrument.ruleNumber' }).int('screening.instrument.ruleNumber').min(1, 'screening.instrument.ruleNumber').max(3, 'screening.instrument.ruleNumber'),
  })
  .refine((rule) => rule.concernStep <= rule.substantialStep && rule.substantialStep <= rule.severeStep, {
    message: 'screening.instrument.ruleOrder',
    path: ['concernStep'],
  });
export type LevelRule = z.infer<typeof LevelRule>;

function hasEveryKey<K extends string>(keys: readonly K[]) {
  return (items: { key: K }[]) => items.length === keys.length && keys.every((key, i) => items[i].key === key);
}

export const InstrumentDefinition = z.object({
  domains: z.array(Domain).refine(hasEveryKey(DOMAIN_KEYS), 'screening.instrument.structureFixed'),
  redFlags: z.array(RedFlag).refine(hasEveryKey(RED_FLAG_KEYS), 'screening.instrument.structureFixed'),
  relations: z.array(Relation).refine(hasEveryKey(RELATION_KEYS), 'screening.instrument.structureFixed'),
  levelRule: LevelRule,
  levels: z.array(LevelText).refine((levels) => levels.length === 4 && levels.every((l, i) => l.level === i), 'screening.instrument.structureFixed'),
});
export type InstrumentDefinition = z.infer<typeof InstrumentDefinition>;

/** The text in the page's language (Danish when English is missing). */
export function local(text: LocalText, lang: Lang): string {
  return text[lang] || text.da;
}

export function levelText(definition: InstrumentDefinition, level: number): z.infer<typeof LevelText> {
  return definition.levels[level];
}
