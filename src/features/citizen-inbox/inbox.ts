/**
 * The unit's inbox of anonymous citizen conversations: list, read, answer, close or reopen,
 * and turn a conversation into an inquiry (issue 3's `createInquiry`, source "citizen_site",
 * no identity). Team-scoped by the policy; tenant-scoped by row-level security. Every read and
 * write is audited; message text never reaches the audit log or the log.
 */
import { randomUUID } from 'node:crypto';
import { defineRead, runRead, type Read } from '../../db/reads.js';
import { authorize } from '../../platform/access/policy.js';
import { ConflictError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import type { CitizenLang } from '../citizen/languages.js';
import { decryptContact, decryptMessage, encryptMessage, type Author } from '../citizen/message-crypto.js';
import { publishedDocument } from '../citizen/site-content.js';
import { createInquiry } from '../inquiries/use-cases.js';
import { conversationPolicy, type ConversationAction } from './policy.js';

export interface ConversationSummary {
  id: string;
  teamId: string;
  language: CitizenLang;
  status: 'open' | 'closed';
  awaiting: 'staff' | 'citizen';
  createdAt: Date;
  lastActivityAt: Date;
  expiresAt: Date;
  messageCount: number;
  inquiryId: string | null;
  version: number;
}

export interface ConversationMessage {
  id: string;
  author: Author;
  authorName: string | null;
  text: string;
  createdAt: Date;
}

export interface ConversationDetail extends ConversationSummary {
  contact: string | null;
  messages: ConversationMessage[];
}

const SELECT = `select c.id::text, c.team_id::text as "teamId", c.language, c.status, c.awaiting, c.created_at as "createdAt",
  c.last_activity_at as "lastActivityAt", c.expires_at as "expiresAt", c.inquiry_id::text as "inquiryId", c.version,
  (select count(*)::int from citizen_messages m where m.conversation_id = c.id) as "messageCount"
  from citizen_conversations c`;

/** The actor's team's conversations, those waiting for a reply first. */
export async function listConversations(scope: Scope, filter: { status: 'open' | 'closed' }): Promise<ConversationSummary[]> {
  const actor = scope.user();
  authorize(conversationPolicy, actor, 'list', null, { entityType: 'citizen_conversation' });
  const { rows } = await scope.tx.query<ConversationSummary>(
    `${SELECT} where c.team_id = $1 and c.status = $2 and c.expires_at > now()
      order by (c.awaiting = 'staff') desc, c.last_activity_at desc limit 500`,
    [actor.teamId, filter.status],
  );
  await scope.audit({ action: 'citizen.inbox.list', entityType: 'citizen_conversation', details: { count: rows.length, status: filter.status } });
  return rows;
}

/** How many conversations of the actor's team wait for a reply (for the home page). */
/** How many open conversations wait for the team's reply. */
export function awaitingReplyCountRead(scope: Scope): Read<number> {
  const actor = scope.user();
  authorize(conversationPolicy, actor, 'list', null, { entityType: 'citizen_conversation' });
  return defineRead<{ count: number }, number>({
    sql: "select count(*)::int as count from citizen_conversations where team_id = $1 and status = 'open' and awaiting = 'staff' and expires_at > now()",
    params: [actor.teamId],
    finish: (rows) => rows[0].count,
  });
}

/**
 * The conversation, if the actor may do `action` with it; otherwise the audited 404, the same
 * for one that is missing, expired or another team's (so neither the answer nor the time it
 * takes tells them apart).
 */
async function requireConversation(scope: Scope, id: string, action: ConversationAction): Promise<ConversationSummary> {
  const { rows } = await scope.tx.query<ConversationSummary>(`${SELECT} where c.id = $1 and c.expires_at > now()`, [id]);
  const found = rows[0] ?? null;
  authorize(conversationPolicy, scope.user(), action, found, { entityType: 'citizen_conversation', entityId: id });
  return found!;
}

/** One conversation with its messages decrypted; 404 outside the actor's team. */
export async function getConversation(scope: Scope, id: string): Promise<ConversationDetail> {
  const found = await requireConversation(scope, id, 'read');
  const tenantId = scope.tenant.id;
  const { keys } = scope.deps;
  const contact = await scope.tx.query<{ contact_enc: string | null }>('select contact_enc from citizen_conversations where id = $1', [id]);
  const { rows } = await scope.tx.query<{ id: string; author: Author; author_name: string | null; body_enc: string; created_at: Date }>(
    `select m.id::text, m.author, u.display_name as author_name, m.body_enc, m.created_at
       from citizen_messages m left join users u on u.id = m.author_user_id
      where m.conversation_id = $1 order by m.created_at, m.id`,
    [id],
  );
  await scope.audit({ action: 'citizen.conversation.read', entityType: 'citizen_conversation', entityId: id });
  const sealedContact = contact.rows[0]?.contact_enc;
  return {
    ...found,
    contact: sealedContact ? decryptContact(keys, tenantId, id, sealedContact) : null,
    messages: rows.map((row) => ({
      id: row.id,
      author: row.author,
      authorName: row.author_name,
      createdAt: new Date(row.created_at),
      text: decryptMessage(keys, { tenantId, conversationId: id, messageId: row.id, author: row.author }, row.body_enc),
    })),
  };
}

async function retentionDays(scope: Scope): Promise<number> {
  return (await publishedDocument(scope.tx)).settings.retentionDays;
}

/** An adviser answers; the visitor's deletion clock starts again. */
export async function answerConversation(scope: Scope, id: string, input: { message: string; version: number }): Promise<void> {
  const actor = scope.user();
  const found = await requireConversation(scope, id, 'answer');
  // Closed by a colleague while the reply was being written: the page says so and shows the text.
  if (found.status === 'closed') throw new ConflictError('citizeninbox.closedMeanwhile');
  const messageId = randomUUID();
  const { rowCount } = await scope.tx.query(
    `update citizen_conversations set awaiting = 'citizen', last_activity_at = now(), expires_at = now() + make_interval(days => $3),
            version = version + 1 where id = $1 and version = $2`,
    [id, input.version, await retentionDays(scope)],
  );
  if (rowCount === 0) throw new ConflictError();
  await scope.tx.query(
    'insert into citizen_messages (id, tenant_id, conversation_id, author, author_user_id, body_enc) values ($1, $2, $3, $4, $5, $6)',
    [messageId, scope.tenant.id, id, 'staff', actor.userId, encryptMessage(scope.deps.keys, { tenantId: scope.tenant.id, conversationId: id, messageId, author: 'staff' }, input.message)],
  );
  await scope.audit({ action: 'citizen.conversation.answer', entityType: 'citizen_conversation', entityId: id, details: { messageId } });
}

export async function setConversationOpen(scope: Scope, id: string, input: { open: boolean; version: number }): Promise<void> {
  const found = await requireConversation(scope, id, 'close');
  if (found.status === (input.open ? 'open' : 'closed')) throw new ConflictError(input.open ? 'citizeninbox.alreadyOpen' : 'citizeninbox.alreadyClosed');
  const { rowCount } = await scope.tx.query(
    'update citizen_conversations set status = $3, version = version + 1 where id = $1 and version = $2',
    [id, input.version, input.open ? 'open' : 'closed'],
  );
  if (rowCount === 0) throw new ConflictError();
  await scope.audit({ action: input.open ? 'citizen.conversation.reopen' : 'citizen.conversation.close', entityType: 'citizen_conversation', entityId: id });
}

/** Turns the conversation into an anonymous inquiry with the adviser's description. */
export async function convertToInquiry(scope: Scope, id: string, input: { description: string; version: number }): Promise<{ inquiryId: string; reference: string }> {
  const found = await requireConversation(scope, id, 'convert');
  if (found.inquiryId) throw new ConflictError('citizeninbox.linkedInquiry');
  const created = await createInquiry(scope, {
    sourceSector: 'citizen_site', ageGroup: 'unknown', forms: [], controllers: [], redFlags: [], description: input.description,
  });
  const { rowCount } = await scope.tx.query(
    'update citizen_conversations set inquiry_id = $3, version = version + 1 where id = $1 and version = $2',
    [id, input.version, created.id],
  );
  if (rowCount === 0) throw new ConflictError();
  await scope.audit({ action: 'citizen.conversation.convert', entityType: 'citizen_conversation', entityId: id, details: { inquiryId: created.id } });
  return { inquiryId: created.id, reference: created.reference };
}
