/**
 * The home page is assembled from panels that features contribute per role: the adviser's
 * inbox, my tasks, my cases, deadlines, the professional's own reports, and so on.
 *
 * A panel declares what it reads (`reads`, built from the same reads its feature's use cases
 * run) and renders from the results, so the home page reads every panel's data in one
 * statement (decision 0007) instead of one or more per panel.
 */
import type { VNode } from 'preact';
import type { Read, ReadResult } from '../../db/reads.js';
import type { Role } from '../../platform/access/roles.js';
import type { Scope } from '../../platform/http/scope.js';

type Reads = Record<string, Read<unknown>>;

export interface HomePanel {
  id: string;
  roles: readonly Role[];
  order: number;
  /** The panel's reads for this user, or null when the panel shows nothing (no reads then). */
  reads?: (scope: Scope) => Reads | null;
  render: (scope: Scope, data: Record<string, unknown>) => Promise<VNode | null> | VNode | null;
}

const panels: HomePanel[] = [];

/** Registers a panel; `render` receives the results of `reads`, typed by them. */
export function registerHomePanel<R extends Reads>(panel: {
  id: string;
  roles: readonly Role[];
  order: number;
  reads?: (scope: Scope) => R | null;
  render: (scope: Scope, data: { [K in keyof R]: ReadResult<R[K]> }) => Promise<VNode | null> | VNode | null;
}): void {
  if (panels.some((existing) => existing.id === panel.id)) return;
  panels.push(panel as unknown as HomePanel);
  panels.sort((a, b) => a.order - b.order);
}

export function homePanelsFor(role: Role): HomePanel[] {
  return panels.filter((panel) => panel.roles.includes(role));
}
