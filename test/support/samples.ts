/**
 * A plausible valid value for a route's zod schema, built from its JSON Schema: the sweeps send
 * bodies that would succeed if access were granted, so "nothing changed" means something.
 * Ids come from `ids` by field name (`teamId` → a team), so a body can point at real rows.
 */
import { z } from 'zod';

type Json = Record<string, unknown>;

export type IdLookup = (field: string) => string | undefined;

function pick<T>(list: T[] | undefined): T | undefined {
  return list && list.length > 0 ? list[0] : undefined;
}

/** Today in Copenhagen (YYYY-MM-DD): a date both "not in the future" and "not before today" accept. */
export function todayInCopenhagen(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
}

/** A CPR number that passes the platform's check (a real date of birth, 15 March 2012, not in the future). */
export const SAMPLE_CPR = '1503124321';

function sampleString(schema: Json, field: string, ids: IdLookup): string {
  const format = schema.format as string | undefined;
  if (format === 'uuid') return ids(field) ?? '00000000-0000-4000-8000-000000000000';
  if (format === 'email') return 'test@kommune.example';
  if (format === 'date') return todayInCopenhagen();
  if (format === 'date-time') return `${todayInCopenhagen()}T10:00:00.000Z`;
  // Refinements JSON Schema cannot express: a CPR number, a date given as a pattern.
  if (/(^|[a-z])cpr$/i.test(field)) return SAMPLE_CPR;
  if (typeof schema.pattern === 'string' && schema.pattern.includes('\\d{4}-\\d{2}-\\d{2}')) return todayInCopenhagen();
  // A calendar year's first or last day (the hidden-number page's period).
  if (typeof schema.pattern === 'string' && /-01-01\$$|-12-31\$$/.test(schema.pattern)) return `${todayInCopenhagen().slice(0, 4)}${schema.pattern.slice(-7, -1)}`;
  if (typeof schema.pattern === 'string' && /\^\[a-z0-9\]/.test(schema.pattern)) return 'test.bruger';
  if (typeof schema.pattern === 'string' && /\\d\{6\}/.test(schema.pattern)) return '123456';
  const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 200;
  const text = 'Testværdi til adgangstest';
  return text.length >= min ? text.slice(0, Math.max(min, Math.min(max, text.length))) : text.padEnd(min, 'x');
}

/** A value for one JSON Schema node. */
export function sampleFromJsonSchema(schema: Json | boolean, ids: IdLookup, field = '', root: Json = schema as Json, depth = 0): unknown {
  if (typeof schema === 'boolean' || depth > 8) return undefined;
  if (typeof schema.$ref === 'string') {
    const path = schema.$ref.replace(/^#\//, '').split('/');
    let target: unknown = root;
    for (const part of path) target = (target as Json)?.[part];
    return sampleFromJsonSchema(target as Json, ids, field, root, depth + 1);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return pick(schema.enum as unknown[]);
  if (schema.default !== undefined) return schema.default;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = (schema[key] as Json[] | undefined)?.filter((option) => option.type !== 'null');
    if (options?.length) return sampleFromJsonSchema(options[0], ids, field, root, depth + 1);
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : (schema.type as string | undefined);
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) {
        const value = sampleFromJsonSchema(property, ids, name, root, depth + 1);
        if (value !== undefined) out[name] = value;
      }
      return out;
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 1;
      const items = (schema.items ?? {}) as Json;
      // Different choices where the items are a choice (lists often refuse duplicates).
      if (Array.isArray(items.enum) && items.enum.length >= min) return (items.enum as unknown[]).slice(0, Math.max(1, min));
      const item = sampleFromJsonSchema(items, ids, field, root, depth + 1);
      return item === undefined ? [] : Array.from({ length: Math.max(1, min) }, () => item);
    }
    case 'string':
      return sampleString(schema, field, ids);
    case 'integer':
    case 'number': {
      if (/version/i.test(field)) return 1;
      const min = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 1;
      const max = typeof schema.maximum === 'number' ? schema.maximum : min + 10;
      return Math.min(Math.max(min, 1), max);
    }
    case 'boolean':
      return true;
    default:
      return undefined;
  }
}

/** The JSON Schema of a zod schema's input side (before transforms), as the samples read it. */
export function jsonSchemaFor(schema: z.ZodType): Json {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
}

/** A plausible valid input for a zod schema (the input side: before transforms). */
export function sampleFor(schema: z.ZodType, ids: IdLookup): unknown {
  const json = jsonSchemaFor(schema);
  return sampleFromJsonSchema(json, ids, '', json);
}

/** A form body that fits most of the platform's forms (pages declare no schema). */
export function kitchenSinkForm(csrf: string | null): Record<string, string> {
  return {
    ...(csrf ? { _csrf: csrf } : {}),
    name: 'Adgangstest', username: 'adgang.test', displayName: 'Adgang Test', email: 'adgang@kommune.example',
    role: 'admin', kind: 'unit', active: 'on', version: '1', scopes: 'read', expiresInDays: '30',
    title: 'Adgangstest', text: 'Adgangstest', description: 'Adgangstest', note: 'Adgangstest', q: 'test',
  };
}
