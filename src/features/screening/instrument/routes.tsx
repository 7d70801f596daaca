/**
 * Administration of the instrument: the list of versions, a draft edited as plain form fields,
 * a preview of exactly what professionals will see, and publishing.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../../platform/deps.js';
import { ConflictError, ValidationError } from '../../../platform/http/errors.js';
import { FORM_FIELD } from '../../../platform/http/forms.js';
import { page, redirect, view, type PageResult } from '../../../platform/http/routes.js';
import type { Scope } from '../../../platform/http/scope.js';
import { noticeFrom, parseOrThrow, parsePath, versionField } from '../../../platform/http/validation.js';
import { formatDateTime, type Lang, type Translate } from '../../../platform/i18n/index.js';
import { Alert, CsrfField, ErrorSummary, TextArea, TextField, type FormState } from '../../../platform/layout/forms.js';
import { registerNavItem } from '../../../platform/layout/nav.js';
import { registerHomePanel } from '../../home/panels.js';
import '../messages.js';
import type { Instrument } from '../schemas.js';
import { InstrumentFields, LevelRuleText } from '../views.js';
import { local, type InstrumentDefinition } from './definition.js';
import { definitionFromForm, formValues, RULE_FIELDS } from './form.js';
import { createInstrumentDraft, getInstrumentVersion, listInstrumentVersions, publishInstrumentDraft, updateInstrumentDraft } from './use-cases.js';

const IdParams = z.object({ id: z.uuid() });
const PublishForm = z.object({ version: versionField });
const admin = { auth: 'user', roles: ['admin'] } as const;

function crumbs(t: Translate, last?: string) {
  return [
    { label: t('layout.home'), href: '/' },
    { label: t('nav.admin') },
    { label: t('screening.instrument.title'), href: last ? '/admin/instrument' : undefined },
    ...(last ? [{ label: last }] : []),
  ];
}

function VersionList(props: { t: Translate; lang: Scope['lang']; versions: Instrument[]; csrf: string | null; notice?: string }) {
  const { t, lang } = props;
  const draft = props.versions.find((v) => v.status === 'draft');
  return (
    <div>
      <h1>{t('screening.instrument.title')}</h1>
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      <p>{t('screening.instrument.intro')}</p>
      {draft ? (
        <p><a class="button button-primary" href={`/admin/instrument/${draft.id}`}>{t('screening.instrument.continueDraft', { number: draft.number })}</a></p>
      ) : (
        <form method="post" action="/admin/instrument/udkast">
          <CsrfField token={props.csrf} />
          <button type="submit" class="button button-primary">{t('screening.instrument.newDraft')}</button>
        </form>
      )}
      <table class="table table--zebra mt-6">
        <thead>
          <tr>
            <th scope="col">{t('screening.instrument.col.number')}</th>
            <th scope="col">{t('screening.instrument.col.status')}</th>
            <th scope="col">{t('screening.instrument.col.published')}</th>
            <th scope="col">{t('screening.instrument.col.note')}</th>
          </tr>
        </thead>
        <tbody>
          {props.versions.map((v) => (
            <tr>
              <td><a href={`/admin/instrument/${v.id}`}>{t('screening.result.versionValue', { number: v.number })}</a></td>
              <td>{t(`screening.instrument.status.${v.status}`)}</td>
              <td>{v.publishedAt ? formatDateTime(lang, v.publishedAt) : '–'}</td>
              <td>{v.changeNote ?? (v.number === 1 ? t('screening.instrument.builtIn') : '–')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LocalPair(props: { state: FormState; name: string; label: string; t: Translate; long?: boolean }) {
  const { state, name, label, t } = props;
  return props.long ? (
    <div class="text-pair">
      <TextArea state={state} name={`${name}_da`} label={`${label} (${t('screening.instrument.da')})`} rows={2} maxLength={1000} />
      <TextArea state={state} name={`${name}_en`} label={`${label} (${t('screening.instrument.en')})`} rows={2} maxLength={1000} />
    </div>
  ) : (
    <div class="text-pair">
      <TextField state={state} name={`${name}_da`} label={`${label} (${t('screening.instrument.da')})`} />
      <TextField state={state} name={`${name}_en`} label={`${label} (${t('screening.instrument.en')})`} />
    </div>
  );
}

function DraftEditor(props: { t: Translate; lang: Lang; instrument: Instrument; state: FormState; csrf: string | null; notice?: string }) {
  const { t, lang, instrument, state } = props;
  const definition = instrument.definition;
  return (
    <div>
      <h1>{t('screening.instrument.draftTitle', { number: instrument.number })}</h1>
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      <p>{t('screening.instrument.draftIntro')}</p>
      <ErrorSummary state={state} />
      <p>
        <a href={`/admin/instrument/${instrument.id}/forhaandsvisning`}>{t('screening.instrument.preview')}</a>
      </p>
      <form method="post" action={`/admin/instrument/${instrument.id}`} novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="version" value={String(state.values.version ?? instrument.version)} />
        <TextArea state={state} name="changeNote" label={t('screening.instrument.changeNote')} hint={t('screening.instrument.changeNoteHint')} optional rows={3} maxLength={2000} />
        <h2>{t('screening.instrument.ruleHeading')}</h2>
        <p>{t('screening.instrument.ruleIntro')}</p>
        {RULE_FIELDS.map((key) => (
          <TextField state={state} name={`rule_${key}`} label={t(`screening.instrument.rule.${key}`)} type="number" inputmode="numeric" width="xs" />
        ))}
        <h2>{t('screening.instrument.levelsHeading')}</h2>
        {definition.levels.map((level) => (
          <fieldset class="edit-block">
            <legend class="h3">{t('screening.instrument.levelLegend', { level: level.level })}</legend>
            <LocalPair state={state} name={`level${level.level}_name`} label={t('screening.instrument.levelName')} t={t} />
            <LocalPair state={state} name={`level${level.level}_explanation`} label={t('screening.instrument.levelExplanation')} t={t} long />
          </fieldset>
        ))}
        <h2>{t('screening.form.domainsHeading')}</h2>
        {definition.domains.map((domain, d) => (
          <fieldset class="edit-block">
            <legend class="h3">{`${d + 1}. ${local(domain.title, lang)}`}</legend>
            <LocalPair state={state} name={`domain${d}_title`} label={t('screening.instrument.domainTitle')} t={t} />
            <LocalPair state={state} name={`domain${d}_help`} label={t('screening.instrument.domainHelp')} t={t} long />
            {domain.steps.map((_, s) => (
              <LocalPair state={state} name={`domain${d}_step${s}`} label={t('screening.instrument.stepText', { step: s })} t={t} long />
            ))}
          </fieldset>
        ))}
        <h2>{t('screening.form.redFlagsHeading')}</h2>
        {definition.redFlags.map((flag, f) => (
          <fieldset class="edit-block">
            <legend class="h3">{local(flag.label, lang)}</legend>
            <LocalPair state={state} name={`flag${f}_label`} label={t('screening.instrument.flagLabel')} t={t} />
            <LocalPair state={state} name={`flag${f}_help`} label={t('screening.instrument.flagHelp')} t={t} long />
          </fieldset>
        ))}
        <h2>{t('screening.form.relationsHeading')}</h2>
        {definition.relations.map((relation, r) => (
          <LocalPair state={state} name={`relation${r}_label`} label={local(relation.label, lang)} t={t} />
        ))}
        <button type="submit" class="button button-primary">{t('screening.instrument.saveDraft')}</button>
      </form>
      <h2>{t('screening.instrument.publishHeading')}</h2>
      <p>{t('screening.instrument.publishText')}</p>
      <form method="post" action={`/admin/instrument/${instrument.id}/udgiv`}>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="version" value={String(instrument.version)} />
        <button type="submit" class="button button-secondary">{t('screening.instrument.publish', { number: instrument.number })}</button>
      </form>
    </div>
  );
}

/** A published or retired version, read-only: the texts past assessments were made with. */
function VersionView(props: { t: Translate; lang: Scope['lang']; instrument: Instrument; state?: FormState }) {
  const { t, lang, instrument } = props;
  return (
    <div>
      <h1>{t('screening.result.versionValue', { number: instrument.number })}</h1>
      {props.state ? <ErrorSummary state={props.state} /> : null}
      <Alert variant="info">{t('screening.instrument.readOnly')}</Alert>
      <dl class="summary-list">
        <dt>{t('screening.instrument.col.status')}</dt><dd>{t(`screening.instrument.status.${instrument.status}`)}</dd>
        <dt>{t('screening.instrument.col.published')}</dt><dd>{instrument.publishedAt ? formatDateTime(lang, instrument.publishedAt) : '–'}</dd>
        <dt>{t('screening.instrument.col.note')}</dt><dd>{instrument.changeNote ?? '–'}</dd>
      </dl>
      <InstrumentPreview t={t} lang={lang} definition={instrument.definition} />
    </div>
  );
}

function InstrumentPreview(props: { t: Translate; lang: Scope['lang']; definition: InstrumentDefinition }) {
  const { t, lang, definition } = props;
  return (
    <>
      <h2>{t('screening.rule.heading')}</h2>
      <LevelRuleText definition={definition} lang={lang} t={t} />
      <h2>{t('screening.instrument.levelsHeading')}</h2>
      <dl class="level-texts">
        {definition.levels.map((level) => (
          <>
            <dt>{level.level} – {local(level.name, lang)}</dt>
            <dd>{local(level.explanation, lang)}</dd>
          </>
        ))}
      </dl>
      <h2>{t('screening.instrument.formPreview')}</h2>
      <div class="preview-frame" aria-label={t('screening.instrument.formPreview')} role="region">
        <InstrumentFields definition={definition} state={{ values: { finalLevel: '' }, errors: [], t }} lang={lang} t={t} withJudgement />
      </div>
    </>
  );
}

const NOTICES: Record<string, string> = { saved: 'screening.instrument.saved', published: 'screening.instrument.published', draft: 'screening.instrument.draftCreated' };

export function registerInstrumentAdminPages(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: '/admin/instrument', labelKey: 'nav.adminInstrument', roles: ['admin'], order: 84 });

  const renderVersion = (scope: Scope, instrument: Instrument, state: FormState, notice?: string, status = 200): PageResult =>
    instrument.status === 'draft'
      ? view(scope.t('screening.instrument.draftTitle', { number: instrument.number }), <DraftEditor t={scope.t} lang={scope.lang} instrument={instrument} state={state} csrf={scope.actor!.csrfToken} notice={notice} />, {
          status, crumbs: crumbs(scope.t, scope.t('screening.result.versionValue', { number: instrument.number })),
        })
      : view(scope.t('screening.result.versionValue', { number: instrument.number }), <VersionView t={scope.t} lang={scope.lang} instrument={instrument} state={state} />, {
          status, crumbs: crumbs(scope.t, scope.t('screening.result.versionValue', { number: instrument.number })),
        });

  page(app, deps, { method: 'GET', url: '/admin/instrument', ...admin }, async (scope, req) => {
    const versions = await listInstrumentVersions(scope);
    const notice = noticeFrom(NOTICES, req.query);
    return view(scope.t('screening.instrument.title'), <VersionList t={scope.t} lang={scope.lang} versions={versions} csrf={scope.actor!.csrfToken} notice={notice ? scope.t(notice) : undefined} />, { crumbs: crumbs(scope.t) });
  });

  page(app, deps, { method: 'POST', url: '/admin/instrument/udkast', ...admin }, async (scope) => {
    const draft = await createInstrumentDraft(scope);
    return redirect(`/admin/instrument/${draft.id}?notice=draft`);
  });

  page(app, deps, { method: 'GET', url: '/admin/instrument/:id', ...admin }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const instrument = await getInstrumentVersion(scope, id);
    const notice = noticeFrom(NOTICES, req.query);
    const state = { values: formValues(instrument.definition, { version: instrument.version, changeNote: instrument.changeNote ?? '' }), errors: [], t: scope.t };
    return renderVersion(scope, instrument, state, notice ? scope.t(notice) : undefined);
  });

  page(app, deps, { method: 'POST', url: '/admin/instrument/:id', ...admin }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const instrument = await getInstrumentVersion(scope, id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      await scope.tx.query('savepoint instrument_form');
      if (instrument.status !== 'draft') {
        throw new ValidationError([{ field: FORM_FIELD, messageKey: 'screening.instrument.publishedLocked', params: { number: instrument.number } }]);
      }
      const parsed = definitionFromForm(instrument.definition, body);
      await updateInstrumentDraft(scope, id, parsed);
      return redirect(`/admin/instrument/${id}?notice=saved`);
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
      await scope.tx.query('rollback to savepoint instrument_form');
      const errors = error instanceof ValidationError ? error.fields : [{ field: FORM_FIELD, messageKey: error.messageKey }];
      const current = await getInstrumentVersion(scope, id);
      return renderVersion(scope, current, { values: { ...body, version: current.version }, errors, t: scope.t }, undefined, error instanceof ConflictError ? 409 : 400);
    }
  });

  page(app, deps, { method: 'GET', url: '/admin/instrument/:id/forhaandsvisning', ...admin }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const instrument = await getInstrumentVersion(scope, id);
    const title = scope.t('screening.instrument.previewTitle', { number: instrument.number });
    return view(title, (
      <div>
        <h1>{title}</h1>
        <p>{scope.t('screening.instrument.previewIntro')}</p>
        <p><a href={`/admin/instrument/${instrument.id}`}>{scope.t('screening.instrument.backToDraft')}</a></p>
        <InstrumentPreview t={scope.t} lang={scope.lang} definition={instrument.definition} />
      </div>
    ), { crumbs: crumbs(scope.t, title) });
  });

  page(app, deps, { method: 'POST', url: '/admin/instrument/:id/udgiv', ...admin }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    try {
      await scope.tx.query('savepoint instrument_publish');
      const { version } = parseOrThrow(PublishForm, req.body ?? {});
      await publishInstrumentDraft(scope, id, version);
      return redirect('/admin/instrument?notice=published');
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
      await scope.tx.query('rollback to savepoint instrument_publish');
      const current = await getInstrumentVersion(scope, id);
      const errors = error instanceof ValidationError ? error.fields.map((f) => (f.field === 'changeNote' ? f : { ...f, field: f.field || FORM_FIELD })) : [{ field: FORM_FIELD, messageKey: error.messageKey }];
      const state = { values: formValues(current.definition, { version: current.version, changeNote: current.changeNote ?? '' }), errors, t: scope.t };
      return renderVersion(scope, current, state, undefined, error instanceof ConflictError ? 409 : 400);
    }
  });
}

registerHomePanel({
  id: 'admin-instrument',
  roles: ['admin'],
  order: 910,
  render: async (scope) => (
    <section class="home-panel">
      <h2>{scope.t('screening.instrument.homeTitle')}</h2>
      <ul>
        <li><a href="/admin/instrument">{scope.t('screening.instrument.title')}</a></li>
      </ul>
    </section>
  ),
});
