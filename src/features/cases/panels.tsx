/**
 * Home panels of the case flow: the inbox, deadlines, my tasks, my cases and handovers waiting
 * for the team; for those who share concerns, their own reports and their status.
 */

import { defineRead, type Read } from '../../db/reads.js';
import { fmtDate } from '../clocks/format.js';
import type { Scope } from '../../platform/http/scope.js';
import { registerHomePanel } from '../home/panels.js';
import { todayLocal } from '../clocks/clocks.js';
import { deadlineCountsRead } from '../clocks/deadlines.js';
import { CASE_ROLES, REPORTER_ROLES } from '../inquiries/policy.js';
import { inboxCountRead, myReportsRead } from '../inquiries/use-cases.js';
import { ReportsTable } from '../inquiries/views.js';
import { myTasksRead, teamTasksDueCountRead } from './tasks.js';
import { casesRead } from './use-cases.js';
import { CaseTable, TaskTable } from './views.js';
import '../inquiries/messages.js';
import './messages.js';

function pendingHandoversRead(scope: Scope): Read<{ caseId: string; reference: string; requestedAt: Date }[]> {
  return defineRead<{ caseId: string; reference: string; requestedAt: Date }, { caseId: string; reference: string; requestedAt: Date }[]>({
    sql: `select tr.case_id as "caseId", c.reference, tr.requested_at as "requestedAt" from case_transfers tr join cases c on c.id = tr.case_id
           where tr.tenant_id = $1 and tr.to_team_id = $2 and tr.status = 'pending' order by tr.requested_at limit 20`,
    params: [scope.tenant.id, scope.user().teamId],
    dates: ['requestedAt'],
    finish: (rows) => rows,
  });
}

/** Case-flow panels need a team; without one they show nothing (and read nothing). */
function withTeam<R>(scope: Scope, reads: () => R): R | null {
  return scope.user().teamId ? reads() : null;
}

export function registerCasePanels(): void {
  registerHomePanel({
    id: 'cases-inbox', roles: ['adviser', 'caseworker'], order: 10,
    reads: (scope) => withTeam(scope, () => ({ inbox: inboxCountRead(scope) })),
    render: (scope, { inbox }) => (
      <section class="home-panel">
        <h2>{scope.t('home.inbox.title')}</h2>
        <p>{scope.t('home.inbox.count', { count: inbox.total, acute: inbox.acute })}</p>
        <p><a href="/henvendelser">{scope.t('home.inbox.open')}</a></p>
      </section>
    ),
  });

  registerHomePanel({
    id: 'cases-deadlines', roles: CASE_ROLES, order: 11,
    reads: (scope) => withTeam(scope, () => {
      const now = new Date();
      return { clocks: deadlineCountsRead(scope, now), tasks: teamTasksDueCountRead(scope, todayLocal(now)) };
    }),
    render: (scope, { clocks, tasks }) => {
      const overdue = clocks.overdue + tasks.overdue;
      const today = clocks.today + tasks.today;
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
    reads: (scope) => withTeam(scope, () => ({ pending: pendingHandoversRead(scope) })),
    render: (scope, { pending }) => pending.length === 0 ? null : (
      <section class="home-panel">
        <h2>{scope.t('home.handovers.title')}</h2>
        <ul>{pending.map((item) => <li><a href={`/sager/${item.caseId}/overdragelse`}>{item.reference}</a> ({fmtDate(scope.lang, item.requestedAt)})</li>)}</ul>
      </section>
    ),
  });

  registerHomePanel({
    id: 'cases-my-tasks', roles: CASE_ROLES, order: 13,
    reads: (scope) => withTeam(scope, () => ({ tasks: myTasksRead(scope, { limit: 5 }) })),
    render: (scope, { tasks }) => (
      <section class="home-panel">
        <h2>{scope.t('home.tasks.title')}</h2>
        <TaskTable t={scope.t} lang={scope.lang} tasks={tasks} withCase />
        <p><a href="/opgaver">{scope.t('home.tasks.all')}</a></p>
      </section>
    ),
  });

  registerHomePanel({
    id: 'cases-my-cases', roles: CASE_ROLES, order: 14,
    reads: (scope) => withTeam(scope, () => ({ cases: casesRead(scope, { limit: 5 }) })),
    render: (scope, { cases }) => (
      <section class="home-panel">
        <h2>{scope.t('home.cases.title')}</h2>
        <CaseTable t={scope.t} lang={scope.lang} cases={cases} demo={scope.tenant.isDemo} />
        <p><a href="/sager">{scope.t('home.cases.all')}</a></p>
      </section>
    ),
  });

  registerHomePanel({
    id: 'inquiries-my-reports', roles: REPORTER_ROLES.filter((role) => !CASE_ROLES.includes(role)), order: 10,
    reads: (scope) => ({ reports: myReportsRead(scope, { limit: 5 }) }),
    render: (scope, { reports }) => (
      <section class="home-panel">
        <h2>{scope.t('home.reports.title')}</h2>
        <p><a class="button button-primary" href="/bekymring">{scope.t('home.reports.share')}</a></p>
        <ReportsTable t={scope.t} lang={scope.lang} reports={reports} />
      </section>
    ),
  });
}
