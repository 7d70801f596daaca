/** The hidden-number policy, role × action: only managers, for every action. */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import { ROLES } from '../../platform/access/roles.js';
import { darkFigurePolicy, type DarkFigureAction } from './policy.js';

const actor = (role: Actor['role']): Actor => ({
  kind: 'user', tenantId: 't', userId: 'u', username: 'u', displayName: 'U', role, teamId: null, professionalGroup: null, scopes: null, sessionId: null, csrfToken: null,
});

describe('darkFigurePolicy', () => {
  const actions: DarkFigureAction[] = ['view', 'export', 'bootstrap'];
  it.each(ROLES)('%s', (role) => {
    for (const action of actions) expect(darkFigurePolicy(actor(role), action, null), action).toBe(role === 'manager');
  });
});
