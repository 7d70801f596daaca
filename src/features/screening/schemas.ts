/**
 * The contract of a screening: the JSON body of the API and the flat HTML form both end up as
 * one `ScreeningInput`, validated by the same field rules.
 */
import { z } from 'zod';
import { PROFESSIONAL_GROUPS } from '../../platform/access/roles.js';
import { Timestamp } from '../../platform/api/types.js';
import { formArray, formInteger, optionalText } from '../../platform/http/validation.js';
import { DOMAIN_KEYS, InstrumentDefinition, RED_FLAG_KEYS, RELATION_KEYS, type DomainKey } from './instrument/definition.js';

export const SCREENING_CONTEXTS = ['standalone', 'consultation', 'inquiry', 'case'] as const;
export const REASON_MAX = 2000;

/** A form value as a number: empty is missing, text that is not a number stays wrong (NaN). */
/** A step 0–3; anything else gets one clear message. */
const step = z.preprocess(
  formInteger,
  z
    .number({ error: (issue) => (issue.input === undefined ? 'screening.ratingRequired' : 'screening.ratingRange') })
    .int('screening.ratingRange')
    .min(0, 'screening.ratingRange')
    .max(3, 'screening.ratingRange'),
);

const optionalLevel = z.preprocess(
  formInteger,
  z.number({ error: 'screening.levelRange' }).int('screening.levelRange').min(0, 'screening.levelRange').max(3, 'screening.levelRange').optional(),
);

const optionalUuid = z.preprocess((value) => (value === '' || value === null ? undefined : value), z.uuid({ error: 'validation.invalid' }).optional());

const Ratings = z.object(Object.fromEntries(DOMAIN_KEYS.map((key) => [key, step])) as Record<DomainKey, typeof step>);

const shared = {
  /** The instrument version the form showed; the assessment is recorded with it. */
  instrumentId: z.uuid({ error: 'validation.invalid' }).describe('The instrument version the answers refer to (GET /api/v1/screening/instrument).'),
  /** A fresh id per form: a second submission with the same key is refused. */
  submissionKey: z.uuid({ error: 'validation.invalid' }).describe('A new random UUID per assessment; sending the same key twice is refused (409).'),
  redFlags: formArray(z.enum(RED_FLAG_KEYS, { error: 'validation.invalidChoice' })).describe('Red flags present: any one gives level 3.'),
  relations: formArray(z.enum(RELATION_KEYS, { error: 'validation.invalidChoice' })).describe('Who exerts the control.'),
  finalLevel: optionalLevel.describe('Professional judgement: a level above the computed one (never below). Omit to keep the computed level.'),
  raiseReason: optionalText(REASON_MAX).describe('Required when finalLevel is above the computed level.'),
  context: z.enum(SCREENING_CONTEXTS, { error: 'validation.invalidChoice' }).default('standalone').describe('What the assessment is attached to.'),
  inquiryId: optionalUuid.describe('An inquiry the assessment belongs to.'),
  caseId: optionalUuid.describe('A case the assessment belongs to.'),
};

export const ScreeningInput = z.object({
  ...shared,
  ratings: Ratings.describe('Step 0–3 for each of the eight domains, by domain key.'),
});
export type ScreeningInput = z.output<typeof ScreeningInput>;

/** The HTML form: one radio group per domain, named `rating_<domain key>`. */
export const ScreeningForm = z
  .object({ ...shared, ...Object.fromEntries(DOMAIN_KEYS.map((key) => [`rating_${key}`, step])) } as typeof shared & Record<`rating_${DomainKey}`, typeof step>)
  .transform((form): ScreeningInput => {
    const ratings = Object.fromEntries(DOMAIN_KEYS.map((key) => [key, form[`rating_${key}`]])) as Record<DomainKey, number>;
    const { instrumentId, submissionKey, redFlags, relations, finalLevel, raiseReason, context, inquiryId, caseId } = form;
    return { instrumentId, submissionKey, redFlags, relations, finalLevel, raiseReason, context, inquiryId, caseId, ratings };
  });

export const ScreeningSummary = z.object({
  id: z.uuid(),
  instrumentNumber: z.number().int(),
  computedLevel: z.number().int(),
  finalLevel: z.number().int(),
  context: z.enum(SCREENING_CONTEXTS),
  caseId: z.uuid().nullable(),
  inquiryId: z.uuid().nullable(),
  createdAt: Timestamp,
  mine: z.boolean(),
});
export type ScreeningSummary = z.input<typeof ScreeningSummary>;

export const Screening = ScreeningSummary.extend({
  instrumentId: z.uuid(),
  ratings: z.record(z.string(), z.number().int()),
  redFlags: z.array(z.string()),
  relations: z.array(z.string()),
  raiseReason: z.string().nullable(),
  professionalGroup: z.enum(PROFESSIONAL_GROUPS).nullable(),
});
export type Screening = z.input<typeof Screening>;

export const Instrument = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: z.enum(['draft', 'published', 'retired']),
  definition: InstrumentDefinition,
  changeNote: z.string().nullable(),
  publishedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  version: z.number().int(),
});
export type Instrument = z.input<typeof Instrument>;
