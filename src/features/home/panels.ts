/**
 * The home page is assembled from panels that features contribute per role: the adviser's
 * inbox, my tasks, my cases, deadlines, the professional's own reports, and so on.
 */
import type { VNode } from 'preact';
import type { Role } from '../../platform/access/roles.js';
import type { Scope } from '../../platform/http/scope.js';

export interface HomePanel {
  id: string;
  roles: readonly Role[];
  order: number;
  render: (scope: Scope) => Promise<VNode | null>;
}

const panels: HomePanel[] = [];

export function registerHomePanel(panel: HomePanel): void {
  if (panels.some((existing) => existing.id === panel.id)) return;
  panels.push(panel);
  panels.sort((a, b) => a.order - b.order);
}

export function homePanelsFor(role: Role): HomePanel[] {
  return panels.filter((panel) => panel.roles.includes(role));
}
