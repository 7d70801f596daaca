/** The home page: a greeting and the panels for the user's role. */
import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import { defineRead, runReads, type Read } from '../../db/reads.js';
import type { AppDeps } from '../../platform/deps.js';
import { page, view } from '../../platform/http/routes.js';
import { registerNavItem } from '../../platform/layout/nav.js';
import { ROLES } from '../../platform/access/roles.js';
import './messages.js';
import { homePanelsFor, registerHomePanel, type HomePanel } from './panels.js';

registerHomePanel({
  id: 'admin-links',
  roles: ['admin'],
  order: 900,
  render: async (scope) => (
    <section class="home-panel">
      <h2>{scope.t('home.admin.title')}</h2>
      <ul>
        <li><a href="/admin/users">{scope.t('home.admin.users')}</a></li>
        <li><a href="/admin/teams">{scope.t('home.admin.teams')}</a></li>
      </ul>
    </section>
  ),
});

export function registerHomeRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: '/', labelKey: 'nav.home', roles: ROLES, order: 0 });

  page(app, deps, { method: 'GET', url: '/', auth: 'user' }, async (scope) => {
    const actor = scope.user();
    // Every panel's reads and the team's name in one statement (decision 0007).
    const planned: { panel: HomePanel; names: string[] }[] = [];
    const reads: Record<string, Read<unknown>> = {};
    for (const panel of homePanelsFor(actor.role)) {
      const panelReads = panel.reads ? panel.reads(scope) : {};
      if (panelReads === null) continue;
      const names = Object.keys(panelReads);
      for (const name of names) reads[`${panel.id}:${name}`] = panelReads[name];
      planned.push({ panel, names });
    }
    if (actor.teamId) {
      reads.team = defineRead<{ name: string }, string | undefined>({
        sql: 'select name from teams where id = $1', params: [actor.teamId], finish: (rows) => rows[0]?.name,
      });
    }
    const results = await runReads(scope.tx, reads) as Record<string, unknown>;
    const team = results.team as string | undefined;
    const rendered: VNode[] = [];
    for (const { panel, names } of planned) {
      const node = await panel.render(scope, Object.fromEntries(names.map((name) => [name, results[`${panel.id}:${name}`]])));
      if (node) rendered.push(node);
    }
    // The home page lists the user's own work, which can include personal data: log the view.
    await scope.audit({ action: 'page.home.view', entityType: 'page', entityId: 'home' });
    return view(scope.t('home.title'), (
      <div>
        <h1>{scope.t('home.welcome', { name: actor.displayName })}</h1>
        <p class="font-lead">
          {scope.t('home.role', { role: scope.t(`role.${actor.role}`), team: team ? scope.t('home.teamSuffix', { team }) : '' })}
        </p>
        {rendered.length > 0 ? rendered : <p>{scope.t('home.nothing')}</p>}
        <p class="mt-6"><a href="/account">{scope.t('home.account')}</a></p>
      </div>
    ), { wide: true });
  });
}
