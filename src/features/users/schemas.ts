import { z } from 'zod';
import { PROFESSIONAL_GROUPS, ROLES } from '../../platform/access/roles.js';
import { Timestamp } from '../../platform/api/types.js';
import { INT4_MAX, optionalText, strictNumber, text } from '../../platform/http/validation.js';

const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);

const fields = {
  /** Display name shown to colleagues. */
  displayName: text(200).describe('Full name shown to colleagues.'),
  /** Work e-mail; used to match logins through the municipality's identity provider. */
  email: z.preprocess(emptyToUndefined, z.email({ error: 'validation.invalidEmail' }).max(200).toLowerCase().optional()).describe('Work e-mail address (used for OIDC matching).'),
  role: z.enum(ROLES, { error: 'validation.invalidChoice' }).describe('What the user may do.'),
  teamId: z.preprocess(emptyToUndefined, z.uuid({ error: 'validation.invalidChoice' }).optional()).describe('The team (department) the user works in.'),
  professionalGroup: z.preprocess(emptyToUndefined, z.enum(PROFESSIONAL_GROUPS, { error: 'validation.invalidChoice' }).optional()).describe('Professional group: decides which action plan the user sees.'),
};

export const UserCreate = z.object({
  username: z
    .string({ error: 'validation.required' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._@-]{1,99}$/, 'validation.usernameFormat')
    .describe('Login name: lower-case letters, digits and . _ @ -'),
  ...fields,
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.object({
  ...fields,
  version: strictNumber(z.coerce.number({ error: 'validation.versionMissing' }).int().min(1).max(INT4_MAX)).describe('The version you read; a different current version answers 409.'),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const User = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.enum(ROLES),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  professionalGroup: z.enum(PROFESSIONAL_GROUPS).nullable(),
  active: z.boolean(),
  secondFactorEnrolled: z.boolean(),
  hasPassword: z.boolean(),
  oidcLinked: z.boolean(),
  version: z.number().int(),
  createdAt: Timestamp,
});
export type User = z.input<typeof User>;

export const UserListQuery = z.object({
  q: optionalText(100).describe('Filter by name or user name.'),
  includeInactive: z.preprocess((value) => value === 'true' || value === '1' || value === 'on', z.boolean()).optional(),
});
