/**
 * A rule's changeable value, read from its body, and the new body a change makes. Only the
 * value changes: everything else in the body in force (when a clock starts and stops, whom it
 * applies to; the calendar's public holidays and weekend) is carried over untouched, so an
 * administrator cannot break a rule by accident through this page.
 */
import { FORM_FIELD } from '../../platform/http/forms.js';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import { isCalendarDate } from '../../platform/http/validation.js';
import { HolidayCalendar } from '../clocks/calendar.js';
import { AFTERCARE_KEY, AftercareSchedule, CALENDAR_KEY, CLOCK_KEYS, ClockRule, ruleSchema, type ClockKey, type FlowRuleKey } from '../clocks/rules.js';
import { DURATION_UNITS, LIMITS, type FlowRuleValue } from './schemas.js';

/** What a caller asks to change (from the API body or a form), before validation. */
export interface RuleChange {
  basedOnVersion: number;
  note?: string;
  amount?: number;
  unit?: string;
  months?: number[];
  extraClosedDates?: string[];
}

const VALUE_FIELDS = ['amount', 'unit', 'months', 'extraClosedDates'] as const;
type ValueField = (typeof VALUE_FIELDS)[number];

export function isClockKey(key: FlowRuleKey): key is ClockKey {
  return (CLOCK_KEYS as readonly string[]).includes(key);
}

export function valueFields(key: FlowRuleKey): readonly ValueField[] {
  if (isClockKey(key)) return ['amount', 'unit'];
  return key === AFTERCARE_KEY ? ['months'] : ['extraClosedDates'];
}

/** The value of a stored body (which must be valid for its key: a broken rule fails loudly). */
export function ruleValue(key: FlowRuleKey, body: unknown): FlowRuleValue {
  if (isClockKey(key)) {
    const { amount, unit } = ClockRule.parse(body).duration;
    return { amount, unit };
  }
  if (key === AFTERCARE_KEY) return { months: AftercareSchedule.parse(body).months };
  return { extraClosedDates: HolidayCalendar.parse(body).extraClosedDates };
}

/** Two JSON values are equal regardless of the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function asObject(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function checkDuration(change: RuleChange): { value?: { amount: number; unit: string }; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const { amount, unit } = change;
  if (amount === undefined) errors.push({ field: 'amount', messageKey: 'flowrules.error.amountRequired' });
  else if (!Number.isInteger(amount)) errors.push({ field: 'amount', messageKey: 'flowrules.error.amountWhole' });
  else if (amount < LIMITS.amount.min || amount > LIMITS.amount.max) {
    errors.push({ field: 'amount', messageKey: 'flowrules.error.amountRange', params: { ...LIMITS.amount } });
  }
  if (unit === undefined || !(DURATION_UNITS as readonly string[]).includes(unit)) errors.push({ field: 'unit', messageKey: 'flowrules.error.unit' });
  return errors.length > 0 ? { errors } : { value: { amount: amount!, unit: unit! }, errors };
}

function monthsError(months: number[] | undefined): FieldError | null {
  const error = (messageKey: string, params?: Record<string, number>): FieldError => ({ field: 'months', messageKey, params });
  if (months === undefined || months.length === 0) return error('flowrules.error.monthsRequired');
  if (!months.every((value) => Number.isInteger(value))) return error('flowrules.error.monthsWhole');
  if (months.some((value) => value < LIMITS.month.min || value > LIMITS.month.max)) return error('flowrules.error.monthsRange', { ...LIMITS.month });
  if (months.length < LIMITS.months.min || months.length > LIMITS.months.max) return error('flowrules.error.monthsCount', { ...LIMITS.months });
  const repeated = months.find((value, index) => months.indexOf(value) !== index);
  if (repeated !== undefined) return error('flowrules.error.monthsDuplicate', { month: repeated });
  if (months.some((value, index) => index > 0 && value < months[index - 1])) return error('flowrules.error.monthsOrder');
  return null;
}

/** The dates sorted, or the first problem with them. */
function checkDates(dates: string[] | undefined): { value?: string[]; error?: FieldError } {
  const field = 'extraClosedDates';
  if (dates === undefined) return { error: { field, messageKey: 'flowrules.error.datesRequired' } };
  if (dates.length > LIMITS.closedDates.max) return { error: { field, messageKey: 'flowrules.error.datesCount', params: { max: LIMITS.closedDates.max } } };
  const invalid = dates.find((date) => !isCalendarDate(date));
  if (invalid !== undefined) {
    // Echo a little of what was typed, so the person can find it in a long list.
    const shown = invalid.length > 20 ? `${invalid.slice(0, 20)}…` : invalid;
    return { error: { field, messageKey: 'flowrules.error.dateInvalid', params: { value: shown } } };
  }
  const repeated = dates.find((date, index) => dates.indexOf(date) !== index);
  if (repeated !== undefined) return { error: { field, messageKey: 'flowrules.error.dateDuplicate', params: { date: repeated } } };
  return { value: [...dates].sort() };
}

/** A form-wide refusal: shown in the form's summary, and as the API's message. */
export function refuse(messageKey: string): never {
  throw new ValidationError([{ field: FORM_FIELD, messageKey }], messageKey);
}

/**
 * The body a change makes from the body in force. Throws a ValidationError naming the field
 * for bad input, for fields that belong to another rule, and for a value equal to the one in
 * force; the result always passes the rule's own schema (the clocks' loader reads it back).
 */
export function changedBody(key: FlowRuleKey, current: unknown, change: RuleChange): Record<string, unknown> {
  const allowed = valueFields(key);
  const foreign = VALUE_FIELDS.filter((field) => change[field] !== undefined && !allowed.includes(field));
  if (foreign.length > 0) throw new ValidationError(foreign.map((field) => ({ field, messageKey: 'flowrules.error.fieldNotForRule' })));

  const base = asObject(current);
  let body: Record<string, unknown>;
  if (isClockKey(key)) {
    const { value, errors } = checkDuration(change);
    if (!value) throw new ValidationError(errors);
    body = { ...base, duration: { ...asObject(base.duration), ...value } };
  } else if (key === AFTERCARE_KEY) {
    const error = monthsError(change.months);
    if (error) throw new ValidationError([error]);
    body = { ...base, months: change.months };
  } else if (key === CALENDAR_KEY) {
    const { value, error } = checkDates(change.extraClosedDates);
    if (error) throw new ValidationError([error]);
    body = { ...base, extraClosedDates: value };
  } else {
    throw new Error(`flow rules: no editor for ${String(key)}`);
  }
  if (!ruleSchema(key).safeParse(body).success) refuse('flowrules.error.invalidRule');
  if (sameJson(ruleValue(key, body), ruleValue(key, current))) refuse('flowrules.error.unchanged');
  return body;
}
