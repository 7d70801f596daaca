/** Teams: every logged-in user may see the list (to forward and hand over); admins manage. */
import type { Policy } from '../../platform/access/policy.js';

export type TeamAction = 'list' | 'create' | 'update';

export const teamPolicy: Policy<TeamAction, null | { id: string }> = (actor, action) =>
  action === 'list' ? true : actor.role === 'admin';
