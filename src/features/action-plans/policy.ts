/**
 * Action plans are guidance, not personal data: every staff role may read them and say whether
 * a step was useful. The unit owns them (the report's recommendation #2: "the unit prepares and
 * adjusts action plans"), so advisers and managers edit them and read the feedback, as do
 * administrators; see docs/decisions/0201-action-plan-editing.md.
 */
import type { Policy } from '../../platform/access/policy.js';
import type { Role } from '../../platform/access/roles.js';

export const PLAN_EDITORS: readonly Role[] = ['adviser', 'manager', 'admin'];
/** Everyone who works with people; the DPO audits access and has no use for guidance. */
export const PLAN_READERS: readonly Role[] = ['professional', 'adviser', 'caseworker', 'manager', 'partner', 'mentor', 'admin'];

export type PlanAction = 'read' | 'feedback' | 'edit' | 'read_feedback';

export const planPolicy: Policy<PlanAction, null> = (actor, action) => {
  if (action === 'edit' || action === 'read_feedback') return PLAN_EDITORS.includes(actor.role);
  return PLAN_READERS.includes(actor.role);
};
