/** Calibration forms: a vignette, a new round. Answers reuse the screening form's schema. */
import { z } from 'zod';
import { PROFESSIONAL_GROUPS } from '../../platform/access/roles.js';
import { formArray, formInteger, optionalText, text, versionField } from '../../platform/http/validation.js';

/** Several checkboxes: each value once, so a count means different choices. */
function distinct<T extends string>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Ids compared in lower case (a UUID may be written in either case). */
function distinctIds(values: string[]): string[] {
  return distinct(values.map((value) => value.toLowerCase()));
}

const level = z.preprocess(
  formInteger,
  z.number({ error: 'calibration.vignette.levelRequired' }).int('calibration.vignette.levelRequired').min(0, 'calibration.vignette.levelRequired').max(3, 'calibration.vignette.levelRequired'),
);

export const VignetteInput = z.object({
  title: text(200).describe('A short title, e.g. "Lejrskolen".'),
  body: text(5000, { min: 20 }).describe('The fictional case, in a few sentences.'),
  expectedLevel: level.describe('The level the unit considers right (0–3).'),
  teachingNote: optionalText(3000).describe('What the unit wants to teach with the vignette; shown with the results.'),
});
export type VignetteInput = z.output<typeof VignetteInput>;

export const VignetteUpdate = VignetteInput.extend({
  version: versionField,
  archived: z.preprocess((value) => value === 'on' || value === 'true' || value === true, z.boolean()),
});

export const RoundInput = z.object({
  name: text(200).describe('E.g. "Efterår 2026".'),
  groups: formArray(z.enum(PROFESSIONAL_GROUPS, { error: 'validation.invalidChoice' })).transform(distinct)
    .pipe(z.array(z.enum(PROFESSIONAL_GROUPS)).min(1, 'calibration.round.groupsRequired')),
  /** Duplicates are removed before the minimum is checked: agreement needs two different vignettes. */
  vignetteIds: formArray(z.uuid({ error: 'validation.invalidChoice' })).transform(distinctIds)
    .pipe(z.array(z.uuid()).min(2, 'calibration.round.vignettesRequired').max(300, 'calibration.round.tooManyVignettes')),
});
export type RoundInput = z.output<typeof RoundInput>;

export interface Vignette {
  id: string;
  title: string;
  body: string;
  expectedLevel: number;
  teachingNote: string | null;
  archived: boolean;
  version: number;
  createdAt: Date;
}

export interface Round {
  id: string;
  name: string;
  instrumentId: string;
  groups: string[];
  status: 'open' | 'closed';
  createdAt: Date;
  closedAt: Date | null;
  answersVersion: number;
  version: number;
  vignettes: number;
  /** How many of the vignettes the actor has answered. */
  answered: number;
}

export interface RoundVignette {
  id: string;
  position: number;
  title: string;
  body: string;
  expectedLevel: number;
  answered: boolean;
}
