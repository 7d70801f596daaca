/**
 * The visitor's side of an anonymous conversation: start one (and get the pickup code once),
 * open it again with the code, and reply. Nothing identifying is asked for or stored: the
 * code only as a keyed hash, the text only encrypted, and no client address anywhere.
 * Every read and write is audited (actor "anonymous", no details beyond identifiers).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Tx } from '../../db/database.js';
import { recordAudit, type AuditEvent } from '../../platform/audit/events.js';
import type { AppDeps } from '../../platform/deps.js';
import type { Tenant } from '../../platform/tenants.js';
import type { CitizenKey } from './catalogs/index.js';
import type { SiteDocument } from './document.js';
import type { CitizenLang } from './languages.js';
import { decryptMessage, encryptContact, encryptMessage, type Author } from './message-crypto.js';
import { generatePickupCode, normalizePickupCode, pickupCodeHash } from './pickup-code.js';
import { inboxTeamId } from './site-content.js';

export const MESSAGE_MAX_LENGTH = 5000;
export const CONTACT_MAX_LENGTH = 300;

/** What a citizen-site request works in: one transaction in the tenant, no user. */
export interface CitizenScope {
  tx: Tx;
  deps: AppDeps;
  tenant: Tenant;
  lang: CitizenLang;
  requestId: string;
  audit(event: Omit<AuditEvent, 'tenantId' | 'actorKind' | 'actorUserId' | 'requestId'>): Promise<void>;
}

export function createCitizenScope(input: Omit<CitizenScope, 'audit'>): CitizenScope {
  return {
    ...input,
    audit: (event) => recordAudit(input.tx, { ...event, tenantId: input.tenant.id, actorKind: 'anonymous', actorUserId: null, requestId: input.requestId }),
  };
}

/** A field's problem, as a key of the citizen catalogs. */
export interface CitizenFieldError {
  field: string;
  key: CitizenKey;
  params?: Record<string, string | number>;
}

export class CitizenValidationError extends Error {
  constructor(readonly fields: CitizenFieldError[]) {
    super('citizen validation');
  }
}

// Control characters other than tab, newline and carriage return are refused; invisible
// formatting characters alone do not make a message.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const INVISIBLE = /[\s\u200B-\u200F\u2028-\u202F\u2060-\u206F\uFEFF]/g;

function messageText(max: number, requiredKey: CitizenKey) {
  return z
    .string({ error: requiredKey })
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .refine((value) => value.replace(INVISIBLE, '').length > 0, requiredKey)
    .refine((value) => value.length <= max, 'validation.tooLong')
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'validation.controlCharacters');
}

export const NewMessageInput = z.object({
  message: messageText(MESSAGE_MAX_LENGTH, 'validation.required'),
  contact: z.preprocess(
    (value) => (typeof value === 'string' && value.replace(INVISIBLE, '') === '' ? undefined : value),
    messageText(CONTACT_MAX_LENGTH, 'validation.required').optional(),
  ),
});
export type NewMessageInput = z.infer<typeof NewMessageInput>;

export const ReplyInput = z.object({
  code: z.string({ error: 'validation.codeRequired' }).max(200, 'validation.invalid'),
  message: messageText(MESSAGE_MAX_LENGTH, 'validation.required'),
});

const MAX_PARAMS: Record<string, number> = { message: MESSAGE_MAX_LENGTH, contact: CONTACT_MAX_LENGTH };

/** Parses a posted form into `schema` or throws the fields' problems as catalog keys. */
export function parseCitizenForm<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body && typeof body === 'object' ? body : {});
  if (result.success) return result.data;
  const seen = new Set<string>();
  const fields: CitizenFieldError[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    const key = /^(validation|message)\.[A-Za-z]+$/.test(issue.message) ? (issue.message as CitizenKey) : 'validation.invalid';
    fields.push({ field, key, params: key === 'validation.tooLong' ? { max: MAX_PARAMS[field] ?? 0 } : undefined });
  }
  throw new CitizenValidationError(fields);
}

/** No unit team can receive messages: the form says so instead of accepting text. */
export class InboxUnavailableError extends Error {}

async function insertMessage(scope: CitizenScope, conversationId: string, author: Author, text: string): Promise<string> {
  const messageId = randomUUID();
  const bodyEnc = encryptMessage(scope.deps.keys, { tenantId: scope.tenant.id, conversationId, messageId, author }, text);
  await scope.tx.query(
    'insert into citizen_messages (id, tenant_id, conversation_id, author, body_enc) values ($1, $2, $3, $4, $5)',
    [messageId, scope.tenant.id, conversationId, author, bodyEnc],
  );
  return messageId;
}

/** Starts a conversation; returns the pickup code, which is never stored and shown once. */
export async function startConversation(scope: CitizenScope, document: SiteDocument, input: NewMessageInput): Promise<{ code: string; conversationId: string }> {
  const teamId = await inboxTeamId(scope.tx, document);
  if (!teamId) throw new InboxUnavailableError();
  const conversationId = randomUUID();
  const code = generatePickupCode();
  const codeHash = pickupCodeHash(scope.deps.keys, scope.tenant.id, normalizePickupCode(code)!);
  const contactEnc = input.contact ? encryptContact(scope.deps.keys, scope.tenant.id, conversationId, input.contact) : null;
  await scope.tx.query(
    `insert into citizen_conversations (id, tenant_id, team_id, code_hash, language, contact_enc, expires_at)
     values ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))`,
    [conversationId, scope.tenant.id, teamId, codeHash, scope.lang, contactEnc, document.settings.retentionDays],
  );
  const messageId = await insertMessage(scope, conversationId, 'citizen', input.message);
  await scope.audit({ action: 'citizen.conversation.create', entityType: 'citizen_conversation', entityId: conversationId, details: { messageId, withContact: Boolean(contactEnc) } });
  return { code, conversationId };
}

export interface VisitorMessage {
  id: string;
  author: Author;
  text: string;
  createdAt: Date;
}

export interface VisitorConversation {
  id: string;
  status: 'open' | 'closed';
  expiresAt: Date;
  messages: VisitorMessage[];
}

/**
 * The conversation behind a code, or null (wrong, malformed or expired code). A code that opens
 * nothing is written down as a refused attempt (without the code), so guessing shows in the log.
 */
export async function openConversation(scope: CitizenScope, code: string): Promise<VisitorConversation | null> {
  const normalized = normalizePickupCode(code);
  const { rows } = normalized
    ? await scope.tx.query<{ id: string; status: 'open' | 'closed'; expires_at: Date }>(
      'select id::text, status, expires_at from citizen_conversations where code_hash = $1 and expires_at > now()',
      [pickupCodeHash(scope.deps.keys, scope.tenant.id, normalized)],
    )
    : { rows: [] };
  const row = rows[0];
  if (!row) {
    await scope.audit({ action: 'citizen.conversation.read_by_code', outcome: 'denied', entityType: 'citizen_conversation', details: { reason: normalized ? 'unknown_code' : 'malformed_code' } });
    return null;
  }
  const messages = await scope.tx.query<{ id: string; author: Author; body_enc: string; created_at: Date }>(
    'select id::text, author, body_enc, created_at from citizen_messages where conversation_id = $1 order by created_at, id',
    [row.id],
  );
  await scope.audit({ action: 'citizen.conversation.read_by_code', entityType: 'citizen_conversation', entityId: row.id });
  return {
    id: row.id,
    status: row.status,
    expiresAt: new Date(row.expires_at),
    messages: messages.rows.map((message) => ({
      id: message.id,
      author: message.author,
      createdAt: new Date(message.created_at),
      text: decryptMessage(scope.deps.keys, { tenantId: scope.tenant.id, conversationId: row.id, messageId: message.id, author: message.author }, message.body_enc),
    })),
  };
}

/** The visitor answers; the conversation's clock starts again. Null for a wrong code. */
export async function replyAsVisitor(scope: CitizenScope, document: SiteDocument, code: string, text: string): Promise<VisitorConversation | null | 'closed'> {
  const conversation = await openConversation(scope, code);
  if (!conversation) return null;
  if (conversation.status === 'closed') return 'closed';
  const messageId = await insertMessage(scope, conversation.id, 'citizen', text);
  await scope.tx.query(
    `update citizen_conversations set awaiting = 'staff', last_activity_at = now(),
            expires_at = now() + make_interval(days => $2), version = version + 1 where id = $1`,
    [conversation.id, document.settings.retentionDays],
  );
  await scope.audit({ action: 'citizen.conversation.reply', entityType: 'citizen_conversation', entityId: conversation.id, details: { messageId } });
  return openConversation(scope, code);
}
