/**
 * Who may screen, and who may read an assessment. Any front-line role screens; an assessment
 * is read by its author and by the NSK unit (advisers and managers of a team of kind 'unit'),
 * never by administrators, who manage the instrument but not cases. An assessment made on a
 * case or inquiry is as confidential as that record: the unit reads it only if it may read the
 * case (casePolicy 'read') and the inquiry (inquiryPolicy 'read_full') too — not on a pending
 * transfer or an unacknowledged share, not after forwarding the inquiry away, and a protected
 * person's case only as a named user. Row-level security decides the same (migration 0202).
 */
import type { Actor } from '../../platform/access/actor.js';
import type { Policy } from '../../platform/access/policy.js';
import type { Role } from '../../platform/access/roles.js';

/** Roles that may make an assessment (the civil-society partner has an action plan of her own). */
export const SCREENING_ROLES: readonly Role[] = ['professional', 'adviser', 'caseworker', 'manager', 'partner'];
/** The unit's roles (in a team of kind 'unit'): read every assessment in the municipality. */
export const UNIT_ROLES: readonly Role[] = ['adviser', 'manager'];

export type ScreeningAction = 'create' | 'read' | 'list';

export interface ScreeningResource {
  createdBy: string;
  /** Whether the reader may read the case and inquiry the assessment was made on (true when none). */
  linkedRecordVisible: boolean;
  /** Whether the reader's team is the unit (a team of kind 'unit'). */
  readerInUnit: boolean;
}

export const screeningPolicy: Policy<ScreeningAction, ScreeningResource | null> = (actor: Actor, action, screening) => {
  if (!SCREENING_ROLES.includes(actor.role)) return false;
  if (action === 'create' || action === 'list') return true;
  if (screening === null) return false;
  return screening.createdBy === actor.userId || (UNIT_ROLES.includes(actor.role) && screening.readerInUnit && screening.linkedRecordVisible);
};

export type InstrumentAction = 'read_published' | 'manage';

/** Administrators publish new versions of the instrument; everyone who screens reads it. */
export const instrumentPolicy: Policy<InstrumentAction, null> = (actor, action) => {
  if (action === 'manage') return actor.role === 'admin';
  return actor.role === 'admin' || SCREENING_ROLES.includes(actor.role);
};
