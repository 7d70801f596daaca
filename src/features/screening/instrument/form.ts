/**
 * The administrator's draft form maps every text of a definition to one flat form field
 * (`domain3_step2_en`), and back. Keys and structure come from the draft itself, so only
 * wording and rule thresholds can change.
 */
import { z } from 'zod';
import { ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { optionalText, parseOrThrow, versionField } from '../../../platform/http/validation.js';
import { InstrumentDefinition, type LocalText } from './definition.js';

const LANGS = ['da', 'en'] as const;

/** Every text field of a definition: its form name, its path in the definition, its current value. */
export function textFields(definition: InstrumentDefinition): { name: string; path: (string | number)[]; value: string }[] {
  const fields: { name: string; path: (string | number)[]; value: string }[] = [];
  const add = (prefix: string, path: (string | number)[], text: LocalText) => {
    for (const lang of LANGS) fields.push({ name: `${prefix}_${lang}`, path: [...path, lang], value: text[lang] });
  };
  definition.domains.forEach((domain, d) => {
    add(`domain${d}_title`, ['domains', d, 'title'], domain.title);
    add(`domain${d}_help`, ['domains', d, 'help'], domain.help);
    domain.steps.forEach((step, s) => add(`domain${d}_step${s}`, ['domains', d, 'steps', s], step));
  });
  definition.redFlags.forEach((flag, f) => {
    add(`flag${f}_label`, ['redFlags', f, 'label'], flag.label);
    add(`flag${f}_help`, ['redFlags', f, 'help'], flag.help);
  });
  definition.relations.forEach((relation, r) => add(`relation${r}_label`, ['relations', r, 'label'], relation.label));
  definition.levels.forEach((level, l) => {
    add(`level${l}_name`, ['levels', l, 'name'], level.name);
    add(`level${l}_explanation`, ['levels', l, 'explanation'], level.explanation);
  });
  return fields;
}

const RULE_FIELDS = ['severeStep', 'substantialStep', 'substantialCount', 'concernStep'] as const;

/** The form's values for a definition (what the edit page shows first). */
export function formValues(definition: InstrumentDefinition, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const values: Record<string, unknown> = { ...extra };
  for (const field of textFields(definition)) values[field.name] = field.value;
  for (const key of RULE_FIELDS) values[`rule_${key}`] = String(definition.levelRule[key]);
  return values;
}

const Meta = z.object({
  version: versionField,
  changeNote: optionalText(2000),
});

/** Reads a posted draft form into a definition, or throws a ValidationError naming form fields. */
export function definitionFromForm(base: InstrumentDefinition, body: Record<string, unknown>): { definition: InstrumentDefinition; version: number; changeNote?: string } {
  const meta = parseOrThrow(Meta, body);
  const draft = structuredClone(base) as unknown as Record<string, unknown>;
  const fields = textFields(base);
  for (const field of fields) {
    let target = draft as Record<string | number, unknown>;
    for (const key of field.path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    const value = body[field.name];
    target[field.path[field.path.length - 1]] = typeof value === 'string' ? value : '';
  }
  draft.levelRule = Object.fromEntries(RULE_FIELDS.map((key) => [key, toNumber(body[`rule_${key}`])]));
  const result = InstrumentDefinition.safeParse(draft);
  if (!result.success) {
    const byPath = new Map(fields.map((field) => [field.path.join('.'), field.name]));
    const errors: FieldError[] = result.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      const name = path.startsWith('levelRule.') ? `rule_${path.slice('levelRule.'.length)}` : byPath.get(path) ?? '_form';
      const messageKey = /^[a-z]+(\.[A-Za-z0-9_]+)+$/.test(issue.message) ? issue.message : 'validation.invalid';
      const params: Record<string, number> = 'maximum' in issue ? { max: Number(issue.maximum) } : {};
      return { field: name, messageKey, params };
    });
    throw new ValidationError(errors);
  }
  return { definition: result.data, version: meta.version, changeNote: meta.changeNote };
}

/** A form's number field: empty is missing, anything not numeric stays visibly wrong (NaN). */
function toNumber(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return Number(value.trim());
}

export { RULE_FIELDS };
