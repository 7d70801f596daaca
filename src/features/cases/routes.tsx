/** Pages for cases: the list, the case page and its forms, handover, closing, tasks, search. */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ListQuery } from '../../db/lists.js';
import type { AppDeps } from '../../platform/deps.js';
import { AccessDeniedError, AppError } from '../../platform/http/errors.js';
import { submitForm } from '../../platform/http/forms.js';
import { page, redirect, SENT, view } from '../../platform/http/routes.js';
import type { Scope } from '../../platform/http/scope.js';
import { noticeFrom, parseOrThrow, parsePath, versionField } from '../../platform/http/validation.js';

import { Alert, CsrfField, ErrorSummary, TextArea, type FormState } from '../../platform/layout/forms.js';
import { registerNavItem } from '../../platform/layout/nav.js';
import { flowRulesFrom, loadFlowRules, RULES_IN_FORCE_LIST, type FlowRuleRow } from '../clocks/rules.js';
import { CASE_ROLES } from '../inquiries/policy.js';
import '../inquiries/messages.js';
import { formBody, PathId } from '../inquiries/schemas.js';
import { search, SearchQuery } from '../search/search.js';
import { requireCase, requireCaseForStatusChange, requireCaseToManageAccess } from './access.js';
import { addAttachment, getAttachmentRecord, MAX_ATTACHMENT_BYTES, readAttachment, readUploadedFile, removeAttachment } from './attachments.js';
import { acceptTransfer, acknowledgeHandover, changeShareAccess, endTransfer, getHandoverForMe, handOver, revokeShare } from './handover.js';
import './messages.js';
import { casePolicy } from './policy.js';
import {
  AcknowledgeInput, ATTACHMENT_REMOVAL_REASON_MAX, AttachmentRemovalInput, CaseDetailsInput, CloseInput, DoNotInput, HandoverInput, NamedUserInput, NoteInput, NoteUpdate, PersonInput, RelationForm,
  ReopenInput, RiskInput, ShareAccessInput, TaskInput, TaskOwnerInput, TaskUpdate,
} from './schemas.js';
import { createTask, listMyTasks, updateTask } from './tasks.js';
import {
  addDoNot, addNamedUser, addNote, addPerson, addRelation, closeCase, caseDetail, completeChildAssessment, doNotList, fetchCase, getNote, listCases, recordRiskLevel, removeDoNot, removeNamedUser,
  reopenCase, revealAddress, startChildAssessment, updateCaseDetails, updateNote,
} from './use-cases.js';
import { AttachmentRemoval, CasePage, CaseTable, CloseForm, DoNotBox, HandoverForm, HandoverSummary, TaskTable, type CaseForms } from './views.js';

const CaseParams = z.object({ id: PathId });
const ChildParams = z.object({ id: PathId, childId: PathId });
const WRITERS = ['adviser', 'caseworker', 'manager'] as const;

function home(scope: Scope) {
  return { label: scope.t('layout.home'), href: '/' };
}

const NOTICES: Record<string, string> = {
  saved: 'inquiries.saved', shared: 'cases.handover.done.share', transfer: 'cases.handover.done.transfer', attachmentRemoved: 'cases.attachments.removedDone',
};

/**
 * Users of the owning team and of teams the case is shared with, who may be named on the case;
 * `mayOwnTasks` marks those who may also own a task (the share's level is read live, as the
 * task-owner check in tasks.ts does, so a read share's users are not offered). A list beside
 * the case's own ($1 is the case).
 */
const ASSIGNABLE_USERS: ListQuery = {
  sql: `select u.id, u.display_name as name,
               (u.team_id = c.owner_team_id or exists (select 1 from case_shares s where s.case_id = c.id and s.team_id = u.team_id and s.revoked_at is null and s.access = 'write')) as "mayOwnTasks"
          from cases c
          join users u on u.active and u.role in ('adviser', 'caseworker', 'manager')
           and (u.team_id = c.owner_team_id or exists (select 1 from case_shares s where s.case_id = c.id and s.team_id = u.team_id and s.revoked_at is null))
         where c.id = $1
         order by u.display_name limit 200`,
};

/** The case page; a user who must first read a handover summary is sent there. */
async function renderCase(scope: Scope, caseId: string, forms: CaseForms = {}, status = 200, notice?: string) {
  // The case, its lists, the users who can be given work and the aftercare rule: one statement.
  const fetched = await fetchCase<{ assignable: { id: string; name: string; mayOwnTasks: boolean }; rules: FlowRuleRow }>(
    scope, caseId, { assignable: ASSIGNABLE_USERS, rules: RULES_IN_FORCE_LIST });
  const loaded = fetched?.loaded;
  if (loaded && (loaded.resource.needsAck || loaded.access === 'pending_transfer') && !loaded.resource.protectedAndNotNamed) {
    return redirect(`/sager/${caseId}/overdragelse`);
  }
  if (!fetched || !loaded) throw new AccessDeniedError({ action: 'case.read', entityType: 'case', entityId: caseId });
  const detail = await caseDetail(scope, fetched);
  const actor = scope.user();
  const { resource } = loaded;
  const canWrite = casePolicy(actor, 'write', resource);
  const canManage = casePolicy(actor, 'manage_access', resource);
  const assignable = canWrite ? fetched.extra.assignable : [];
  const rules = flowRulesFrom(fetched.extra.rules);
  const subject = detail.persons.find((person) => person.role === 'subject');
  return view(`${scope.t('cases.title', { reference: detail.reference })}`, (
    <CasePage t={scope.t} lang={scope.lang} detail={detail} forms={forms} csrf={actor.csrfToken} canWrite={canWrite} canManage={canManage}
      assignable={assignable} taskOwners={assignable.filter((user) => user.mayOwnTasks)} aftercareMonths={rules.aftercare.months} notice={notice} demo={scope.tenant.isDemo} />
  ), { status, wide: true, crumbs: [home(scope), { label: scope.t('cases.list.title'), href: '/sager' }, { label: subject ? `${detail.reference}` : detail.reference }] });
}

export function registerCasePages(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: '/sager', labelKey: 'nav.cases', roles: CASE_ROLES, order: 13 });
  registerNavItem({ href: '/opgaver', labelKey: 'nav.tasks', roles: CASE_ROLES, order: 15 });
  registerNavItem({ href: '/soeg', labelKey: 'nav.search', roles: CASE_ROLES, order: 16 });
  const access = { auth: 'user', roles: CASE_ROLES } as const;

  page(app, deps, { method: 'GET', url: '/sager', ...access }, async (scope, req) => {
    const all = (req.query as Record<string, string>)?.alle === '1';
    const cases = await listCases(scope, { status: all ? 'all' : 'open' });
    const t = scope.t;
    return view(t('cases.list.title'), (
      <div>
        <h1>{t('cases.list.title')}</h1>
        <p>{t('cases.list.intro')}</p>
        <p><a href={all ? '/sager' : '/sager?alle=1'}>{all ? t('cases.list.showOpen') : t('cases.list.showClosed')}</a></p>
        <CaseTable t={t} lang={scope.lang} cases={cases} demo={scope.tenant.isDemo} />
      </div>
    ), { wide: true, crumbs: [home(scope), { label: t('cases.list.title') }] });
  });

  page(app, deps, { method: 'GET', url: '/sager/:id', ...access }, async (scope, req) => {
    const { id } = parsePath(CaseParams, req.params);
    const notice = noticeFrom(NOTICES, req.query);
    return renderCase(scope, id, {}, 200, notice ? scope.t(notice) : undefined);
  });

  /** A form on the case page: on errors and conflicts the page comes back with the input kept. */
  const caseForm = <S extends z.ZodType>(url: string, formKey: string, schema: S, run: (scope: Scope, params: { id: string; childId: string }, input: z.output<S>) => Promise<unknown>, keepVersion = false) => {
    page(app, deps, { method: 'POST', url, auth: 'user', roles: WRITERS }, async (scope, req) => {
      const params = parsePath(url.includes(':childId') ? ChildParams : CaseParams, req.params) as { id: string; childId: string };
      const outcome = await submitForm(scope, formBody(req.body), schema, (input) => run(scope, params, input), async (state, status) => {
        if (keepVersion && status === 409) {
          const current = await requireCase(scope, params.id, 'read');
          state = { ...state, values: { ...state.values, version: current.row.version } };
        }
        return renderCase(scope, params.id, { [formKey]: state }, status);
      });
      if (!outcome.ok) return outcome.page;
      return redirect(`/sager/${params.id}?notice=saved`);
    });
  };

  caseForm('/sager/:id/overblik', 'details', CaseDetailsInput, (scope, { id }, input) => updateCaseDetails(scope, id, input), true);
  caseForm('/sager/:id/personer', 'person', PersonInput, (scope, { id }, input) => addPerson(scope, id, input));
  caseForm('/sager/:id/relationer', 'relation', RelationForm, (scope, { id }, input) => addRelation(scope, id, input));
  caseForm('/sager/:id/risiko', 'risk', RiskInput, (scope, { id }, input) => recordRiskLevel(scope, id, input));
  caseForm('/sager/:id/noter', 'note', NoteInput, (scope, { id }, input) => addNote(scope, id, input.body));
  caseForm('/sager/:id/opgaver', 'task', TaskInput, (scope, { id }, input) => createTask(scope, id, input));
  caseForm('/sager/:id/opgaver/:childId/status', 'taskStatus', TaskUpdate, (scope, { id, childId }, input) => updateTask(scope, id, childId, input));
  caseForm('/sager/:id/opgaver/:childId/ansvarlig', 'taskOwner', TaskOwnerInput, (scope, { id, childId }, input) => updateTask(scope, id, childId, input));
  caseForm('/sager/:id/maa-ikke', 'doNot', DoNotInput, (scope, { id }, input) => addDoNot(scope, id, input.text));
  caseForm('/sager/:id/maa-ikke/:childId/fjern', 'doNotRemove', z.object({ version: versionField }), (scope, { id, childId }, input) => removeDoNot(scope, id, childId, input.version));
  caseForm('/sager/:id/navngivne', 'named', NamedUserInput, (scope, { id }, input) => addNamedUser(scope, id, input.userId));
  caseForm('/sager/:id/navngivne/:childId/fjern', 'namedRemove', z.object({}), (scope, { id, childId }) => removeNamedUser(scope, id, childId));
  caseForm('/sager/:id/boernefaglig/start', 'childAssessment', z.object({ version: versionField }), (scope, { id }, input) => startChildAssessment(scope, id, input.version));
  caseForm('/sager/:id/boernefaglig/afslut', 'childAssessment', z.object({ version: versionField }), (scope, { id }, input) => completeChildAssessment(scope, id, input.version));
  caseForm('/sager/:id/delinger/:childId/ophaev', 'share', z.object({ version: versionField }), (scope, { id, childId }, input) => revokeShare(scope, id, childId, input.version));
  caseForm('/sager/:id/delinger/:childId/adgang', 'shareAccess', ShareAccessInput, (scope, { id, childId }, input) => changeShareAccess(scope, id, childId, input));
  caseForm('/sager/:id/genaabn', 'reopen', ReopenInput, (scope, { id }, input) => reopenCase(scope, id, input), true);

  // Editing a note keeps the writer's text on a conflict (the form shows it with the new version).
  const renderNote = async (scope: Scope, caseId: string, noteId: string, state: FormState | null, status = 200) => {
    const note = await getNote(scope, caseId, noteId);
    const doNot = await doNotList(scope, caseId);
    const formState = state ?? { values: { body: note.body, version: note.version }, errors: [], t: scope.t };
    return view(scope.t('cases.notes.editTitle'), (
      <div>
        <h1>{scope.t('cases.notes.editTitle')}</h1>
        <DoNotBox t={scope.t} items={doNot.map((text) => ({ text }))} />
        <ErrorSummary state={formState} />
        {state && status === 409 ? <Alert variant="info"><p class="preserve-lines">{note.body}</p></Alert> : null}
        <form method="post" action={`/sager/${caseId}/noter/${noteId}`} novalidate>
          <CsrfField token={scope.actor!.csrfToken} />
          <input type="hidden" name="version" value={String(status === 409 ? note.version : formState.values.version ?? note.version)} />
          <TextArea state={formState} name="body" label={scope.t('cases.notes.body')} rows={8} />
          <button class="button button-primary" type="submit">{scope.t('cases.notes.save')}</button>
        </form>
        <p><a href={`/sager/${caseId}`}>{scope.t('layout.back')}</a></p>
      </div>
    ), { status, crumbs: [home(scope), { label: scope.t('cases.list.title'), href: '/sager' }, { label: scope.t('cases.notes.editTitle') }] });
  };
  page(app, deps, { method: 'GET', url: '/sager/:id/noter/:childId', auth: 'user', roles: WRITERS }, async (scope, req) => {
    const { id, childId } = parsePath(ChildParams, req.params);
    await requireCase(scope, id, 'write');
    return renderNote(scope, id, childId, null);
  });
  page(app, deps, { method: 'POST', url: '/sager/:id/noter/:childId', auth: 'user', roles: WRITERS }, async (scope, req) => {
    const { id, childId } = parsePath(ChildParams, req.params);
    const outcome = await submitForm(scope, formBody(req.body), NoteUpdate, (input) => updateNote(scope, id, childId, input), (state, status) => renderNote(scope, id, childId, state, status));
    if (!outcome.ok) return outcome.page;
    return redirect(`/sager/${id}?notice=saved`);
  });

  page(app, deps, { method: 'GET', url: '/sager/:id/personer/:childId/adresse', ...access }, async (scope, req) => {
    const { id, childId } = parsePath(ChildParams, req.params);
    const address = await revealAddress(scope, id, childId);
    return view(scope.t('cases.person.address'), (
      <div>
        <h1>{scope.t('cases.person.address')}</h1>
        <p class="font-lead">{address ?? '–'}</p>
        <p><a href={`/sager/${id}`}>{scope.t('layout.back')}</a></p>
      </div>
    ), { crumbs: [home(scope), { label: scope.t('cases.list.title'), href: '/sager' }, { label: scope.t('cases.person.address') }] });
  });

  // Handover: the form, the summary (read first), acknowledgement, accept/decline/withdraw.
  const renderHandoverForm = async (scope: Scope, caseId: string, state: FormState, status = 200) => {
    const { row } = await requireCaseToManageAccess(scope, caseId, { allowClosed: true });
    const teams = (await scope.tx.query<{ id: string; name: string }>(`select id, name from teams where active and kind <> 'partner' and id <> $1 order by lower(name)`, [row.ownerTeamId])).rows;
    const doNot = await doNotList(scope, caseId);
    return view(scope.t('cases.handover.title'), <HandoverForm t={scope.t} caseId={caseId} state={state} csrf={scope.actor!.csrfToken} teams={teams} doNot={doNot} />,
      { status, crumbs: [home(scope), { label: scope.t('cases.list.title'), href: '/sager' }, { label: row.reference, href: `/sager/${caseId}` }, { label: scope.t('cases.handover.title') }] });
  };
  page(app, deps, { method: 'GET', url: '/sager/:id/del', auth: 'user', roles: WRITERS }, async (scope, req) => {
    const { id } = parsePath(CaseParams, req.params);
    const { row } = await requireCaseToManageAccess(scope, id);
    return renderHandoverForm(scope, id, { values: { kind: 'transfer', access: 'read', consentStatus: row.consentStatus }, errors: [], t: scope.t });
  });
  page(app, deps, { method: 'POST', url: '/sager/:id/del', auth: 'user', roles: WRITERS }, async (scope, req) => {
    const { id } = parsePath(CaseParams, req.params);
    const outcome = await submitForm(scope, formBody(req.body), HandoverInput, (input) => handOver(scope, id, input), (state, status) => renderHandoverForm(scope, id, state, status));
    if (!outcome.ok) return outcome.page;
    return redirect(`/sager/${id}?notice=${outcome.value.transferId ? 'transfer' : 'shared'}`);
  });

  const renderSummary = async (scope: Scope, caseId: string, state: FormState, status = 200) => {
    const loaded = await requireCase(scope, caseId, 'read_handover');
    const found = await getHandoverForMe(scope, caseId);
    if (!found) return redirect(`/sager/${caseId}`);
    // A team with a share may also have a transfer waiting: it answers the transfer here.
    const mode = found.transferId && casePolicy(scope.user(), 'accept_transfer', loaded.resource) ? 'accept' : loaded.resource.needsAck ? 'acknowledge' : 'view';
    return view(scope.t('cases.handover.summaryTitle'), (
      <HandoverSummary t={scope.t} lang={scope.lang} caseId={caseId} reference={loaded.row.reference} handover={found.handover} transferId={found.transferId}
        state={state} csrf={scope.actor!.csrfToken} mode={mode} />
    ), { status, crumbs: [home(scope), { label: scope.t('cases.list.title'), href: '/sager' }, { label: loaded.row.reference }] });
  };
  page(app, deps, { method: 'GET', url: '/sager/:id/overdragelse', ...access }, async (scope, req) => {
    const { id } = parsePath(CaseParams, req.params);
    return renderSummary(scope, id, { values: {}, errors: [], t: scope.t });
  });
  page(app, deps, { method: 'POST', url: '/sager/:id/kvitter', ...access }, async (scope, req) => {
    const { id } = parsePath(CaseParams, req.params);
    const outcome = await submitForm(scope, formBody(req.body), AcknowledgeInput, () => acknowledgeHandover(scope, id), (state, status) => renderSummary(scope, id, state, status));
    if (!outcome.ok) return outcome.page;
    return redirect(`/sager/${id}`);
  });
  page(app, deps, { method: 'POST', url: '/overdragelser/:id/accepter', auth: 'user', roles: WRITERS }, async (scope, req) => {
    const { id } = parsePath(CaseParams, req.params);
    const caseId = /^[0-9a-f-]{36}$/i.test(id)
      ? (await scope.tx.query<{ caseId: string }>('select case_id as "caseId" from case_transfers where id = $1', [id])).rows[0]?.caseId
      : undefined;
    // A transfer the user cannot see answers 404 before anything is parsed.
    if (!caseId) throw new AccessDeniedError({ action: 'case.transfer.accept', entityType: 'case_transfer', entityId: id });
    const outcome = await submitForm(scope, formBody(req.body), AcknowledgeInput, (input) => acceptTransfer(scope, id, input),
      (state, status) => renderSummary(scope, caseId, state, status));
    if (!outcome.ok) return outcome.page;
    return redirect(`/sager/${outcome.value.caseId}`);
  });
  for (const [path, outcomeName] of [['afvis', 'declined'], ['traek-tilbage', 'withdrawn']] as const) {
    page(app, deps, { method: 'POST', url: `/overdragelser/:id/${path}`, auth: 'user', roles: WRITERS }, async (scope, req) => {
      const { id } = parsePath(CaseParams, req.params);
      await endTransfer(scope, id, outcomeName);
      return redirect(outcomeName === 'declined' ? '/sager' : '/sager');
    });
  }

  // Closing and aftercare.
  const renderClose = async (scope: Scope, caseId: string, state: FormState, status = 200) => {
    // The form comes back (with the user's text) also when someone else closed the case meanwhile.
    const { row } = status === 200 ? await requireCase(scope, caseId, 'close') : await requireCaseForStatusChange(scope, caseId, 'close');
    const doNot = await doNotList(scope, caseId);
    const rules = await loadFlowRules(scope.tx, scope.tenant.id);
    if (status === 409) state = { ...state, values: { ...state.values, version: row.version } };
    return view(scope.t('cases.close.title'), <CloseForm t={scope.t} caseId={caseId} version={row.version} state={state} csrf={scope.actor!.csrfToken} doNot={doNot} aftercareMonths={rules.aftercare.months} />,
      { status, crumbs: [home(scope), { label: scope.t('cases.list.title'), href: '/sager' }, { label: row.reference, href: `/sager/${caseId}` }, { label: scope.t('cases.close.title') }] });
  };
  page(app, deps, { method: 'GET', url: '/sager/:id/luk', auth: 'user', roles: WRITERS }, async (scope, req) => {
    const { id } = parsePath(CaseParams, req.params);
    return renderClose(scope, id, { values: { aftercare: 'on' }, errors: [], t: scope.t });
  });
  page(app, deps, { method: 'POST', url: '/sager/:id/luk', auth: 'user', roles: WRITERS }, async (scope, req) => {
    const { id } = parsePath(CaseParams, req.params);
    const outcome = await submitForm(scope, formBody(req.body), CloseInput, (input) => closeCase(scope, id, input), (state, status) => renderClose(scope, id, state, status));
    if (!outcome.ok) return outcome.page;
    return redirect(`/sager/${id}?notice=saved`);
  });

  // Attachments: multipart only in this encapsulated scope, 20 MB, one file.
  void app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 } });
    page(scoped, deps, { method: 'POST', url: '/sager/:id/bilag', auth: 'user', roles: WRITERS }, async (scope, req) => {
      const { id } = parsePath(CaseParams, req.params);
      await scope.tx.query('savepoint attachment_upload');
      try {
        await addAttachment(scope, id, () => readUploadedFile(req));
      } catch (error) {
        if (error instanceof AppError && (error.code === 'validation' || error.code === 'payload_too_large')) {
          await scope.tx.query('rollback to savepoint attachment_upload');
          return renderCase(scope, id, { attachment: { values: {}, errors: error.fields.length > 0 ? error.fields : [{ field: 'file', messageKey: error.messageKey }], t: scope.t } }, error.status);
        }
        throw error;
      }
      return redirect(`/sager/${id}?notice=saved`);
    });
  });

  page(app, deps, { method: 'GET', url: '/sager/:id/bilag/:childId', ...access }, async (scope, req, reply) => {
    const { id, childId } = parsePath(ChildParams, req.params);
    const file = await readAttachment(scope, id, childId);
    reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('cache-control', 'no-store')
      .send(file.content);
    return SENT;
  });

  // Removing an attachment: a page of its own, because it asks for a reason and cannot be undone.
  const renderRemoval = async (scope: Scope, caseId: string, attachmentId: string, state: FormState, status = 200) => {
    const record = await getAttachmentRecord(scope, caseId, attachmentId);
    const doNot = record.state === 'kept' ? await doNotList(scope, caseId) : [];
    const title = scope.t(record.state === 'kept' ? 'cases.attachments.removeTitle' : 'cases.attachments.removedTitle');
    return view(title, (
      <AttachmentRemoval t={scope.t} lang={scope.lang} caseId={caseId} record={record} state={state} csrf={scope.actor!.csrfToken} doNot={doNot} reasonMax={ATTACHMENT_REMOVAL_REASON_MAX} />
    ), { status, crumbs: [home(scope), { label: scope.t('cases.list.title'), href: '/sager' }, { label: record.caseReference, href: `/sager/${caseId}` }, { label: title }] });
  };
  page(app, deps, { method: 'GET', url: '/sager/:id/bilag/:childId/fjern', ...access }, async (scope, req) => {
    const { id, childId } = parsePath(ChildParams, req.params);
    return renderRemoval(scope, id, childId, { values: {}, errors: [], t: scope.t });
  });
  page(app, deps, { method: 'POST', url: '/sager/:id/bilag/:childId/fjern', auth: 'user', roles: WRITERS }, async (scope, req) => {
    const { id, childId } = parsePath(ChildParams, req.params);
    // A case the user may not write answers 404 before the reason is looked at.
    await requireCase(scope, id, 'write');
    const outcome = await submitForm(scope, formBody(req.body), AttachmentRemovalInput, (input) => removeAttachment(scope, id, childId, input.reason),
      (state, status) => renderRemoval(scope, id, childId, state, status));
    if (!outcome.ok) return outcome.page;
    return redirect(`/sager/${id}?notice=attachmentRemoved`);
  });

  page(app, deps, { method: 'GET', url: '/opgaver', ...access }, async (scope) => {
    const tasks = await listMyTasks(scope);
    return view(scope.t('tasks.mine.title'), (
      <div>
        <h1>{scope.t('tasks.mine.title')}</h1>
        <TaskTable t={scope.t} lang={scope.lang} tasks={tasks} withCase />
      </div>
    ), { wide: true, crumbs: [home(scope), { label: scope.t('tasks.mine.title') }] });
  });

  page(app, deps, { method: 'GET', url: '/soeg', ...access }, async (scope, req) => {
    const query = parseOrThrow(SearchQuery, { q: (req.query as Record<string, unknown>)?.q ?? '' });
    const t = scope.t;
    const result = query.q ? await search(scope, query.q) : null;
    return view(t('search.title'), (
      <div>
        <h1>{t('search.title')}</h1>
        <p>{t('search.intro')}</p>
        <form method="get" action="/soeg" class="filter-form" role="search">
          <div class="form-group">
            <label class="form-label" for="field-q">{t('search.query')}</label>
            <input class="form-input" id="field-q" name="q" type="search" value={query.q} autocomplete="off" />
          </div>
          <button class="button button-primary" type="submit">{t('search.submit')}</button>
        </form>
        {result ? (
          result.hits.length === 0 ? <p>{t('search.none')}</p> : (
            <>
              <h2>{t('search.results')}</h2>
              {result.truncated ? <Alert variant="info" t={t}>{t('search.truncated')}</Alert> : null}
              <ul class="nobullet-list search-results">
                {result.hits.map((hit) => (
                  <li>
                    <a href={hit.kind === 'case' ? `/sager/${hit.id}` : `/henvendelser/${hit.id}`}>{hit.reference}</a>{' '}
                    – {t(`search.kind.${hit.kind}`)}, {hit.name ?? t('cases.unnamed')} ({hit.kind === 'case' ? t(`cases.status.${hit.status}`) : t(`inquiries.status.${hit.status}`)})
                  </li>
                ))}
              </ul>
            </>
          )
        ) : null}
      </div>
    ), { crumbs: [home(scope), { label: t('search.title') }] });
  });

}
