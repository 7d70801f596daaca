/**
 * Calibration: the unit (advisers and managers) writes vignettes and runs rounds; staff in the
 * invited professional groups answer. Nobody sees how others answered before submitting every
 * vignette of the round themselves; the unit sees results at once unless it is itself still
 * answering the round.
 */
import type { Actor } from '../../platform/access/actor.js';
import type { Policy } from '../../platform/access/policy.js';
import type { Role } from '../../platform/access/roles.js';
import { SCREENING_ROLES } from '../screening/policy.js';

export const CALIBRATION_MANAGERS: readonly Role[] = ['adviser', 'manager'];
/** Everyone who might be invited to a round or run one. */
export const CALIBRATION_ROLES: readonly Role[] = SCREENING_ROLES;

export interface RoundResource {
  status: 'open' | 'closed';
  groups: string[];
  /** How many of the round's vignettes the actor has answered, and how many there are. */
  answered: number;
  vignettes: number;
}

export type CalibrationAction = 'manage' | 'list' | 'answer' | 'results';

export function isParticipant(actor: Actor, round: Pick<RoundResource, 'groups'>): boolean {
  return SCREENING_ROLES.includes(actor.role) && actor.professionalGroup !== null && round.groups.includes(actor.professionalGroup);
}

export const calibrationPolicy: Policy<CalibrationAction, RoundResource | null> = (actor, action, round) => {
  const manager = CALIBRATION_MANAGERS.includes(actor.role);
  switch (action) {
    case 'manage':
      return manager;
    case 'list':
      return CALIBRATION_ROLES.includes(actor.role);
    case 'answer':
      return round !== null && round.status === 'open' && isParticipant(actor, round);
    case 'results': {
      if (round === null) return false;
      const finished = round.answered >= round.vignettes;
      if (isParticipant(actor, round)) return finished || (manager && round.status === 'closed');
      return manager;
    }
  }
};
