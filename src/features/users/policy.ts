/** Who may do what with user accounts. Only administrators manage accounts. */
import type { Actor } from '../../platform/access/actor.js';
import type { Policy } from '../../platform/access/policy.js';

export type UserAction = 'list' | 'read' | 'create' | 'update' | 'deactivate' | 'reset_second_factor' | 'issue_activation';

export const userPolicy: Policy<UserAction, { id: string } | null> = (actor: Actor, action, target) => {
  if (actor.role === 'admin') {
    // An administrator cannot lock herself out by deactivating her own account.
    if (action === 'deactivate' && target?.id === actor.userId) return false;
    return true;
  }
  return action === 'read' && target?.id === actor.userId;
};
