/** Pages for inquiries: share a concern, my reports, the inbox, an inquiry and its triage, deadlines. */
import { fmtDate, fmtDateTime } from '../clocks/format.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formatNumber } from '../../platform/i18n/index.js';
import type { AppDeps } from '../../platform/deps.js';
import { submitForm } from '../../platform/http/forms.js';
import { page, redirect, view } from '../../platform/http/routes.js';
import type { Scope } from '../../platform/http/scope.js';
import { parseOrThrow, parsePath, strictNumber } from '../../platform/http/validation.js';

import type { FormState } from '../../platform/layout/forms.js';
import { registerNavItem } from '../../platform/layout/nav.js';
import { listDeadlines } from '../clocks/deadlines.js';
import { listTeamTasksDue } from '../cases/tasks.js';
import { todayLocal } from '../clocks/clocks.js';
import '../cases/messages.js';
import './messages.js';
import { CASE_ROLES, inquiryPolicy, REPORTER_ROLES } from './policy.js';
import { AnswerInput, formBody, ForwardInput, InquiryForm, LinkInput, PathId, VersionOnly, type InquiryFullView } from './schemas.js';
import {
  answerInquiry, confirmReceipt, createInquiry, forwardInquiry, getInquiry, inboxPage, linkInquiry, listMyReports, matchingCases,
  openCaseFromInquiry, recordAcuteAssessment,
} from './use-cases.js';
import { AcuteGuidance, InboxTable, InquiryDetail, ReportsTable, ShareConcernForm, StatusDetail } from './views.js';

const IdParams = z.object({ id: PathId });
/** The inbox shows 50 at a time, most urgent first; `side` is the page number. */
const INBOX_PAGE_SIZE = 50;
const InboxQuery = z.object({ side: strictNumber(z.coerce.number({ error: 'validation.invalid' }).int('validation.invalid').min(1, 'validation.invalid').max(100_000, 'validation.invalid')).default(1) });
const TRIAGE_ROLES = ['adviser', 'caseworker'] as const;

function home(scope: Scope) {
  return { label: scope.t('layout.home'), href: '/' };
}

function onDutyPhone(scope: Scope): string | null {
  const value = scope.tenant.settings?.onDutyPhone;
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

async function renderInquiry(scope: Scope, id: string, forms: Record<string, FormState> = {}, status = 200, notice?: string) {
  const result = await getInquiry(scope, id);
  if (result.view === 'status') {
    return view(scope.t('inquiries.status.title', { reference: result.reference }), <StatusDetail t={scope.t} lang={scope.lang} view={result} />,
      { crumbs: [home(scope), { label: scope.t('inquiries.mine.title'), href: '/mine-henvendelser' }, { label: result.reference }] });
  }
  const actor = scope.user();
  const resource = { teamId: result.teamId, reporterUserId: null, status: result.status, caseReadable: false, caseClosedToActor: false };
  const canTriage = inquiryPolicy(actor, 'triage', resource);
  const teams = canTriage ? (await scope.tx.query<{ id: string; name: string }>(`select id, name from teams where active and kind <> 'partner' and id <> $1 order by lower(name)`, [result.teamId])).rows : [];
  const matches = canTriage ? await matchingCases(scope, id) : [];
  const full = result as InquiryFullView;
  return view(`${scope.t(`inquiries.kind.${full.kind}`)} ${full.reference}`, (
    <InquiryDetail t={scope.t} lang={scope.lang} view={full} notice={notice}
      triage={{ canTriage, canConfirm: inquiryPolicy(actor, 'confirm_receipt', resource), teams, matches, forms, csrf: actor.csrfToken }} />
  ), { status, crumbs: [home(scope), { label: scope.t('inquiries.inbox.title'), href: '/henvendelser' }, { label: full.reference }] });
}

export function registerInquiryPages(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: '/bekymring', labelKey: 'nav.shareConcern', roles: REPORTER_ROLES, order: 10 });
  registerNavItem({ href: '/mine-henvendelser', labelKey: 'nav.myReports', roles: ['professional', 'partner', 'mentor'], order: 11 });
  registerNavItem({ href: '/henvendelser', labelKey: 'nav.inbox', roles: CASE_ROLES, order: 12 });
  registerNavItem({ href: '/frister', labelKey: 'nav.deadlines', roles: CASE_ROLES, order: 14 });

  const renderShare = (scope: Scope, state: FormState, status = 200) => view(scope.t('inquiries.share.title'),
    <ShareConcernPage scope={scope} state={state} />, { status, crumbs: [home(scope), { label: scope.t('inquiries.share.title') }] });

  page(app, deps, { method: 'GET', url: '/bekymring', auth: 'user', roles: REPORTER_ROLES }, async (scope) =>
    renderShare(scope, { values: { identify: 'no', sourceSector: defaultSector(scope) }, errors: [], t: scope.t }));

  page(app, deps, { method: 'POST', url: '/bekymring', auth: 'user', roles: REPORTER_ROLES }, async (scope, req) => {
    const outcome = await submitForm(scope, formBody(req.body), InquiryForm, (input) => createInquiry(scope, input), (state, status) => renderShare(scope, state, status));
    if (!outcome.ok) return outcome.page;
    const ageGroup = (req.body as Record<string, unknown>)?.ageGroup === 'child' ? '&barn=1' : '';
    return redirect(`/henvendelser/${outcome.value.id}/kvittering?${outcome.value.acute ? 'akut=1' : 'akut=0'}${ageGroup}`);
  });

  page(app, deps, { method: 'GET', url: '/henvendelser/:id/kvittering', auth: 'user', roles: REPORTER_ROLES }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const query = (req.query ?? {}) as Record<string, string>;
    const result = await getInquiry(scope, id);
    const t = scope.t;
    return view(t('inquiries.receipt.title'), (
      <div>
        {query.akut === '1' ? <AcuteGuidance t={t} onDutyPhone={onDutyPhone(scope)} child={query.barn === '1'} /> : null}
        <h1>{t('inquiries.receipt.title')}</h1>
        <p class="font-lead">{t('inquiries.receipt.reference', { reference: result.reference })}</p>
        <p>{t('inquiries.receipt.next')}</p>
        <p><a class="button button-secondary" href="/mine-henvendelser">{t('inquiries.receipt.myReports')}</a></p>
      </div>
    ), { crumbs: [home(scope), { label: t('inquiries.receipt.title') }] });
  });

  page(app, deps, { method: 'GET', url: '/mine-henvendelser', auth: 'user', roles: REPORTER_ROLES }, async (scope) => {
    const reports = await listMyReports(scope);
    return view(scope.t('inquiries.mine.title'), (
      <div>
        <h1>{scope.t('inquiries.mine.title')}</h1>
        <p>{scope.t('inquiries.mine.intro')}</p>
        <p><a class="button button-primary" href="/bekymring">{scope.t('inquiries.share.title')}</a></p>
        <ReportsTable t={scope.t} lang={scope.lang} reports={reports} />
      </div>
    ), { crumbs: [home(scope), { label: scope.t('inquiries.mine.title') }] });
  });

  page(app, deps, { method: 'GET', url: '/henvendelser', auth: 'user', roles: CASE_ROLES }, async (scope, req) => {
    const { side: pageNumber } = parseOrThrow(InboxQuery, req.query ?? {});
    const { items, total, page: current, pages } = await inboxPage(scope, { limit: INBOX_PAGE_SIZE, page: pageNumber });
    const t = scope.t;
    const first = (current - 1) * INBOX_PAGE_SIZE + 1;
    return view(t('inquiries.inbox.title'), (
      <div>
        <h1>{t('inquiries.inbox.title')}</h1>
        <p>{t('inquiries.inbox.intro')}</p>
        {total > INBOX_PAGE_SIZE ? (
          <p>{t('inquiries.inbox.showing', { first: formatNumber(scope.lang, first), last: formatNumber(scope.lang, first + items.length - 1), total: formatNumber(scope.lang, total) })}</p>
        ) : null}
        <InboxTable t={t} lang={scope.lang} items={items} />
        {pages > 1 ? (
          <nav class="inbox-pages" aria-label={t('inquiries.inbox.pages')}>
            <ul class="nobullet-list">
              {current > 1 ? <li><a href={`/henvendelser?side=${current - 1}`} rel="prev">{t('inquiries.inbox.previous')}</a></li> : null}
              <li aria-current="page">{t('inquiries.inbox.pageOf', { page: current, pages })}</li>
              {current < pages ? <li><a href={`/henvendelser?side=${current + 1}`} rel="next">{t('inquiries.inbox.next')}</a></li> : null}
            </ul>
          </nav>
        ) : null}
      </div>
    ), { wide: true, crumbs: [home(scope), { label: t('inquiries.inbox.title') }] });
  });

  page(app, deps, { method: 'GET', url: '/henvendelser/:id', auth: 'user', roles: REPORTER_ROLES }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const notice = (req.query as Record<string, string>)?.notice === 'saved' ? scope.t('inquiries.triage.done') : undefined;
    return renderInquiry(scope, id, {}, 200, notice);
  });

  const action = (url: string, formKey: string, schema: z.ZodType, run: (scope: Scope, id: string, input: never) => Promise<unknown>, next?: (id: string, value: unknown) => string) => {
    page(app, deps, { method: 'POST', url, auth: 'user', roles: TRIAGE_ROLES }, async (scope, req) => {
      const { id } = parsePath(IdParams, req.params);
      const outcome = await submitForm(scope, formBody(req.body), schema, (input) => run(scope, id, input as never),
        (state, status) => renderInquiry(scope, id, { [formKey]: state }, status));
      if (!outcome.ok) return outcome.page;
      return redirect(next ? next(id, outcome.value) : `/henvendelser/${id}?notice=saved`);
    });
  };
  action('/henvendelser/:id/akutvurdering', 'acute', VersionOnly, (scope, id, input: { version: number }) => recordAcuteAssessment(scope, id, input.version));
  action('/henvendelser/:id/kvitter', 'receipt', VersionOnly, (scope, id, input: { version: number }) => confirmReceipt(scope, id, input.version));
  action('/henvendelser/:id/besvar', 'answer', AnswerInput, (scope, id, input: { answer: string; version: number }) => answerInquiry(scope, id, input));
  action('/henvendelser/:id/videresend', 'forward', ForwardInput, (scope, id, input: { teamId: string; version: number }) => forwardInquiry(scope, id, input), () => '/henvendelser');
  action('/henvendelser/:id/tilknyt', 'link', LinkInput, (scope, id, input: { caseId: string; version: number }) => linkInquiry(scope, id, input),
    () => '/henvendelser');
  action('/henvendelser/:id/opret-sag', 'open', VersionOnly, (scope, id, input: { version: number }) => openCaseFromInquiry(scope, id, input.version),
    (_id, value) => `/sager/${(value as { caseId: string }).caseId}`);

  page(app, deps, { method: 'GET', url: '/frister', auth: 'user', roles: CASE_ROLES }, async (scope) => {
    const now = new Date();
    const deadlines = await listDeadlines(scope, now);
    const tasks = await listTeamTasksDue(scope, todayLocal(now));
    const t = scope.t;
    const section = (title: string, overdue: boolean) => {
      const items = deadlines.filter((item) => item.overdue === overdue);
      const dueTasks = tasks.filter((task) => (task.dueDate < todayLocal(now)) === overdue);
      return (
        <section>
          <h2>{title}</h2>
          {items.length === 0 && dueTasks.length === 0 ? <p>{t('deadlines.none')}</p> : (
            <div class="table--responsive-scroll">
              <table class="table table--zebra">
                <thead><tr><th scope="col">{t('deadlines.col.what')}</th><th scope="col">{t('deadlines.col.where')}</th><th scope="col">{t('deadlines.col.due')}</th></tr></thead>
                <tbody>
                  {items.map((item) => (
                    <tr>
                      <td>{t(`clock.${item.ruleKey}`)}</td>
                      <td><a href={item.caseId ? `/sager/${item.caseId}` : `/henvendelser/${item.inquiryId}`}>{item.reference}</a></td>
                      <td>{fmtDateTime(scope.lang, item.dueAt)}</td>
                    </tr>
                  ))}
                  {dueTasks.map((task) => (
                    <tr>
                      <td>{task.title}</td>
                      <td><a href={`/sager/${task.caseId}`}>{task.caseReference}</a></td>
                      <td>{fmtDate(scope.lang, task.dueDate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      );
    };
    return view(t('deadlines.title'), (
      <div>
        <h1>{t('deadlines.title')}</h1>
        <p>{t('deadlines.intro')}</p>
        {section(t('deadlines.overdue'), true)}
        {section(t('deadlines.today'), false)}
      </div>
    ), { wide: true, crumbs: [home(scope), { label: t('deadlines.title') }] });
  });
}

function defaultSector(scope: Scope): string {
  const group = scope.actor?.professionalGroup;
  const map: Record<string, string> = {
    school_daycare: 'school', health_visitor: 'health_visitor', job_uu: 'job_centre', ssp_police: 'ssp_police',
    leisure: 'civil_society', child_welfare: 'child_welfare', civil_society: 'civil_society', unit: 'other',
  };
  return (group && map[group]) || 'other';
}

function ShareConcernPage(props: { scope: Scope; state: FormState }) {
  return <ShareConcernForm state={props.state} csrf={props.scope.actor!.csrfToken} t={props.scope.t} />;
}
