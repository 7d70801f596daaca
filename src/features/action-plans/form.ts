/**
 * The plan editor works without JavaScript: each step is a row of plain fields
 * (`step3_kind`, `step3_da`, …) plus three empty rows for new steps; a row left empty is
 * dropped. Existing steps keep their key, so their feedback follows them to the new version.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ValidationError, type FieldError } from '../../platform/http/errors.js';
import { parseOrThrow, strictNumber, text, versionField } from '../../platform/http/validation.js';
import { DEADLINE_UNITS, STEP_KINDS, type PlanStep } from './schemas.js';

export const EMPTY_ROWS = 3;
const MAX_STEPS = 40;
/** The most rows the editor ever reads or draws. */
export const MAX_ROWS = MAX_STEPS + EMPTY_ROWS;
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const Meta = z.object({
  version: versionField,
  changeNote: text(2000),
  rows: strictNumber(z.coerce.number().int().min(0).max(MAX_ROWS)),
});

/**
 * How many step rows the editor draws for `values` (the posted form when it is shown again):
 * the posted count when it is valid, else enough rows for the plan and for every row the user
 * typed in, never more than MAX_ROWS. A posted number never sizes the page by itself.
 */
export function editorRowCount(values: Record<string, unknown>, planSteps: number): number {
  const posted = values.rows;
  const count = typeof posted === 'string' && /^\d{1,3}$/.test(posted.trim()) ? Number(posted) : typeof posted === 'number' ? posted : NaN;
  if (Number.isInteger(count) && count >= 0 && count <= MAX_ROWS) return count;
  let highest = -1;
  for (const name of Object.keys(values)) {
    const match = /^step(\d{1,3})_/.exec(name);
    const index = match ? Number(match[1]) : -1;
    if (index > highest && index < MAX_ROWS && typeof values[name] === 'string' && values[name] !== '') highest = index;
  }
  return Math.min(MAX_ROWS, Math.max(planSteps + EMPTY_ROWS, highest + 1));
}

/** The form values for a plan's steps (what the editor shows first). */
export function stepFormValues(steps: readonly PlanStep[]): Record<string, string> {
  const values: Record<string, string> = { rows: String(steps.length + EMPTY_ROWS) };
  steps.forEach((step, i) => {
    values[`step${i}_key`] = step.key;
    values[`step${i}_kind`] = step.kind;
    values[`step${i}_da`] = step.text.da;
    values[`step${i}_en`] = step.text.en;
    values[`step${i}_amount`] = step.deadline ? String(step.deadline.amount) : '';
    values[`step${i}_unit`] = step.deadline?.unit ?? '';
  });
  return values;
}

function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Reads the posted editor into steps, or throws a ValidationError naming the fields. */
export function stepsFromForm(body: Record<string, unknown>): { version: number; changeNote: string; steps: PlanStep[] } {
  const meta = parseOrThrow(Meta, body);
  const errors: FieldError[] = [];
  const steps: PlanStep[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < meta.rows; i++) {
    const da = field(body, `step${i}_da`);
    const en = field(body, `step${i}_en`);
    const amountText = field(body, `step${i}_amount`);
    const unit = field(body, `step${i}_unit`);
    if (da === '' && en === '') continue; // an empty row: a removed or unused step
    const kind = field(body, `step${i}_kind`);
    if (!(STEP_KINDS as readonly string[]).includes(kind)) errors.push({ field: `step${i}_kind`, messageKey: 'validation.invalidChoice' });
    if (da === '') errors.push({ field: `step${i}_da`, messageKey: 'plans.edit.danishRequired' });
    for (const [name, value] of [[`step${i}_da`, da], [`step${i}_en`, en]] as const) {
      if (value.length > 1500) errors.push({ field: name, messageKey: 'validation.tooLong', params: { max: 1500 } });
      if (CONTROL_CHARACTERS.test(value)) errors.push({ field: name, messageKey: 'validation.controlCharacters' });
    }
    let deadline: PlanStep['deadline'];
    if (amountText !== '' || unit !== '') {
      const amount = Number(amountText);
      if (!Number.isInteger(amount) || amount < 1 || amount > 365) errors.push({ field: `step${i}_amount`, messageKey: 'plans.edit.deadlineAmount' });
      else if (!(DEADLINE_UNITS as readonly string[]).includes(unit)) errors.push({ field: `step${i}_unit`, messageKey: 'plans.edit.deadlineUnit' });
      else deadline = { amount, unit: unit as (typeof DEADLINE_UNITS)[number] };
    }
    const givenKey = field(body, `step${i}_key`);
    const key = /^[a-z0-9-]{1,60}$/.test(givenKey) && !seen.has(givenKey) ? givenKey : `s-${randomBytes(4).toString('hex')}`;
    seen.add(key);
    steps.push({ key, kind: kind as PlanStep['kind'], text: { da, en }, ...(deadline ? { deadline } : {}) });
  }
  if (steps.length === 0 && errors.length === 0) errors.push({ field: 'step0_da', messageKey: 'plans.edit.atLeastOne' });
  if (steps.length > MAX_STEPS) errors.push({ field: '_form', messageKey: 'plans.edit.tooMany', params: { max: MAX_STEPS } });
  if (errors.length > 0) throw new ValidationError(errors);
  return { version: meta.version, changeNote: meta.changeNote, steps };
}
