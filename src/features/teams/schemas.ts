import { z } from 'zod';
import { TEAM_KINDS } from '../../platform/access/roles.js';
import { INT4_MAX, strictNumber, text } from '../../platform/http/validation.js';

/** A team: a department or an organisation whose users share access to cases. */
export const TeamInput = z.object({
  /** Display name, unique in the municipality. */
  name: text(200).describe('Display name, unique within the municipality.'),
  /** What kind of department it is; decides which lists and plans apply. */
  kind: z.enum(TEAM_KINDS, { error: 'validation.invalidChoice' }).describe('Kind of department.'),
});
export type TeamInput = z.infer<typeof TeamInput>;

export const TeamUpdate = TeamInput.extend({
  active: z.boolean().describe('Inactive teams are hidden from pickers.'),
  version: strictNumber(z.coerce.number().int().min(1).max(INT4_MAX)).describe('The version you read; a different current version answers 409.'),
});

export const Team = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(TEAM_KINDS),
  active: z.boolean(),
  version: z.number().int(),
  members: z.number().int().describe('Active users in the team.'),
});
export type Team = z.infer<typeof Team>;
