/**
 * The rule pages' forms: plain text fields (no script needed), read into the same change the
 * API takes, so both are validated by one function (values.ts) with the same messages.
 */
import { z } from 'zod';
import { INT4_MAX, optionalText, strictNumber } from '../../platform/http/validation.js';
import { AFTERCARE_KEY, type FlowRuleKey } from '../clocks/rules.js';
import { LIMITS, type FlowRuleValue } from './schemas.js';
import { isClockKey, type RuleChange } from './values.js';

const BasedOn = strictNumber(z.coerce.number({ error: 'flowrules.error.basedOnVersion' }).int().min(1).max(INT4_MAX));

export const RuleForm = z.object({
  basedOnVersion: BasedOn,
  note: optionalText(LIMITS.note),
  amount: optionalText(20),
  unit: optionalText(40),
  months: optionalText(500),
  extraClosedDates: optionalText(20_000),
});
export type RuleForm = z.infer<typeof RuleForm>;

export const RestoreForm = z.object({ basedOnVersion: BasedOn });

/** A whole number as typed ("8", " 8 "); anything else is NaN, which validation names. */
function typedNumber(text: string): number {
  const trimmed = text.trim();
  return /^[+-]?\d+([.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN;
}

/** Items separated by commas, semicolons, spaces or new lines. */
function items(text: string): string[] {
  return text.split(/[\s,;]+/).filter((item) => item !== '');
}

/** The change a posted form asks for; only the fields of the rule's key are read. */
export function changeFromForm(key: FlowRuleKey, form: RuleForm): RuleChange {
  const base = { basedOnVersion: form.basedOnVersion, note: form.note };
  if (isClockKey(key)) return { ...base, amount: form.amount === undefined ? undefined : typedNumber(form.amount), unit: form.unit };
  if (key === AFTERCARE_KEY) return { ...base, months: form.months === undefined ? undefined : items(form.months).map(typedNumber) };
  // An empty list is a choice here: no extra closed dates.
  return { ...base, extraClosedDates: items(form.extraClosedDates ?? '') };
}

/** The form's fields filled with a rule's value (what the edit page shows first). */
export function formValues(value: FlowRuleValue, basedOnVersion: number): Record<string, unknown> {
  return {
    basedOnVersion,
    amount: value.amount === undefined ? undefined : String(value.amount),
    unit: value.unit,
    months: value.months?.join(', '),
    extraClosedDates: value.extraClosedDates?.join('\n'),
  };
}
