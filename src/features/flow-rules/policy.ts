/**
 * The case flow's rules decide every legal deadline in the municipality, so only its
 * administrator reads their administration and changes them. (Caseworkers see the effect: the
 * due times on their clocks and the aftercare tasks.)
 */
import type { Policy } from '../../platform/access/policy.js';

export type FlowRuleAction = 'read' | 'change';

export const flowRulePolicy: Policy<FlowRuleAction, null> = (actor, action) => {
  switch (action) {
    case 'read':
    case 'change':
      return actor.role === 'admin';
  }
};
