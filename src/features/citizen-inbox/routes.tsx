/**
 * Staff pages of the citizen site, in the normal staff pipeline: the unit's inbox of
 * anonymous conversations (advisers and managers of the unit team) and the content editor
 * with drafts, preview, publishing and versions (administrators).
 */
import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.js';
import { submitForm } from '../../platform/http/forms.js';
import { page, redirect, SENT, view } from '../../platform/http/routes.js';
import type { Scope } from '../../platform/http/scope.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { INT4_MAX, parseOrThrow, parsePath, strictNumber } from '../../platform/http/validation.js';
import { formatDate, formatDateTime, type Translate } from '../../platform/i18n/index.js';
import { Alert, ChoiceGroup, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../platform/layout/forms.js';
import { registerNavItem } from '../../platform/layout/nav.js';
import { registerHomePanel } from '../home/panels.js';
import { CATALOGS, CITIZEN_KEYS, type CitizenKey } from '../citizen/catalogs/index.js';
import type { DirectoryEntry, SiteDocument } from '../citizen/document.js';
import { CITIZEN_LANGS, LANGUAGE_NAMES, isCitizenLang, type CitizenLang } from '../citizen/languages.js';
import { PAGES, type PageId } from '../citizen/layout.js';
import { citizenFrame, contentPageBody, renderCitizenDocument } from '../citizen/plugin.js';
import { publishedDocument } from '../citizen/site-content.js';
import {
  currentDraft, editorState, publishDraft, removeDirectoryEntry, saveDirectoryEntry, saveSettings, saveTexts, saveUnitContact, startDraft,
  type RevisionRow,
} from './content.js';
import { answerConversation, convertToInquiry, awaitingReplyCountRead, getConversation, listConversations, setConversationOpen, type ConversationDetail } from './inbox.js';
import './messages.js';
import { INBOX_ROLES } from './policy.js';
import { AnswerForm, ConvertForm, EntryForm, OptionalVersionForm, SettingsForm, TextsForm, UnitForm, VersionForm } from './schemas.js';

const INBOX = '/enhed/borgerhenvendelser';
const EDITOR = '/admin/borgersite';
const IdParams = z.object({ id: z.uuid() });
const inbox = { auth: 'user', roles: INBOX_ROLES } as const;
const admin = { auth: 'user', roles: ['admin'] } as const;

function unreviewedLanguages(): string {
  return CITIZEN_LANGS.filter((lang) => !CATALOGS[lang].reviewedByHuman).map((lang) => LANGUAGE_NAMES[lang]).join(', ');
}

function inboxCrumbs(t: Translate, last?: string) {
  return [{ label: t('layout.home'), href: '/' }, { label: t('citizeninbox.title'), href: last ? INBOX : undefined }, ...(last ? [{ label: last }] : [])];
}

function editorCrumbs(t: Translate, last?: string) {
  return [{ label: t('layout.home'), href: '/' }, { label: t('citizenadmin.title'), href: last ? EDITOR : undefined }, ...(last ? [{ label: last }] : [])];
}

/**
 * A reply that could not be sent because the conversation was closed meanwhile: the message, and
 * the typed text read-only so it can be copied (the answer form is not shown on a closed one).
 */
function UnsentAnswer(props: { state: FormState }) {
  const { state } = props;
  const typed = typeof state.values.message === 'string' ? state.values.message : '';
  return (
    <>
      <ErrorSummary state={state} />
      {typed.trim() !== '' ? (
        <div class="form-group">
          <label class="form-label" for="field-unsent">{state.t('citizeninbox.unsent')}</label>
          <span class="form-hint" id="field-unsent-hint">{state.t('citizeninbox.unsentHint')}</span>
          <textarea class="form-input" id="field-unsent" rows={6} readonly aria-describedby="field-unsent-hint">{typed}</textarea>
        </div>
      ) : null}
    </>
  );
}

function ConversationView(props: { scope: Scope; conversation: ConversationDetail; answer: FormState; convert: FormState; action: FormState; notice?: string }) {
  const { scope, conversation } = props;
  const { t, lang } = scope;
  const csrf = scope.actor!.csrfToken;
  const transcript = conversation.messages.filter((message) => message.author === 'citizen').map((message) => message.text).join('\n\n');
  return (
    <div>
      <h1>{t('citizeninbox.conversation', { date: formatDateTime(lang, conversation.createdAt) })}</h1>
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      <p>{t('citizeninbox.language', { language: LANGUAGE_NAMES[conversation.language] })} {t('citizeninbox.expires', { date: formatDate(lang, conversation.expiresAt) })}</p>
      {conversation.contact ? (
        <Alert variant="warning" heading={t('citizeninbox.contact')}>
          <p class="citizen-contact" dir="auto">{conversation.contact}</p>
          <p>{t('citizeninbox.contactWarning')}</p>
        </Alert>
      ) : null}
      <ol class="citizen-conversation">
        {conversation.messages.map((message) => (
          <li class={`citizen-message citizen-message-${message.author}`}>
            <p class="citizen-message-meta">
              <strong>{message.author === 'staff' ? `${t('citizeninbox.from.staff')}${message.authorName ? ` (${message.authorName})` : ''}` : t('citizeninbox.from.citizen')}</strong>
              {' · '}{formatDateTime(lang, message.createdAt)}
            </p>
            <p class="citizen-message-body" dir="auto">{message.text}</p>
          </li>
        ))}
      </ol>
      {conversation.status === 'open' ? (
        <form method="post" action={`${INBOX}/${conversation.id}/svar`} novalidate>
          <ErrorSummary state={props.answer} />
          <CsrfField token={csrf} />
          <input type="hidden" name="version" value={String(conversation.version)} />
          <TextArea state={props.answer} name="message" label={t('citizeninbox.answer')} hint={t('citizeninbox.answerHint')} rows={6} maxLength={5000} />
          <button type="submit" class="button button-primary">{t('citizeninbox.answerSubmit')}</button>
        </form>
      ) : (
        <>
          <UnsentAnswer state={props.answer} />
          <Alert variant="info">{t('citizeninbox.closed')}</Alert>
        </>
      )}
      <form method="post" action={`${INBOX}/${conversation.id}/${conversation.status === 'open' ? 'afslut' : 'genaabn'}`} class="citizen-inbox-action">
        <ErrorSummary state={props.action} />
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={String(conversation.version)} />
        <button type="submit" class="button button-secondary">{conversation.status === 'open' ? t('citizeninbox.close') : t('citizeninbox.reopen')}</button>
        {conversation.status === 'open' ? <span class="form-hint">{t('citizeninbox.closeHint')}</span> : null}
      </form>
      {conversation.inquiryId ? (
        <p><strong>{t('citizeninbox.linkedInquiry')}</strong> – <a href={`/henvendelser/${conversation.inquiryId}`}>{t('citizeninbox.openInquiry')}</a></p>
      ) : scope.actor!.role === 'adviser' ? (
        <form method="post" action={`${INBOX}/${conversation.id}/henvendelse`} novalidate>
          <h2>{t('citizeninbox.convert')}</h2>
          <p>{t('citizeninbox.convertHint')}</p>
          <ErrorSummary state={props.convert} />
          <CsrfField token={csrf} />
          <input type="hidden" name="version" value={String(conversation.version)} />
          <TextArea state={{ ...props.convert, values: { description: transcript.slice(0, 8000), ...props.convert.values } }} name="description" label={t('citizeninbox.convertDescription')} rows={8} maxLength={8000} />
          <button type="submit" class="button button-secondary">{t('citizeninbox.convert')}</button>
        </form>
      ) : null}
    </div>
  );
}

function registerInbox(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: INBOX, labelKey: 'nav.citizenInbox', roles: INBOX_ROLES, order: 14 });
  registerHomePanel({
    id: 'citizen-inbox',
    roles: INBOX_ROLES,
    order: 15,
    reads: (scope) => (scope.user().teamId ? { waiting: awaitingReplyCountRead(scope) } : null),
    render: (scope, { waiting }) => (
      <section class="home-panel">
        <h2>{scope.t('citizeninbox.home.title')}</h2>
        <p>{waiting > 0 ? scope.t('citizeninbox.home.waiting', { count: waiting }) : scope.t('citizeninbox.home.none')}</p>
        <p><a href={INBOX}>{scope.t('nav.citizenInbox')}</a></p>
      </section>
    ),
  });

  page(app, deps, { method: 'GET', url: INBOX, ...inbox }, async (scope, req) => {
    const { t, lang } = scope;
    const status = (req.query as Record<string, string>).status === 'closed' ? 'closed' : 'open';
    const rows = await listConversations(scope, { status });
    const document = await currentPublished(scope);
    return view(t('citizeninbox.title'), (
      <div>
        <h1>{t('citizeninbox.title')}</h1>
        <p>{t('citizeninbox.intro', { days: document.settings.retentionDays })}</p>
        {unreviewedLanguages() ? <p class="form-hint">{t('citizeninbox.unreviewed', { languages: unreviewedLanguages() })}</p> : null}
        <p>
          {status === 'open' ? <strong>{t('citizeninbox.filter.open')}</strong> : <a href={INBOX}>{t('citizeninbox.filter.open')}</a>}
          {' · '}
          {status === 'closed' ? <strong>{t('citizeninbox.filter.closed')}</strong> : <a href={`${INBOX}?status=closed`}>{t('citizeninbox.filter.closed')}</a>}
        </p>
        {rows.length === 0 ? <p>{t('citizeninbox.none')}</p> : (
          <div class="table--responsive-scroll">
            <table class="table table--zebra">
              <thead><tr>
                <th scope="col">{t('citizeninbox.col.started')}</th><th scope="col">{t('citizeninbox.col.lastActivity')}</th>
                <th scope="col">{t('citizeninbox.col.status')}</th><th scope="col">{t('citizeninbox.col.language')}</th>
                <th scope="col">{t('citizeninbox.col.messages')}</th><th scope="col">{t('citizeninbox.col.deleted')}</th>
              </tr></thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <td><a href={`${INBOX}/${row.id}`}>{formatDateTime(lang, row.createdAt)}</a></td>
                    <td>{formatDateTime(lang, row.lastActivityAt)}</td>
                    <td>{row.status === 'closed' ? t('citizeninbox.status.closed') : row.awaiting === 'staff' ? <strong>{t('citizeninbox.awaiting.staff')}</strong> : t('citizeninbox.awaiting.citizen')}</td>
                    <td>{LANGUAGE_NAMES[row.language]}</td>
                    <td>{row.messageCount}</td>
                    <td>{formatDate(lang, row.expiresAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    ), { crumbs: inboxCrumbs(t), wide: true });
  });

  const renderConversation = async (scope: Scope, id: string, forms: { answer?: FormState; convert?: FormState; action?: FormState; notice?: string; status?: number } = {}) => {
    const conversation = await getConversation(scope, id);
    const empty = { values: {}, errors: [], t: scope.t };
    const title = scope.t('citizeninbox.conversation', { date: formatDateTime(scope.lang, conversation.createdAt) });
    return view(title, <ConversationView scope={scope} conversation={conversation} answer={forms.answer ?? empty} convert={forms.convert ?? empty} action={forms.action ?? empty} notice={forms.notice} />, { crumbs: inboxCrumbs(scope.t, title), status: forms.status });
  };

  page(app, deps, { method: 'GET', url: `${INBOX}/:id`, ...inbox }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const query = req.query as Record<string, string>;
    const notice = query.notice === 'answered' ? scope.t('citizeninbox.answered')
      : query.notice === 'closed' ? scope.t('citizeninbox.closed')
      : query.notice === 'reopened' ? scope.t('citizeninbox.reopened')
      : query.notice === 'converted' && /^[A-Za-z0-9-]{1,40}$/.test(query.ref ?? '') ? scope.t('citizeninbox.converted', { reference: query.ref }) : undefined;
    return renderConversation(scope, id, { notice });
  });

  page(app, deps, { method: 'POST', url: `${INBOX}/:id/svar`, ...inbox }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const outcome = await submitForm(scope, req.body, AnswerForm, (input) => answerConversation(scope, id, input), (state, status) => renderConversation(scope, id, { answer: state, status }));
    return outcome.ok ? redirect(`${INBOX}/${id}?notice=answered`) : outcome.page;
  });

  for (const [segment, open] of [['afslut', false], ['genaabn', true]] as const) {
    page(app, deps, { method: 'POST', url: `${INBOX}/:id/${segment}`, ...inbox }, async (scope, req) => {
      const { id } = parsePath(IdParams, req.params);
      const outcome = await submitForm(scope, req.body, VersionForm, (input) => setConversationOpen(scope, id, { open, version: input.version }), (state, status) => renderConversation(scope, id, { action: state, status }));
      return outcome.ok ? redirect(`${INBOX}/${id}?notice=${open ? 'reopened' : 'closed'}`) : outcome.page;
    });
  }

  page(app, deps, { method: 'POST', url: `${INBOX}/:id/henvendelse`, auth: 'user', roles: ['adviser'] }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const outcome = await submitForm(scope, req.body, ConvertForm, (input) => convertToInquiry(scope, id, input), (state, status) => renderConversation(scope, id, { convert: state, status }));
    return outcome.ok ? redirect(`${INBOX}/${id}?notice=converted&ref=${encodeURIComponent(outcome.value.reference)}`) : outcome.page;
  });
}

function currentPublished(scope: Scope): Promise<SiteDocument> {
  return publishedDocument(scope.tx);
}

// ----- The content editor -------------------------------------------------------------

function NeedsDraft(props: { scope: Scope }) {
  return (
    <form method="post" action={`${EDITOR}/kladde`}>
      <Alert variant="info">{props.scope.t('citizenadmin.noDraftToEdit')}</Alert>
      <CsrfField token={props.scope.actor!.csrfToken} />
      <button type="submit" class="button button-primary">{props.scope.t('citizenadmin.startDraft')}</button>
    </form>
  );
}

function EditorOverview(props: { scope: Scope; published: RevisionRow | null; draft: RevisionRow | null; revisions: RevisionRow[]; notice?: string }) {
  const { scope, draft, published } = props;
  const { t, lang } = scope;
  const csrf = scope.actor!.csrfToken;
  return (
    <div>
      <h1>{t('citizenadmin.title')}</h1>
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      <p>{t('citizenadmin.intro')}</p>
      <p class="form-hint">{t('citizenadmin.who')}</p>
      <h2>{t('citizenadmin.published')}</h2>
      <p>{published ? t('citizenadmin.publishedInfo', { revision: published.revision, date: formatDateTime(lang, published.publishedAt) }) : t('citizenadmin.nothingPublished')}</p>
      <h2>{t('citizenadmin.draft')}</h2>
      {draft ? (
        <>
          <p>{t('citizenadmin.draftInfo', { revision: draft.revision, date: formatDateTime(lang, draft.updatedAt) })}</p>
          <h3>{t('citizenadmin.sections')}</h3>
          <ul>
            <li><a href={`${EDITOR}/indstillinger`}>{t('citizenadmin.settings')}</a></li>
            <li><a href={`${EDITOR}/kontakt`}>{t('citizenadmin.unit')}</a></li>
            <li><a href={`${EDITOR}/hjaelpeliste`}>{t('citizenadmin.directory')}</a></li>
            <li>{t('citizenadmin.texts')}: {CITIZEN_LANGS.map((code, index) => <>{index > 0 ? ' · ' : ''}<a href={`${EDITOR}/tekster/${code}/start`} lang={code}>{LANGUAGE_NAMES[code]}</a></>)}</li>
          </ul>
          <h3>{t('citizenadmin.preview')}</h3>
          <ul class="inline-list">
            {CITIZEN_LANGS.map((code) => <li><a href={`${EDITOR}/forhaandsvisning/${code}/start`}>{t('citizenadmin.previewLanguage', { language: LANGUAGE_NAMES[code] })}</a></li>)}
          </ul>
          <form method="post" action={`${EDITOR}/offentliggoer`}>
            <CsrfField token={csrf} />
            <input type="hidden" name="version" value={String(draft.version)} />
            <button type="submit" class="button button-primary">{t('citizenadmin.publish')}</button>
            <span class="form-hint">{t('citizenadmin.publishHint')}</span>
          </form>
          <form method="post" action={`${EDITOR}/kladde`}>
            <CsrfField token={csrf} />
            <input type="hidden" name="version" value={String(draft.version)} />
            <button type="submit" class="button button-secondary">{t('citizenadmin.resetDraft')}</button>
          </form>
        </>
      ) : (
        <form method="post" action={`${EDITOR}/kladde`}>
          <p>{t('citizenadmin.noDraft')}</p>
          <CsrfField token={csrf} />
          <button type="submit" class="button button-primary">{t('citizenadmin.startDraft')}</button>
        </form>
      )}
      <h2>{t('citizenadmin.catalogs')}</h2>
      <ul>
        {CITIZEN_LANGS.map((code) => <li><span lang={code}>{LANGUAGE_NAMES[code]}</span>: {CATALOGS[code].reviewedByHuman ? t('citizenadmin.catalogReviewed') : <strong>{t('citizenadmin.catalogUnreviewed')}</strong>}</li>)}
      </ul>
      {props.revisions.length > 0 ? (
        <>
          <h2>{t('citizenadmin.revisions')}</h2>
          <table class="table table--zebra">
            <thead><tr><th scope="col">{t('citizenadmin.col.revision')}</th><th scope="col">{t('citizenadmin.col.status')}</th><th scope="col">{t('citizenadmin.col.published')}</th><th scope="col">{t('citizenadmin.col.by')}</th><th scope="col"><span class="sr-only">{t('citizenadmin.restore')}</span></th></tr></thead>
            <tbody>
              {props.revisions.map((revision) => (
                <tr>
                  <td>{revision.revision}</td>
                  <td>{t(`citizenadmin.status.${revision.status}`)}</td>
                  <td>{revision.publishedAt ? formatDateTime(lang, revision.publishedAt) : ''}</td>
                  <td>{revision.publishedBy ?? ''}</td>
                  <td>
                    {revision.status === 'draft' ? null : (
                      <form method="post" action={`${EDITOR}/gendan/${revision.revision}`}>
                        <CsrfField token={csrf} />
                        {draft ? <input type="hidden" name="version" value={String(draft.version)} /> : null}
                        <button type="submit" class="button button-secondary button-small">{t('citizenadmin.restore')}</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

function LocalizedFields(props: { state: FormState; prefix: string; labelKey: string; rows?: number }) {
  return (
    <>
      {CITIZEN_LANGS.map((code) => (
        <TextArea state={props.state} name={`${props.prefix}.${code}`} label={props.state.t(props.labelKey, { language: LANGUAGE_NAMES[code] })} optional rows={props.rows ?? 2} maxLength={2000} />
      ))}
    </>
  );
}

function flattenLocalized(prefix: string, text: Record<string, string>): Record<string, string> {
  return Object.fromEntries(CITIZEN_LANGS.map((code) => [`${prefix}.${code}`, text[code] ?? '']));
}

function entryValues(entry: DirectoryEntry | null): Record<string, unknown> {
  if (!entry) return { urgent: false };
  return {
    id: entry.id, name: entry.name, phone: entry.phone, url: entry.url, lastVerified: entry.lastVerified ?? '', urgent: entry.urgent,
    ...flattenLocalized('description', entry.description), ...flattenLocalized('hours', entry.hours),
  };
}

const TEXT_SECTIONS = [...new Set(CITIZEN_KEYS.map((key) => key.split('.')[0]))];

function registerEditor(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: EDITOR, labelKey: 'nav.citizenSite', roles: ['admin'], order: 86 });

  page(app, deps, { method: 'GET', url: EDITOR, ...admin }, async (scope, req) => {
    const state = await editorState(scope);
    const query = req.query as Record<string, string>;
    const notice = query.notice === 'published' && /^\d+$/.test(query.revision ?? '') ? scope.t('citizenadmin.publishedNotice', { revision: query.revision })
      : query.notice === 'saved' ? scope.t('citizenadmin.saved') : undefined;
    return view(scope.t('citizenadmin.title'), <EditorOverview scope={scope} {...state} notice={notice} />, { crumbs: editorCrumbs(scope.t) });
  });

  page(app, deps, { method: 'POST', url: `${EDITOR}/kladde`, ...admin }, async (scope, req) => {
    const version = (req.body as Record<string, unknown> | undefined)?.version;
    const outcome = await submitForm(scope, req.body, OptionalVersionForm,
      (input) => startDraft(scope, { replaceVersion: version === undefined ? undefined : input.version }),
      async (state, status) => view(scope.t('citizenadmin.title'), <div><ErrorSummary state={state} /><p><a href={EDITOR}>{scope.t('citizenadmin.title')}</a></p></div>, { status }));
    return outcome.ok ? redirect(`${EDITOR}?notice=saved`) : outcome.page;
  });

  page(app, deps, { method: 'POST', url: `${EDITOR}/gendan/:revision`, ...admin }, async (scope, req) => {
    // A revision number that cannot exist (malformed, beyond an integer column) is a page that does not exist.
    const { revision } = parsePath(z.object({ revision: strictNumber(z.coerce.number().int().min(1).max(INT4_MAX)) }), req.params);
    const hasVersion = (req.body as Record<string, unknown> | undefined)?.version !== undefined;
    const outcome = await submitForm(scope, req.body, OptionalVersionForm,
      (input) => startDraft(scope, { fromRevision: revision, replaceVersion: hasVersion ? input.version : undefined }),
      async (state, status) => view(scope.t('citizenadmin.title'), <div><ErrorSummary state={state} /><p><a href={EDITOR}>{scope.t('citizenadmin.title')}</a></p></div>, { status }));
    return outcome.ok ? redirect(`${EDITOR}?notice=saved`) : outcome.page;
  });

  page(app, deps, { method: 'POST', url: `${EDITOR}/offentliggoer`, ...admin }, async (scope, req) => {
    const outcome = await submitForm(scope, req.body, VersionForm, (input) => publishDraft(scope, input.version),
      async (state, status) => view(scope.t('citizenadmin.title'), <div><ErrorSummary state={state} /><p><a href={EDITOR}>{scope.t('citizenadmin.title')}</a></p></div>, { status }));
    return outcome.ok ? redirect(`${EDITOR}?notice=published&revision=${outcome.value.revision}`) : outcome.page;
  });

  /** A draft section's page: the form, or a prompt to start a draft. */
  const section = async (scope: Scope, title: string, body: (draft: RevisionRow) => VNode | Promise<VNode>, status = 200) => {
    const draft = await currentDraft(scope);
    return view(title, <div><h1>{title}</h1>{draft ? await body(draft) : <NeedsDraft scope={scope} />}</div>, { crumbs: editorCrumbs(scope.t, title), status });
  };

  const settingsPage = (scope: Scope, state?: FormState, status?: number) => section(scope, scope.t('citizenadmin.settings'), async (draft) => {
    const { rows: teams } = await scope.tx.query<{ id: string; name: string }>("select id::text, name from teams where active and kind = 'unit' order by name");
    const current = state ?? { values: { ...draft.document.settings, inboxTeamId: draft.document.settings.inboxTeamId ?? '' }, errors: [], t: scope.t };
    return (
      <form method="post" action={`${EDITOR}/indstillinger`} novalidate>
        <ErrorSummary state={current} />
        <CsrfField token={scope.actor!.csrfToken} />
        <input type="hidden" name="version" value={String(draft.version)} />
        <TextField state={current} name="pageTitle" label={scope.t('citizenadmin.field.pageTitle')} hint={scope.t('citizenadmin.field.pageTitleHint')} />
        <TextField state={current} name="exitUrl" label={scope.t('citizenadmin.field.exitUrl')} hint={scope.t('citizenadmin.field.exitUrlHint')} type="url" />
        <TextField state={current} name="retentionDays" label={scope.t('citizenadmin.field.retentionDays')} hint={scope.t('citizenadmin.field.retentionDaysHint')} inputmode="numeric" width="xs" />
        <SelectField state={current} name="inboxTeamId" label={scope.t('citizenadmin.field.inboxTeam')} optional placeholder={scope.t('citizenadmin.field.inboxTeamDefault')} options={teams.map((team) => ({ value: team.id, label: team.name }))} />
        <button type="submit" class="button button-primary">{scope.t('citizenadmin.save')}</button>
      </form>
    );
  }, status);
  page(app, deps, { method: 'GET', url: `${EDITOR}/indstillinger`, ...admin }, async (scope) => settingsPage(scope));
  page(app, deps, { method: 'POST', url: `${EDITOR}/indstillinger`, ...admin }, async (scope, req) => {
    const outcome = await submitForm(scope, req.body, SettingsForm, ({ version, ...settings }) => saveSettings(scope, version, settings), (state, status) => settingsPage(scope, state, status));
    return outcome.ok ? redirect(`${EDITOR}?notice=saved`) : outcome.page;
  });

  const unitPage = (scope: Scope, state?: FormState, status?: number) => section(scope, scope.t('citizenadmin.unit'), (draft) => {
    const unit = draft.document.unit;
    const current = state ?? { values: { name: unit.name, phone: unit.phone, email: unit.email, address: unit.address, ...flattenLocalized('hours', unit.hours), ...flattenLocalized('note', unit.note) }, errors: [], t: scope.t };
    return (
      <form method="post" action={`${EDITOR}/kontakt`} novalidate>
        <ErrorSummary state={current} />
        <CsrfField token={scope.actor!.csrfToken} />
        <input type="hidden" name="version" value={String(draft.version)} />
        <TextField state={current} name="name" label={scope.t('citizenadmin.field.name')} optional />
        <TextField state={current} name="phone" label={scope.t('citizenadmin.field.phone')} hint={scope.t('citizenadmin.field.phoneHint')} optional type="tel" />
        <TextField state={current} name="email" label={scope.t('citizenadmin.field.email')} optional type="email" />
        <TextField state={current} name="address" label={scope.t('citizenadmin.field.address')} optional />
        <LocalizedFields state={current} prefix="hours" labelKey="citizenadmin.field.hours" />
        <LocalizedFields state={current} prefix="note" labelKey="citizenadmin.field.note" rows={3} />
        <button type="submit" class="button button-primary">{scope.t('citizenadmin.save')}</button>
      </form>
    );
  }, status);
  page(app, deps, { method: 'GET', url: `${EDITOR}/kontakt`, ...admin }, async (scope) => unitPage(scope));
  page(app, deps, { method: 'POST', url: `${EDITOR}/kontakt`, ...admin }, async (scope, req) => {
    const outcome = await submitForm(scope, req.body, UnitForm, ({ version, ...unit }) => saveUnitContact(scope, version, unit), (state, status) => unitPage(scope, state, status));
    return outcome.ok ? redirect(`${EDITOR}?notice=saved`) : outcome.page;
  });

  page(app, deps, { method: 'GET', url: `${EDITOR}/hjaelpeliste`, ...admin }, async (scope) => section(scope, scope.t('citizenadmin.directory'), (draft) => (
    <div>
      <p><a class="button button-primary" href={`${EDITOR}/hjaelpeliste/ny`}>{scope.t('citizenadmin.entry.new')}</a></p>
      <table class="table table--zebra">
        <thead><tr><th scope="col">{scope.t('citizenadmin.field.name')}</th><th scope="col">{scope.t('citizenadmin.field.phone')}</th><th scope="col">{scope.t('citizenadmin.field.lastVerified')}</th><th scope="col"><span class="sr-only">{scope.t('citizenadmin.entry.edit')}</span></th></tr></thead>
        <tbody>
          {draft.document.directory.map((entry) => (
            <tr>
              <td>{entry.name}</td>
              <td>{entry.phone}</td>
              <td>{entry.lastVerified ? formatDate(scope.lang, entry.lastVerified) : <strong>{scope.t('citizenadmin.entry.notVerified')}</strong>}</td>
              <td><a href={`${EDITOR}/hjaelpeliste/${entry.id}`}>{scope.t('citizenadmin.entry.edit')}</a></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )));

  const entryPage = (scope: Scope, originalId: string | null, state?: FormState, status?: number) => section(scope, originalId ? scope.t('citizenadmin.entry.edit') : scope.t('citizenadmin.entry.new'), (draft) => {
    const entry = originalId ? draft.document.directory.find((candidate) => candidate.id === originalId) ?? null : null;
    const current = state ?? { values: entryValues(entry), errors: [], t: scope.t };
    const action = `${EDITOR}/hjaelpeliste/${originalId ?? 'ny'}`;
    return (
      <div>
        <form method="post" action={action} novalidate>
          <ErrorSummary state={current} />
          <CsrfField token={scope.actor!.csrfToken} />
          <input type="hidden" name="version" value={String(draft.version)} />
          <TextField state={current} name="id" label={scope.t('citizenadmin.field.entryId')} width="m" />
          <TextField state={current} name="name" label={scope.t('citizenadmin.field.name')} />
          <TextField state={current} name="phone" label={scope.t('citizenadmin.field.phone')} hint={scope.t('citizenadmin.field.phoneHint')} optional type="tel" />
          <TextField state={current} name="url" label={scope.t('citizenadmin.field.url')} hint={scope.t('citizenadmin.field.urlHint')} optional type="url" />
          <TextField state={current} name="lastVerified" label={scope.t('citizenadmin.field.lastVerified')} hint={scope.t('citizenadmin.field.lastVerifiedHint')} optional width="s" />
          <ChoiceGroup state={{ ...current, values: { ...current.values, urgent: current.values.urgent === true || current.values.urgent === 'on' ? 'on' : '' } }} name="urgent" legend={scope.t('citizenadmin.field.urgent')} type="checkbox" optional options={[{ value: 'on', label: scope.t('citizenadmin.field.urgent') }]} />
          <LocalizedFields state={current} prefix="description" labelKey="citizenadmin.field.description" rows={3} />
          <LocalizedFields state={current} prefix="hours" labelKey="citizenadmin.field.hours" />
          <button type="submit" class="button button-primary">{scope.t('citizenadmin.save')}</button>
        </form>
        {entry ? (
          <form method="post" action={`${action}/fjern`}>
            <CsrfField token={scope.actor!.csrfToken} />
            <input type="hidden" name="version" value={String(draft.version)} />
            <button type="submit" class="button button-secondary button-danger">{scope.t('citizenadmin.entry.delete')}</button>
          </form>
        ) : null}
      </div>
    );
  }, status);
  const EntryParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/) });
  /** The entry's id from the path; an id the draft does not hold (or no draft) answers 404 first. */
  const existingEntry = async (scope: Scope, params: unknown): Promise<string> => {
    const { id } = parseOrThrow(EntryParams, params);
    const draft = await currentDraft(scope);
    if (!draft || !draft.document.directory.some((entry) => entry.id === id)) throw new NotFoundError();
    return id;
  };
  page(app, deps, { method: 'GET', url: `${EDITOR}/hjaelpeliste/ny`, ...admin }, async (scope) => entryPage(scope, null));
  page(app, deps, { method: 'POST', url: `${EDITOR}/hjaelpeliste/ny`, ...admin }, async (scope, req) => {
    const outcome = await submitForm(scope, req.body, EntryForm, ({ version, ...entry }) => saveDirectoryEntry(scope, version, null, entry), (state, status) => entryPage(scope, null, state, status));
    return outcome.ok ? redirect(`${EDITOR}/hjaelpeliste`) : outcome.page;
  });
  page(app, deps, { method: 'GET', url: `${EDITOR}/hjaelpeliste/:id`, ...admin }, async (scope, req) => entryPage(scope, await existingEntry(scope, req.params)));
  page(app, deps, { method: 'POST', url: `${EDITOR}/hjaelpeliste/:id`, ...admin }, async (scope, req) => {
    const id = await existingEntry(scope, req.params);
    const outcome = await submitForm(scope, req.body, EntryForm, ({ version, ...entry }) => saveDirectoryEntry(scope, version, id, entry), (state, status) => entryPage(scope, id, state, status));
    return outcome.ok ? redirect(`${EDITOR}/hjaelpeliste`) : outcome.page;
  });
  page(app, deps, { method: 'POST', url: `${EDITOR}/hjaelpeliste/:id/fjern`, ...admin }, async (scope, req) => {
    const id = await existingEntry(scope, req.params);
    const outcome = await submitForm(scope, req.body, VersionForm, (input) => removeDirectoryEntry(scope, input.version, id), (state, status) => entryPage(scope, id, state, status));
    return outcome.ok ? redirect(`${EDITOR}/hjaelpeliste`) : outcome.page;
  });

  const TextParams = z.object({ lang: z.enum(CITIZEN_LANGS), section: z.enum(TEXT_SECTIONS as [string, ...string[]]) });
  const textsPage = (scope: Scope, code: CitizenLang, sectionName: string, state?: FormState, status?: number) => section(scope, `${scope.t('citizenadmin.texts')} – ${LANGUAGE_NAMES[code]}`, (draft) => {
    const keys = CITIZEN_KEYS.filter((key) => key.split('.')[0] === sectionName);
    const overrides = draft.document.texts[code];
    const current = state ?? { values: Object.fromEntries(keys.map((key) => [`text.${key}`, overrides[key] ?? ''])), errors: [], t: scope.t };
    return (
      <div>
        <p>{scope.t('citizenadmin.texts.language')}: {CITIZEN_LANGS.map((other, index) => <>{index > 0 ? ' · ' : ''}{other === code ? <strong lang={other}>{LANGUAGE_NAMES[other]}</strong> : <a href={`${EDITOR}/tekster/${other}/${sectionName}`} lang={other}>{LANGUAGE_NAMES[other]}</a>}</>)}</p>
        <p>{scope.t('citizenadmin.texts.section')}: {TEXT_SECTIONS.map((name, index) => <>{index > 0 ? ' · ' : ''}{name === sectionName ? <strong>{name}</strong> : <a href={`${EDITOR}/tekster/${code}/${name}`}>{name}</a>}</>)}</p>
        <form method="post" action={`${EDITOR}/tekster/${code}/${sectionName}`} novalidate lang={code} dir={code === 'ar' ? 'rtl' : 'ltr'}>
          <ErrorSummary state={current} />
          <CsrfField token={scope.actor!.csrfToken} />
          <input type="hidden" name="version" value={String(draft.version)} />
          {keys.map((key) => (
            <TextArea state={current} name={`text.${key}`} label={key} hint={scope.t('citizenadmin.texts.hint', { text: CATALOGS[code].messages[key as CitizenKey] })} optional rows={3} maxLength={4000} />
          ))}
          <button type="submit" class="button button-primary">{scope.t('citizenadmin.save')}</button>
        </form>
      </div>
    );
  }, status);
  page(app, deps, { method: 'GET', url: `${EDITOR}/tekster/:lang/:section`, ...admin }, async (scope, req) => {
    const params = parsePath(TextParams, req.params);
    return textsPage(scope, params.lang, params.section);
  });
  page(app, deps, { method: 'POST', url: `${EDITOR}/tekster/:lang/:section`, ...admin }, async (scope, req) => {
    const params = parsePath(TextParams, req.params);
    const outcome = await submitForm(scope, req.body, TextsForm, (input) => saveTexts(scope, input.version, params.lang, input.texts), (state, status) => textsPage(scope, params.lang, params.section, state, status));
    return outcome.ok ? redirect(`${EDITOR}/tekster/${params.lang}/${params.section}`) : outcome.page;
  });

  // The preview renders the citizen site's own page frame with the draft, outside the staff frame.
  const previewPages = PAGES.map((candidate) => candidate.id).filter((id): id is Exclude<PageId, 'read'> => id !== 'read');
  const PreviewParams = z.object({ lang: z.string().refine(isCitizenLang), page: z.enum(previewPages as [Exclude<PageId, 'read'>, ...Exclude<PageId, 'read'>[]]) });
  page(app, deps, { method: 'GET', url: `${EDITOR}/forhaandsvisning/:lang/:page`, ...admin }, async (scope, req, reply) => {
    const params = parsePath(PreviewParams, req.params);
    const draft = await currentDraft(scope);
    if (!draft) return redirect(EDITOR);
    await scope.audit({ action: 'citizen.site.preview', entityType: 'citizen_site_revision', entityId: draft.id });
    const frame = {
      ...citizenFrame(params.lang as CitizenLang, draft.document, params.page),
      linkBase: (code: CitizenLang, target: PageId) => `${EDITOR}/forhaandsvisning/${code}/${target === 'read' ? 'write' : target}`,
    };
    const banner = (
      <div class="callout" role="note">
        <p lang={scope.lang}>{scope.t('citizenadmin.previewBanner', { revision: draft.revision })} <a href={EDITOR}>{scope.t('citizenadmin.title')}</a></p>
      </div>
    );
    reply.type('text/html; charset=utf-8').send(renderCitizenDocument(frame, <>{banner}{contentPageBody(frame, params.page)}</>));
    return SENT;
  });
}

export function registerCitizenInbox(app: FastifyInstance, deps: AppDeps): void {
  registerInbox(app, deps);
  registerEditor(app, deps);
}
