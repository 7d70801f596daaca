/**
 * Who may see the hidden-number estimate: the unit head and other managers (role `manager`).
 * It counts people across every team's inquiries and cases, so it is a management view, not a
 * case-work tool: advisers, case workers, professionals, partners, mentors, administrators and
 * the DPO get 404 (docs/decisions/0401-darkfigure-access-and-linkage.md). The database function
 * behind the page checks the same role again.
 */
import type { Policy } from '../../platform/access/policy.js';
import type { Role } from '../../platform/access/roles.js';

export const DARKFIGURE_ROLES: readonly Role[] = ['manager'];

export type DarkFigureAction = 'view' | 'export' | 'bootstrap';

export const darkFigurePolicy: Policy<DarkFigureAction, null> = (actor) => DARKFIGURE_ROLES.includes(actor.role);
