/**
 * Turns zod issues into translated field errors. Schemas name message keys directly
 * (`z.string().min(1, 'validation.required')`); issues without a key get a generic message
 * chosen by the issue's code.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { NotFoundError, ValidationError, type FieldError } from './errors.js';

/** A message written in a schema as a catalog key ('validation.required'), not zod's own text. */
const MESSAGE_KEY = /^[a-z]+(\.[A-Za-z0-9_]+)+$/;

function fieldErrorFromIssue(issue: z.core.$ZodIssue): FieldError {
  const field = issue.path.map(String).join('.');
  if (issue.message && MESSAGE_KEY.test(issue.message)) {
    const params: Record<string, string | number> = {};
    if ('minimum' in issue) params.min = Number(issue.minimum);
    if ('maximum' in issue) params.max = Number(issue.maximum);
    return { field, messageKey: issue.message, params };
  }
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { field, messageKey: 'validation.required' }
          : { field, messageKey: 'validation.tooShort', params: { min: Number(issue.minimum) } };
      }
      if (issue.origin === 'array' && Number(issue.minimum) <= 1) return { field, messageKey: 'validation.required' };
      return { field, messageKey: 'validation.tooSmall', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string'
        ? { field, messageKey: 'validation.tooLong', params: { max: Number(issue.maximum) } }
        : { field, messageKey: 'validation.tooBig', params: { max: Number(issue.maximum) } };
    case 'invalid_type':
      return { field, messageKey: issue.input === undefined ? 'validation.required' : 'validation.invalidType' };
    case 'invalid_value':
      return { field, messageKey: 'validation.invalidChoice' };
    case 'invalid_format':
      return { field, messageKey: issue.format === 'email' ? 'validation.invalidEmail' : 'validation.invalid' };
    case 'unrecognized_keys':
      return { field: issue.keys[0] ?? field, messageKey: 'validation.unknownField', params: { field: issue.keys.join(', ') } };
    default:
      return { field, messageKey: 'validation.invalid' };
  }
}

/** Parses `input` with `schema` or throws a ValidationError listing every field's problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // reportInput: a value of the wrong type is "invalid", not "required" (zod leaves `input` out otherwise).
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const seen = new Set<string>();
  const fields = result.error.issues.map(fieldErrorFromIssue).filter((error) => {
    if (seen.has(error.field)) return false; // one message per field is enough
    seen.add(error.field);
    return true;
  });
  throw new ValidationError(fields);
}

/** The largest value of a PostgreSQL integer column (versions, numbers): larger input is refused at the field. */
export const INT4_MAX = 2_147_483_647;

/**
 * The version a form or API client read (optimistic concurrency): a whole number the database can
 * hold. The bound comes first, so 1e20 (also not a safe integer) is reported as too big. Missing
 * says "missing"; anything sent that is no version (abc, 0, -1, 1.5) says "not valid".
 */
export const versionField = z.preprocess(
  formInteger,
  z.number({ error: (issue) => (issue.input === undefined ? 'validation.versionMissing' : 'validation.versionInvalid') })
    .max(INT4_MAX, 'validation.tooBig').int('validation.versionInvalid').min(1, 'validation.versionInvalid'),
);

/**
 * Parameters of a URL path (`/sager/:id`). A value that does not parse (not a UUID, not a
 * number) names nothing, so the answer is the same 404 as for an id that matches no row, unless
 * the schema gives its own message (e.g. "unknown rule" for a rule key): then that, as a 400.
 */
export function parsePath<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  if (result.error.issues.every((issue) => MESSAGE_KEY.test(issue.message))) return parseOrThrow(schema, params);
  throw new NotFoundError();
}

const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

/**
 * A whole number from a form field or JSON, for a preprocess: blank (also only spaces) is
 * missing, digits are the number, anything else (`0x2`, `1e0`, `3.0`, a list) is not a number.
 */
export function formInteger(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return Number.NaN;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/**
 * A number from a form field (decimal digits) or a JSON number, for a `z.coerce.number()` chain:
 * coercion alone would take `true` as 1, `[5]` as 5, "1e2" as 100 and "0x10" as 16.
 */
export function strictNumber<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => {
    if (typeof value === 'number' || value === undefined) return value;
    if (value === null || value === '') return undefined;
    return typeof value === 'string' && DECIMAL.test(value) ? value : Number.NaN;
  }, schema);
}

// Control characters other than tab, newline and carriage return have no place in user text.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * A new password: 12–200 characters (NIST SP 800-63B), any printable characters including
 * spaces, but no control characters (a NUL or an escape typed into a password is a mistake or
 * an attack, and every other text field refuses them too).
 */
export function newPassword() {
  return z.string({ error: 'validation.required' })
    .min(12, 'validation.passwordLength').max(200, 'validation.passwordLength')
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'validation.controlCharacters');
}

/** A trimmed text field: required unless `optional`, length-limited, no control characters. */
export function text(max: number, options: { min?: number } = {}) {
  return z
    // Missing is "required"; a number, a list (a=1&a=2) or null is not text at all.
    .string({ error: (issue) => (issue.input === undefined ? 'validation.required' : 'validation.textExpected') })
    .trim()
    .min(options.min ?? 1, options.min && options.min > 1 ? 'validation.tooShort' : 'validation.required')
    .max(max, 'validation.tooLong')
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'validation.controlCharacters');
}

/** Optional text: an empty form field becomes undefined. */
export function optionalText(max: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    text(max).optional(),
  );
}

/** A checkbox group from an HTML form: absent, one value or many values, as an array. */
export function formArray<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(item));
}

const CHECKED = new Set<unknown>([true, 'on', 'true', '1']);
const UNCHECKED = new Set<unknown>([false, undefined, '', 'off', 'false', '0']);

/**
 * A single checkbox: "on"/"true"/"1" (or JSON true) is true, absence (or JSON false) is false.
 * Anything else ("yes", 1, an array) is refused rather than read as false: an API client
 * sending `"aftercare": "yes"` must learn that it was not understood.
 */
export const formCheckbox = z.preprocess(
  (value) => (CHECKED.has(value) ? true : UNCHECKED.has(value) ? false : value),
  z.boolean({ error: 'validation.checkbox' }),
);

/**
 * Whether `value` is a date that exists, written YYYY-MM-DD. `Date.parse` is no check: it
 * takes 2024-02-30 and makes it 1 March.
 */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

/**
 * The entry of `table` that a `?notice=` query value names, or undefined. Only the table's own
 * keys count: `?notice=toString` must not find the function every object inherits.
 */
export function noticeFrom<T>(table: Record<string, T>, query: unknown): T | undefined {
  const value = (query as Record<string, unknown> | null | undefined)?.notice;
  return typeof value === 'string' && Object.hasOwn(table, value) ? table[value] : undefined;
}
