/**
 * The values the fuzz suite sends (see fuzz-suite.ts): hostile values of any type, and bodies
 * that are valid for the endpoint's own zod schema but carry hostile content (every Unicode
 * plane, lone surrogates, SQL- and HTML-looking text, strings at their maximum length, boundary
 * numbers, far-off dates), so that requests get past the validation into the use case.
 *
 * A valid body is generated from the schema's JSON Schema (what the OpenAPI document publishes)
 * and then checked with the zod schema itself: JSON Schema cannot express refinements (a CPR
 * number's date, "from before to"), so fields the schema refuses are put back to the plausible
 * sample from test/support/samples.ts, which is valid (fuzz-suite.ts checks that for every
 * endpoint).
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { jsonSchemaFor, sampleFor, SAMPLE_CPR, todayInCopenhagen } from '../support/samples.js';

type Json = Record<string, unknown>;

/** Real ids (and values) for a field or parameter name, or undefined when there are none. */
export type Candidates = (name: string) => readonly string[] | undefined;

/**
 * Stands for "the version the record has now" in a generated body: a valid version number that
 * the suite replaces, just before sending, with the current version of the record the path
 * names, so version-checked updates succeed again and again instead of once.
 */
export const CURRENT_VERSION = 1_999_999_999;

const isVersionField = (field: string) => /version$/i.test(field);

// ---- Hostile values of any type --------------------------------------------------------------

export const nasty = fc.constantFrom(
  "' OR '1'='1", "'; drop table users; --", '1; select pg_sleep(10)', '" OR ""="', '\\', '%', '_', '%_%',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg/onload=alert(1)>', 'javascript:alert(1)',
  '\u0000', 'a\u0000b', '\ud800', '\udfff', '\u202e', '\ufeff', '💩'.repeat(60), 'ﷺ'.repeat(30), 'Ω≈ç√∫', 'æøåÆØÅ',
  '010203-1234', 'null', 'undefined', 'true', 'NaN', '-1', '1e309', '9'.repeat(40), '0x7fffffff', '2147483648',
  '__proto__', 'constructor', '{"$gt": ""}', '../../../etc/passwd', '${7*7}', '{{7*7}}', ' ', '\r\n', '\t',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '2026-02-30', '9999-12-31T23:59:59Z',
);

/** Text a schema may well accept (printable, no control characters) that is still hostile. */
const printableNasty = fc.constantFrom(
  "' OR '1'='1", "'; drop table users; --", "Robert'); drop table cases;--", '" OR ""="', '\\', '%', '_', '%_%', '*', '?', '[a-z]', '.*',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg/onload=alert(1)>', 'javascript:alert(1)', '&lt;b&gt;', '&#0;',
  '\ud800', '\udfff', 'x\udbffy', 'æ\udfff', '€\ud800x', '\u202e', '\u200b', '\ufeff', '\u2028', '\ufffd', '\uffff', '💩', '👨‍👩‍👧‍👦', 'ﷺ', 'Ω≈ç√∫', 'æøåÆØÅ', 'İı', 'ß',
  'null', 'undefined', 'true', 'NaN', '-1', '1e309', '0x7fffffff', '2147483648', '__proto__', 'constructor', 'toString',
  '${7*7}', '{{7*7}}', '../../../etc/passwd', '%00', '%2e%2e%2f', 'a'.repeat(8) + '\u0301'.repeat(8), '   x   ', 'x\ty', 'x\ny', 'x\r\ny',
);

// Large but under the 1 MB limit (413 is tested in bad-input.test.ts): the schemas must cap lengths.
const hugeString = fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'x'.repeat(n));

export const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 4, arbitrary: nasty },
  { weight: 1, arbitrary: hugeString },
);

export const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 63), Number.MAX_SAFE_INTEGER),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), nasty), tie('value'), { maxKeys: 4 }),
  ),
}));

/** A random path segment: hostile text, a random UUID or anything. */
export const randomSegment = fc.oneof(nasty, fc.uuid(), fc.string({ maxLength: 30 }));

// ---- Values valid for a JSON Schema node, hostile in content ---------------------------------

function clampLength(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}

/** Strings of `min`–`max` UTF-16 units (as zod and JSON Schema count), mostly printable. */
function validString(min: number, max: number, sample: string): fc.Arbitrary<string> {
  const lo = Math.max(min, 1);
  const short = Math.max(lo, Math.min(max, 40));
  const atMax = [
    'x'.repeat(max), 'æ'.repeat(max), '💩'.repeat(Math.floor(max / 2)) || 'x', `${' '.repeat(Math.min(3, max))}${'y'.repeat(Math.max(0, max - 6))}   `.slice(0, max),
    "'".repeat(max), '\\'.repeat(max), '\ud800'.repeat(max),
  ].filter((candidate) => candidate.length >= lo && candidate.length <= max);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(sample) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: lo, maxLength: short }).map((s) => clampLength(s, max)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: lo, maxLength: short }).map((s) => clampLength(s, max)) },
    { weight: 3, arbitrary: printableNasty.map((s) => clampLength(s.length >= lo ? s : s.padEnd(lo, 'x'), max)) },
    { weight: 1, arbitrary: fc.tuple(printableNasty, fc.string({ unit: 'grapheme', maxLength: 10 })).map(([a, b]) => clampLength(`${b}${a}${b}`.padEnd(lo, 'x'), max)) },
    { weight: 1, arbitrary: atMax.length > 0 ? fc.constantFrom(...atMax) : fc.constant(sample) },
  );
}

function isoDay(offsetDays: number): string {
  const today = todayInCopenhagen();
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offsetDays);
  return date.toISOString().slice(0, 10);
}

/** Dates near today (either side), and some far-off ones. */
const validDate = fc.oneof(
  { weight: 2, arbitrary: fc.constant(todayInCopenhagen()) },
  { weight: 4, arbitrary: fc.integer({ min: -800, max: 800 }).map(isoDay) },
  { weight: 1, arbitrary: fc.constantFrom('1900-01-01', '1970-01-01', '2000-01-01', '2000-02-29', '2099-12-31', '2100-12-31', '9999-12-31', '0001-01-01', '0000-01-01') },
);

/** CPR numbers with a real date of birth (and the century digit that goes with it), with or without a separator. */
const validCpr = fc.oneof(
  { weight: 1, arbitrary: fc.constant(SAMPLE_CPR) },
  {
    weight: 4,
    arbitrary: fc
      .record({
        born: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${todayInCopenhagen()}T00:00:00Z`), noInvalidDate: true }),
        serial: fc.integer({ min: 0, max: 9999 }),
        separator: fc.constantFrom('', '', '-', ' '),
      })
      .map(({ born, serial, separator }) => {
        const year = born.getUTCFullYear();
        const seventh = year < 2000 ? serial % 4 : 4 + (serial % 6);
        const ddmmyy = `${String(born.getUTCDate()).padStart(2, '0')}${String(born.getUTCMonth() + 1).padStart(2, '0')}${String(year % 100).padStart(2, '0')}`;
        return `${ddmmyy}${separator}${seventh}${String(serial % 1000).padStart(3, '0')}`;
      }),
  },
);

const validEmail = fc.constantFrom(
  'test@kommune.example', 'a.b-c+d@sub.kommune.example', `${'a'.repeat(64)}@kommune.example`, 'x@y.dk', 'TEST@KOMMUNE.EXAMPLE', "o'brien@kommune.example",
);

interface Context {
  root: Json;
  candidates: Candidates;
}

function resolveRef(schema: Json, root: Json): Json {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 10; hops++) {
    let target: unknown = root;
    for (const part of current.$ref.replace(/^#\//, '').split('/')) target = (target as Json)?.[part];
    current = (target ?? {}) as Json;
  }
  return current;
}

function numberArbitrary(schema: Json, field: string, integer: boolean): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : -(2 ** 53 - 1);
  const max = typeof schema.maximum === 'number' ? schema.maximum : typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : 2 ** 53 - 1;
  const edges = [min, max, 0, 1, -1, 2, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 53 - 1].filter((n) => n >= min && n <= max);
  const near = fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) });
  const options: fc.WeightedArbitrary<number>[] = [
    { weight: 4, arbitrary: Math.max(min, -1000) <= Math.min(max, 1000) ? near : fc.constant(min) },
    { weight: 2, arbitrary: fc.constantFrom(...(edges.length > 0 ? edges : [min])) },
  ];
  if (!integer) options.push({ weight: 1, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }) });
  const numbers = fc.oneof(...options);
  // A version field mostly names the record's current version (replaced before sending).
  if (isVersionField(field) && CURRENT_VERSION >= min && CURRENT_VERSION <= max) return fc.oneof({ weight: 6, arbitrary: fc.constant(CURRENT_VERSION) }, { weight: 1, arbitrary: numbers });
  return numbers;
}

/** An arbitrary for one JSON Schema node (its value, or undefined where nothing fits). */
function arbitraryFor(node: Json | boolean, field: string, context: Context, sample: unknown, depth: number): fc.Arbitrary<unknown> {
  if (typeof node === 'boolean' || depth > 8) return fc.constant(sample);
  const schema = resolveRef(node, context.root);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key] as Json[] | undefined;
    if (Array.isArray(options) && options.length > 0) {
      const nonNull = options.filter((option) => resolveRef(option, context.root).type !== 'null');
      const arbitraries: fc.WeightedArbitrary<unknown>[] = nonNull.map((option) => ({ weight: 4, arbitrary: arbitraryFor(option, field, context, sample, depth + 1) }));
      if (nonNull.length < options.length) arbitraries.push({ weight: 1, arbitrary: fc.constant(null) });
      return arbitraries.length > 0 ? fc.oneof(...arbitraries) : fc.constant(null);
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return arbitraryFor(schema.allOf[0] as Json, field, context, sample, depth + 1);
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : (schema.type as string | undefined);
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
      const sampled = (sample && typeof sample === 'object' ? sample : {}) as Record<string, unknown>;
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) record[name] = arbitraryFor(property, name, context, sampled[name], depth + 1);
      return fc.record(record, { requiredKeys: Object.keys(record).filter((name) => required.has(name)) });
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : min + 4;
      const items = resolveRef((schema.items ?? {}) as Json, context.root);
      const itemSample = Array.isArray(sample) ? sample[0] : undefined;
      if (Array.isArray(items.enum) && items.enum.length > 0) {
        return fc.uniqueArray(fc.constantFrom(...(items.enum as unknown[])), { minLength: Math.min(min, items.enum.length), maxLength: Math.min(max, items.enum.length) });
      }
      return fc.array(arbitraryFor(items, field, context, itemSample, depth + 1), { minLength: min, maxLength: Math.min(max, min + 4) });
    }
    case 'string': {
      const fallback = typeof sample === 'string' ? sample : 'x';
      const known = context.candidates(field);
      const format = schema.format as string | undefined;
      if (format === 'uuid') {
        return known && known.length > 0 ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
      }
      if (format === 'email') return fc.oneof(fc.constant(fallback), validEmail);
      if (format === 'date' || (typeof schema.pattern === 'string' && schema.pattern.includes('\\d{4}-\\d{2}-\\d{2}'))) return validDate;
      if (format === 'date-time') return validDate.map((day) => `${day}T10:00:00.000Z`);
      if (/(^|[a-z])cpr$/i.test(field)) return validCpr;
      if (known && known.length > 0) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: validString(1, 100, fallback) });
      const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
      const max = typeof schema.maxLength === 'number' ? schema.maxLength : Math.max(min, 200);
      if (typeof schema.pattern === 'string') {
        let pattern: RegExp | null = null;
        try {
          pattern = new RegExp(schema.pattern, 'u');
        } catch {
          pattern = null;
        }
        if (pattern) {
          return fc.oneof(fc.constant(fallback), fc.stringMatching(pattern).map((s) => (s.length >= min && s.length <= max ? s : fallback)));
        }
      }
      return validString(min, max, fallback);
    }
    case 'integer':
      return numberArbitrary(schema, field, true);
    case 'number':
      return numberArbitrary(schema, field, false);
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constant(sample);
  }
}

/** Replaces every version number in a sample by CURRENT_VERSION (the sample says 1). */
function withCurrentVersion(sample: unknown, field = ''): unknown {
  if (Array.isArray(sample)) return sample.map((item) => withCurrentVersion(item, field));
  if (sample && typeof sample === 'object') {
    return Object.fromEntries(Object.entries(sample as Record<string, unknown>).map(([key, item]) => [key, withCurrentVersion(item, key)]));
  }
  return typeof sample === 'number' && isVersionField(field) ? CURRENT_VERSION : sample;
}

/** The sample for a schema with real ids (the first candidate of each field). */
export function validSample(schema: z.ZodType, candidates: Candidates): unknown {
  return withCurrentVersion(sampleFor(schema, (field) => candidates(field)?.[0]));
}

/**
 * `candidate` if the schema accepts it; else the candidate with each refused top-level field put
 * back to the sample's value (or left out if the sample has none); else the sample.
 */
function repaired(schema: z.ZodType, candidate: unknown, sample: unknown): unknown {
  const first = schema.safeParse(candidate);
  if (first.success) return candidate;
  if (candidate && typeof candidate === 'object' && !Array.isArray(candidate) && sample && typeof sample === 'object') {
    const fixed: Record<string, unknown> = { ...(candidate as Record<string, unknown>) };
    for (const issue of first.error.issues) {
      const key = issue.path[0];
      if (typeof key !== 'string') return sample;
      if (key in (sample as Record<string, unknown>)) fixed[key] = (sample as Record<string, unknown>)[key];
      else delete fixed[key];
    }
    if (schema.safeParse(fixed).success) return fixed;
  }
  return sample;
}

/**
 * Inputs the zod schema accepts (checked), with hostile but valid content, real ids from
 * `candidates` and CURRENT_VERSION for version numbers.
 */
export function validArbitrary(schema: z.ZodType, candidates: Candidates): fc.Arbitrary<unknown> {
  const json = jsonSchemaFor(schema);
  const sample = validSample(schema, candidates);
  const generated = arbitraryFor(json, '', { root: json, candidates }, sample, 0);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(sample) },
    { weight: 4, arbitrary: generated.map((candidate) => repaired(schema, candidate, sample)) },
    { weight: 2, arbitrary: fewOptionalKeys(json, sample, generated).map((candidate) => repaired(schema, candidate, sample)) },
  );
}

/**
 * The required keys and at most two of the optional ones, each the sample's value or a generated
 * one: bodies where each optional key means something (send "the fields of one rule") are rare
 * when every optional key is left out or in at random.
 */
function fewOptionalKeys(json: Json, sample: unknown, generated: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const properties = Object.keys((json.properties ?? {}) as Json);
  if (json.type !== 'object' || properties.length === 0 || !sample || typeof sample !== 'object') return generated;
  const required = new Set(Array.isArray(json.required) ? (json.required as string[]) : []);
  const optional = properties.filter((name) => !required.has(name));
  if (optional.length === 0) return generated;
  return fc
    .tuple(generated, fc.subarray(optional, { maxLength: Math.min(2, optional.length) }), fc.array(fc.boolean(), { minLength: properties.length, maxLength: properties.length }))
    .map(([candidate, chosen, fromSample]) => {
      const out: Record<string, unknown> = {};
      properties.forEach((name, index) => {
        if (!required.has(name) && !chosen.includes(name)) return;
        const pool = fromSample[index] ? (sample as Record<string, unknown>) : ((candidate ?? {}) as Record<string, unknown>);
        const item = name in pool ? pool[name] : (sample as Record<string, unknown>)[name];
        if (item !== undefined) out[name] = item;
      });
      return out;
    });
}

/** Bodies shaped like the schema: its own keys with hostile values (of any type), some missing, some extra. */
export function schemaShaped(schema: z.ZodType | undefined, candidates: Candidates): fc.Arbitrary<unknown> {
  const sample = schema ? validSample(schema, candidates) : {};
  if (!sample || typeof sample !== 'object' || Array.isArray(sample)) return value;
  const keys = Object.keys(sample as object);
  if (keys.length === 0) return value;
  return fc
    .record(Object.fromEntries(keys.map((key) => [key, fc.oneof(value, fc.constant((sample as Record<string, unknown>)[key]))])), { requiredKeys: [] })
    .chain((record) => fc.oneof(fc.constant(record), fc.record({ extra: value }).map((extra) => ({ ...record, ...extra }))));
}

/** A query string's values from a valid query object (arrays repeat the key). */
export function queryValues(query: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!query || typeof query !== 'object') return out;
  for (const [key, item] of Object.entries(query as Record<string, unknown>)) {
    if (item === undefined) continue;
    out[key] = Array.isArray(item) ? item.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))) : typeof item === 'string' ? item : JSON.stringify(item);
  }
  return out;
}
