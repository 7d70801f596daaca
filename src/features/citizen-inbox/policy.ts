/**
 * Who may do what on the staff side of the citizen site.
 *
 * Conversations: advisers and managers of the receiving team (the unit), nobody else — not
 * even administrators, who manage the site but have no need to read what citizens write.
 * Site content: administrators only. Advisers may not edit, because a changed phone number
 * reaches people in danger at once (docs/decisions/0303-citizen-content-editing.md).
 */
import type { Actor } from '../../platform/access/actor.js';
import type { Policy } from '../../platform/access/policy.js';
import type { Role } from '../../platform/access/roles.js';

export type ConversationAction = 'list' | 'read' | 'answer' | 'close' | 'convert';
export const INBOX_ROLES: readonly Role[] = ['adviser', 'manager'];

export const conversationPolicy: Policy<ConversationAction, { teamId: string } | null> = (actor: Actor, action, conversation) => {
  if (!INBOX_ROLES.includes(actor.role) || actor.teamId === null) return false;
  if (action === 'list') return true;
  if (action === 'convert' && actor.role !== 'adviser') return false;
  return conversation !== null && conversation.teamId === actor.teamId;
};

export type SiteContentAction = 'view' | 'edit' | 'publish';

export const siteContentPolicy: Policy<SiteContentAction, null> = (actor: Actor) => actor.role === 'admin';
