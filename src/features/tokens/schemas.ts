import { z } from 'zod';
import { TOKEN_SCOPES } from '../../platform/access/roles.js';
import { Timestamp } from '../../platform/api/types.js';
import { formArray, strictNumber, text } from '../../platform/http/validation.js';

export const TokenCreate = z.object({
  name: text(100).describe('What the key is for.'),
  scopes: formArray(z.enum(TOKEN_SCOPES, { error: 'validation.invalidChoice' })).pipe(z.array(z.enum(TOKEN_SCOPES)).min(1, 'validation.required')).describe('read, write and/or admin (admin only for administrators).'),
  expiresInDays: strictNumber(z.coerce.number({ error: 'validation.invalid' }).int('validation.invalid').min(1, 'validation.tooSmall').max(365, 'validation.tooBig')).describe('Days until the key expires (1–365).'),
});
export type TokenCreate = z.infer<typeof TokenCreate>;

export const Token = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  expiresAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Token = z.input<typeof Token>;
