/**
 * Who may do what with a case. Access comes from the team: the owning team works the case, a
 * team it is shared with reads (or writes), a team a transfer waits for may read the handover
 * summary and accept or decline (also when it already has a share). A protected person's case
 * is open only to named users (checked in SQL by row-level security and again here). A user
 * whose team received the case through a handover must acknowledge the handover summary before
 * anything else.
 */
import type { Actor } from '../../platform/access/actor.js';
import type { Policy } from '../../platform/access/policy.js';
import { CASE_ROLES } from '../inquiries/policy.js';

export type CaseAccess = 'owner' | 'write' | 'read' | 'pending_transfer';

export type CaseAction =
  | 'list' | 'create' | 'read' | 'read_handover' | 'acknowledge' | 'write' | 'manage_access' | 'accept_transfer' | 'close' | 'reopen';

export interface CaseResource {
  access: CaseAccess | null;
  /** The user's team received the case by a handover the user has not acknowledged yet. */
  needsAck: boolean;
  status: 'open' | 'closed';
  /** Protected person on the case and the actor is not named. */
  protectedAndNotNamed: boolean;
  /**
   * A transfer to the actor's team waits for its answer. Usually `access` is then
   * 'pending_transfer'; when the team also has a share, `access` is the share's level and this
   * flag alone lets the team accept or decline.
   */
  transferPending?: boolean;
}

export const casePolicy: Policy<CaseAction, CaseResource | null> = (actor: Actor, action, resource) => {
  if (!CASE_ROLES.includes(actor.role) || actor.teamId === null) return false;
  if (action === 'list') return true;
  if (action === 'create') return actor.role !== 'manager';
  if (!resource || resource.access === null || resource.protectedAndNotNamed) return false;
  const { access, needsAck, status } = resource;
  switch (action) {
    case 'read_handover':
      return true;
    case 'acknowledge':
      return access !== 'pending_transfer' && needsAck;
    case 'accept_transfer':
      return (access === 'pending_transfer' || resource.transferPending === true) && actor.role !== 'manager';
    case 'read':
      return access !== 'pending_transfer' && !needsAck;
    case 'write':
      return (access === 'owner' || access === 'write') && !needsAck;
    case 'manage_access':
      return access === 'owner' && !needsAck && status === 'open';
    case 'close':
      return access === 'owner' && !needsAck && status === 'open';
    case 'reopen':
      return access === 'owner' && !needsAck && status === 'closed';
  }
};
