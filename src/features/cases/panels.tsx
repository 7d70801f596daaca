/**
 * Home panels of the case flow: the inbox, deadlines, my tasks, my cases and handovers waiting
 * for the team; for those who share concerns, their own reports and their status.
 */

import { fmtDate, fmtDateTime } from '../clocks/format.js';
import type { Scope } from '../../platform/http/scope.js';
import { registerHomePanel } from '../home/panels.js';
import { todayLocal } from '../clocks/clocks.js';
import { listDeadlines } from '../clocks/deadlines.js';
import { CASE_ROLES, REPORTER_ROLES } from '../inquiries/policy.js';
import { countInbox, listMyReports } from '../inquiries/use-cases.js';
import { ReportsTable } from '../inquiries/views.js';
import { countTeamTasksDue, listMyTasks } from './tasks.js';
import { listCases } from './use-cases.js';
import { CaseTable, TaskTable } from './views.js';
import '../inquiries/messages.js';
import './messages.js';

async function pendingHandovers(scope: Scope): Promise<{ caseId: string; reference: string; requestedAt: Date }[]> {
  const { rows } = await scope.tx.query<{ caseId: string; reference: string; requestedAt: Date }>(
    `select tr.case_id as "caseId", c.reference, tr.requested_at as "requestedAt" from case_transfers tr join cases c on c.id = tr.case_id
      where tr.tenant_id = $1 and tr.to_team_id = $2 and tr.status = 'pending' order by tr.requested_at limit 20`,
    [scope.tenant.id, scope.user().teamId]);
  return rows;
}

export function registerCasePanels(): void {
  registerHomePanel({
    id: 'cases-inbox', roles: ['adviser', 'caseworker'], order: 10,
    render: async (scope) => {
      if (!scope.user().teamId) return null;
      const { total, acute } = await countInbox(scope);
      return (
        <section class="home-panel">
          <h2>{scope.t('home.inbox.title')}</h2>
          <p>{scope.t('home.inbox.count', { count: total, acute })}</p>
          <p><a href="/henvendelser">{scope.t('home.inbox.open')}</a></p>
        </section>
      );
    },
  });

  registerHomePanel({
    id: 'cases-deadlines', roles: CASE_ROLES, order: 11,
    render: async (scope) => {
      if (!scope.user().teamId) return null;
      const now = new Date();
      const clocks = await listDeadlines(scope, now);
      const tasks = await countTeamTasksDue(scope, todayLocal(now));
      const clocksOverdue = clocks.filter((item) => item.overdue).length;
      const overdue = clocksOverdue + tasks.overdue;
      const today = clocks.length - clocksOverdue + tasks.today;
      return (
        <section class="home-panel">
          <h2>{scope.t('home.deadlines.title')}</h2>
          <p class={overdue > 0 ? 'deadline-warning' : undefined}>{scope.t('home.deadlines.count', { overdue, today })}</p>
          <p><a href="/frister">{scope.t('home.deadlines.open')}</a></p>
        </section>
      );
    },
  });

  registerHomePanel({
    id: 'cases-handovers', roles: ['adviser', 'caseworker'], order: 12,
    render: async (scope) => {
      if (!scope.user().teamId) return null;
      const pending = await pendingHandovers(scope);
      if (pending.length === 0) return null;
      return (
        <section class="home-panel">
          <h2>{scope.t('home.handovers.title')}</h2>
          <ul>{pending.map((item) => <li><a href={`/sager/${item.caseId}/overdragelse`}>{item.reference}</a> ({fmtDate(scope.lang, item.requestedAt)})</li>)}</ul>
        </section>
      );
    },
  });

  registerHomePanel({
    id: 'cases-my-tasks', roles: CASE_ROLES, order: 13,
    render: async (scope) => {
      if (!scope.user().teamId) return null;
      const tasks = (await listMyTasks(scope, { limit: 5 }));
      return (
        <section class="home-panel">
          <h2>{scope.t('home.tasks.title')}</h2>
          <TaskTable t={scope.t} lang={scope.lang} tasks={tasks} withCase />
          <p><a href="/opgaver">{scope.t('home.tasks.all')}</a></p>
        </section>
      );
    },
  });

  registerHomePanel({
    id: 'cases-my-cases', roles: CASE_ROLES, order: 14,
    render: async (scope) => {
      if (!scope.user().teamId) return null;
      const cases = await listCases(scope, { limit: 5 });
      return (
        <section class="home-panel">
          <h2>{scope.t('home.cases.title')}</h2>
          <CaseTable t={scope.t} lang={scope.lang} cases={cases} demo={scope.tenant.isDemo} />
          <p><a href="/sager">{scope.t('home.cases.all')}</a></p>
        </section>
      );
    },
  });

  registerHomePanel({
    id: 'inquiries-my-reports', roles: REPORTER_ROLES.filter((role) => !CASE_ROLES.includes(role)), order: 10,
    render: async (scope) => {
      const reports = await listMyReports(scope, { limit: 5 });
      return (
        <section class="home-panel">
          <h2>{scope.t('home.reports.title')}</h2>
          <p><a class="button button-primary" href="/bekymring">{scope.t('home.reports.share')}</a></p>
          <ReportsTable t={scope.t} lang={scope.lang} reports={reports} />
        </section>
      );
    },
  });
}
