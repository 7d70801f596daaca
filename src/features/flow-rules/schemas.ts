/**
 * The administration of the case flow's rules: what the API accepts and answers. A rule's
 * "value" is the part an administrator may change (a clock's duration, the aftercare months,
 * the calendar's extra closed dates); the rest of a rule's body is kept from the version in
 * force. The limits are read from the rule schemas in clocks/rules.ts, so the messages shown
 * here can never disagree with what the clocks accept.
 */
import { z } from 'zod';
import { Timestamp } from '../../platform/api/types.js';
import { INT4_MAX, optionalText } from '../../platform/http/validation.js';
import { AftercareSchedule, ClockRule, FLOW_RULE_KEYS } from '../clocks/rules.js';

export { FLOW_RULE_KEYS, type FlowRuleKey } from '../clocks/rules.js';

export const DURATION_UNITS = ClockRule.shape.duration.shape.unit.options;
export type DurationUnit = (typeof DURATION_UNITS)[number];

function bound(value: number | null | undefined, what: string): number {
  // A rule schema without the bound would let absurd values through: stop at start instead.
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`flow rules: the rule schema no longer bounds ${what}`);
  return value;
}

function itemCount(schema: z.ZodType, what: string): { min: number; max: number } {
  const json = z.toJSONSchema(schema) as { minItems?: number; maxItems?: number };
  return { min: bound(json.minItems, `${what} (fewest)`), max: bound(json.maxItems, `${what} (most)`) };
}

const amount = ClockRule.shape.duration.shape.amount;
const month = AftercareSchedule.shape.months.element;

export const LIMITS = {
  amount: { min: bound(amount.minValue, 'a duration'), max: bound(amount.maxValue, 'a duration') },
  month: { min: bound(month.minValue, 'an aftercare month'), max: bound(month.maxValue, 'an aftercare month') },
  months: itemCount(AftercareSchedule.shape.months, 'the aftercare months'),
  /** Ours, not the calendar schema's: a list longer than this is a mistake, not a plan. */
  closedDates: { max: 100 },
  note: 1000,
} as const;

const MAX_VERSION = INT4_MAX;

export const FlowRuleKeyParams = z.object({
  key: z.enum(FLOW_RULE_KEYS, { error: 'flowrules.error.unknownKey' }).describe('The rule: one of the five keys `GET /api/v1/flow-rules` lists.'),
});

/** The changeable part of a rule, as GET shows it and POST takes it (only the fields of its key). */
export const FlowRuleValue = z.object({
  amount: z.number().int().optional().describe('Clocks: how long the clock runs, counted in `unit`.'),
  unit: z.enum(DURATION_UNITS).optional().describe(
    'Clocks: `hours` (real hours), `working_days` (hverdage: no weekends, public holidays or closed dates; the start day is not counted), `calendar_days`, `months` (the last two end at the end of the day).',
  ),
  months: z.array(z.number().int()).optional().describe('`aftercare.schedule`: months after closing at which a follow-up task is due, ascending.'),
  extraClosedDates: z.array(z.string()).optional().describe('`calendar.holidays`: dates (YYYY-MM-DD) the municipality is closed besides weekends and public holidays.'),
});
export type FlowRuleValue = z.infer<typeof FlowRuleValue>;

/** A new value for one rule. Send only the fields of that rule's key. */
export const FlowRuleChange = z
  .object({
    basedOnVersion: z.number({ error: 'flowrules.error.basedOnVersion' }).int().min(1).max(MAX_VERSION)
      .describe('The `version` in force you read; if another version is in force now, nothing is stored and the answer is 409.'),
    note: optionalText(LIMITS.note).describe('Why the rule changes, e.g. a decision by the municipality (shown in the version history).'),
    amount: z.number({ error: 'flowrules.error.amountWhole' }).optional()
      .describe(`Clock keys: a whole number from ${LIMITS.amount.min} to ${LIMITS.amount.max}.`),
    unit: z.enum(DURATION_UNITS, { error: 'flowrules.error.unit' }).optional().describe('Clock keys: the unit of `amount`.'),
    months: z.array(z.number({ error: 'flowrules.error.monthsWhole' }), { error: 'flowrules.error.monthsWhole' }).optional()
      .describe(`\`aftercare.schedule\`: ${LIMITS.months.min}–${LIMITS.months.max} whole months, each ${LIMITS.month.min}–${LIMITS.month.max}, ascending, no duplicates.`),
    extraClosedDates: z.array(z.string({ error: 'flowrules.error.dateFormat' }), { error: 'flowrules.error.dateFormat' }).optional()
      .describe(`\`calendar.holidays\`: the complete list of extra closed dates (YYYY-MM-DD), at most ${LIMITS.closedDates.max}; an empty list removes them all. The public holidays and the weekend are kept.`),
  })
  .strict();
export type FlowRuleChange = z.infer<typeof FlowRuleChange>;

export const FlowRuleSource = z.enum(['national', 'municipality']).describe('`national`: the national default; `municipality`: the municipality’s own version.');
export type FlowRuleSource = z.infer<typeof FlowRuleSource>;

export const FlowRuleVersion = z.object({
  version: z.number().int(),
  source: FlowRuleSource,
  value: FlowRuleValue,
  note: z.string().nullable().describe('The legal note of a national version, or the reason given for a municipality’s change.'),
  sameAsNationalDefault: z.boolean().describe('The body equals the national default in force.'),
  inForce: z.boolean(),
  effectiveFrom: Timestamp,
  createdAt: Timestamp,
  createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('Who saved it (null for national versions and changes made outside the application).'),
});
export type FlowRuleVersion = z.input<typeof FlowRuleVersion>;

export const FlowRule = z.object({
  key: z.enum(FLOW_RULE_KEYS),
  version: z.number().int().describe('The version in force; send it as `basedOnVersion` to change the rule.'),
  source: FlowRuleSource,
  sameAsNationalDefault: z.boolean(),
  value: FlowRuleValue,
  rule: z.record(z.string(), z.unknown()).describe('The complete body in force (what the clocks read).'),
  legalNote: z.string().nullable().describe('The legal basis, from the national default in force.'),
  nationalDefault: z.object({ version: z.number().int(), value: FlowRuleValue }).describe('Post this value to return to the national default.'),
  versions: z.array(FlowRuleVersion).describe('Every version, national and the municipality’s own, newest first.'),
});
export type FlowRule = z.input<typeof FlowRule>;
