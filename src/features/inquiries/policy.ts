/**
 * Who may do what with an inquiry. A reporter sees only the status of her own reports; the
 * receiving team (the NSK unit, or the department it was forwarded to) sees and triages it;
 * a team that may read the case it led to sees it as part of the case's history. An inquiry
 * behind a protected person's case is open only to the case's named users (and its reporter's
 * status view).
 */
import type { Actor } from '../../platform/access/actor.js';
import type { Policy } from '../../platform/access/policy.js';
import type { Role } from '../../platform/access/roles.js';

export type InquiryAction = 'create' | 'read_status' | 'read_full' | 'list_inbox' | 'triage' | 'confirm_receipt';

export interface InquiryResource {
  teamId: string;
  reporterUserId: string | null;
  status: 'received' | 'being_handled' | 'closed';
  /** Whether the actor may read the case this inquiry led to (casePolicy 'read'). */
  caseReadable: boolean;
  /**
   * The case it led to is a protected person's and the actor is not a named user: the inquiry is
   * then as closed to her as the case, also within the receiving team (decision 0110 §5).
   */
  caseClosedToActor: boolean;
}

/** Roles that may share a concern (front-line staff, the unit, civil-society partners, mentors). */
export const REPORTER_ROLES: readonly Role[] = ['professional', 'adviser', 'caseworker', 'manager', 'partner', 'mentor'];
/** Roles that work inquiries and cases for their team. */
export const CASE_ROLES: readonly Role[] = ['adviser', 'caseworker', 'manager'];
const TRIAGE_ROLES: readonly Role[] = ['adviser', 'caseworker'];

export const inquiryPolicy: Policy<InquiryAction, InquiryResource | null> = (actor: Actor, action, inquiry) => {
  switch (action) {
    case 'create':
      return REPORTER_ROLES.includes(actor.role);
    case 'list_inbox':
      return CASE_ROLES.includes(actor.role) && actor.teamId !== null;
    case 'read_status':
      return inquiry !== null && inquiry.reporterUserId === actor.userId;
    case 'read_full':
      return inquiry !== null && CASE_ROLES.includes(actor.role) && !inquiry.caseClosedToActor && (inquiry.teamId === actor.teamId || inquiry.caseReadable);
    case 'triage':
      return inquiry !== null && TRIAGE_ROLES.includes(actor.role) && !inquiry.caseClosedToActor && inquiry.teamId === actor.teamId && inquiry.status === 'received';
    case 'confirm_receipt':
      return inquiry !== null && TRIAGE_ROLES.includes(actor.role) && !inquiry.caseClosedToActor && inquiry.teamId === actor.teamId;
  }
};
