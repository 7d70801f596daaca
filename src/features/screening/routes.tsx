/** Pages for making and reading assessments with "Fælles vurdering". */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.js';
import { FORM_FIELD, submitForm } from '../../platform/http/forms.js';
import { page, redirect, view } from '../../platform/http/routes.js';
import type { Scope } from '../../platform/http/scope.js';
import { parsePath } from '../../platform/http/validation.js';
import { formatDateTime as formDateTime, type Translate } from '../../platform/i18n/index.js';
import { Alert, CsrfField, ErrorSummary, type FormState } from '../../platform/layout/forms.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { recordLevelOnCase } from '../action-plans/case-link.js';
import { registerNavItem } from '../../platform/layout/nav.js';
import { registerHomePanel } from '../home/panels.js';
import { local } from './instrument/definition.js';
import { getPublishedInstrument, instrumentById } from './instrument/use-cases.js';
import { computeLevel } from './level-rule.js';
import './messages.js';
import { SCREENING_ROLES, UNIT_ROLES } from './policy.js';
import { ScreeningForm, SCREENING_CONTEXTS, type Instrument, type Screening, type ScreeningSummary } from './schemas.js';
import { createScreening, getScreening, listScreenings, screeningsRead } from './use-cases.js';
import { AnswersTable, GroundText, InstrumentFields, LevelBadge, LevelRuleText } from './views.js';

const IdParams = z.object({ id: z.uuid() });
const HIDDEN_FIELDS = ['instrumentId', 'submissionKey', 'context', 'caseId', 'inquiryId'];
const NewQuery = z.object({
  context: z.enum(SCREENING_CONTEXTS).optional().catch(undefined),
  caseId: z.uuid().optional().catch(undefined),
  inquiryId: z.uuid().optional().catch(undefined),
});

/**
 * What the result page shows below the level: the action plan for the user's group. The
 * action-plans feature registers it, so this feature does not depend on it.
 */
export type ResultSection = (scope: Scope, screening: Screening, instrument: Instrument) => Promise<VNode | null>;
const resultSections: ResultSection[] = [];
export function registerScreeningResultSection(section: ResultSection): void {
  if (!resultSections.includes(section)) resultSections.push(section);
}

function crumbs(t: Translate, last?: string) {
  return [
    { label: t('layout.home'), href: '/' },
    { label: t('screening.title'), href: last ? '/vurdering' : undefined },
    ...(last ? [{ label: last }] : []),
  ];
}

function ScreeningList(props: { t: Translate; lang: Scope['lang']; screenings: ScreeningSummary[]; instrument: Instrument; all: boolean; unit: boolean }) {
  const { t, lang } = props;
  return (
    <div>
      <h1>{t('screening.title')}</h1>
      <p class="font-lead">{t('screening.intro')}</p>
      <p><a class="button button-primary" href="/vurdering/ny">{t('screening.new')}</a></p>
      <h2>{props.all ? t('screening.list.allHeading') : t('screening.list.mineHeading')}</h2>
      {props.unit ? (
        <p>
          {props.all ? <a href="/vurdering">{t('screening.list.showMine')}</a> : <a href="/vurdering?all=1">{t('screening.list.showAll')}</a>}
        </p>
      ) : null}
      {props.screenings.length === 0 ? (
        <p>{t('screening.list.none')}</p>
      ) : (
        <table class="table table--zebra">
          <thead>
            <tr>
              <th scope="col">{t('screening.list.date')}</th>
              <th scope="col">{t('screening.list.level')}</th>
              <th scope="col">{t('screening.list.context')}</th>
              <th scope="col">{t('screening.list.version')}</th>
            </tr>
          </thead>
          <tbody>
            {props.screenings.map((s) => (
              <tr>
                <td><a href={`/vurdering/${s.id}`}>{formDateTime(lang, s.createdAt)}</a></td>
                <td><LevelBadge definition={props.instrument.definition} level={s.finalLevel} lang={lang} /></td>
                <td>{t(`screening.context.${s.context}`)}</td>
                <td>{s.instrumentNumber}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('screening.rule.heading')}</h2>
      <LevelRuleText definition={props.instrument.definition} lang={lang} t={t} />
      <p><a href="/handleplaner">{t('screening.list.plansLink')}</a></p>
    </div>
  );
}

/** The assessment form; also rendered again with the user's input and messages after a refusal. */
export function renderScreeningForm(scope: Scope, instrument: Instrument, state: FormState, status = 200) {
  const { t, lang } = scope;
  const values = state.values;
  return view(t('screening.new'), (
    <div>
      <h1>{t('screening.new')}</h1>
      <p class="font-lead">{t('screening.form.intro')}</p>
      <Alert variant="info">{t('screening.form.noNames')}</Alert>
      <ErrorSummary state={state} />
      <form method="post" action="/vurdering/ny" novalidate class="screening-form">
        <CsrfField token={scope.actor!.csrfToken} />
        <input type="hidden" name="instrumentId" value={String(values.instrumentId ?? instrument.id)} />
        <input type="hidden" name="submissionKey" value={String(values.submissionKey ?? randomUUID())} />
        <input type="hidden" name="context" value={String(values.context ?? 'standalone')} />
        {values.caseId ? <input type="hidden" name="caseId" value={String(values.caseId)} /> : null}
        {values.inquiryId ? <input type="hidden" name="inquiryId" value={String(values.inquiryId)} /> : null}
        <p class="form-hint">{t('screening.form.version', { number: instrument.number })}</p>
        <InstrumentFields definition={instrument.definition} state={state} lang={lang} t={t} withJudgement />
        <button type="submit" class="button button-primary">{t('screening.form.submit')}</button>
      </form>
    </div>
  ), { status, crumbs: crumbs(t, t('screening.new')) });
}

/** Roles that work cases and may record a level on one (the cases feature checks the case itself). */
const CASE_ROLES = ['adviser', 'caseworker', 'manager'];

export function ScreeningResult(props: { scope: Scope; screening: Screening; instrument: Instrument; sections: VNode[]; created: boolean; notice?: string }) {
  const { scope, screening, instrument } = props;
  const { t, lang } = scope;
  const definition = instrument.definition;
  const computed = computeLevel(definition.levelRule, { ratings: screening.ratings as never, redFlags: screening.redFlags as never });
  const raised = screening.finalLevel > screening.computedLevel;
  return (
    <div>
      <h1>{t('screening.result.title')}</h1>
      {props.created ? <Alert variant="success">{t('screening.result.saved')}</Alert> : null}
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      {screening.finalLevel === 3 ? (
        <Alert variant="error" heading={t('screening.result.acuteHeading')}>{t('screening.result.acuteText')}</Alert>
      ) : null}
      <div class={`level-result level-result-${screening.finalLevel}`}>
        <p class="level-result-label">{t('screening.result.level')}</p>
        <p class="level-result-value"><LevelBadge definition={definition} level={screening.finalLevel} lang={lang} /></p>
        <p>{local(definition.levels[screening.finalLevel].explanation, lang)}</p>
      </div>
      <h2>{t('screening.result.whyHeading')}</h2>
      <GroundText definition={definition} ground={computed.ground} lang={lang} t={t} />
      {raised ? (
        <>
          <p>{t('screening.result.raised', { from: `${screening.computedLevel} – ${local(definition.levels[screening.computedLevel].name, lang)}` })}</p>
          {screening.raiseReason ? (
            <blockquote class="raise-reason">
              <p class="weight-semibold">{t('screening.result.reason')}</p>
              <p>{screening.raiseReason}</p>
            </blockquote>
          ) : null}
        </>
      ) : null}
      {screening.caseId && CASE_ROLES.includes(scope.user().role) ? (
        <form method="post" action={`/vurdering/${screening.id}/sag-niveau`} class="no-print case-level-form">
          <CsrfField token={scope.actor!.csrfToken} />
          <button type="submit" class="button button-secondary">{t('screening.caseLevel.button')}</button>
          <span class="form-hint">{t('screening.caseLevel.hint')}</span>
        </form>
      ) : null}
      {props.sections}
      <h2>{t('screening.result.answersHeading')}</h2>
      <AnswersTable definition={definition} ratings={screening.ratings} redFlags={screening.redFlags} relations={screening.relations} lang={lang} t={t} />
      <h2>{t('screening.result.aboutHeading')}</h2>
      <dl class="summary-list">
        <dt>{t('screening.result.made')}</dt><dd>{formDateTime(lang, screening.createdAt)}</dd>
        <dt>{t('screening.result.version')}</dt><dd>{t('screening.result.versionValue', { number: instrument.number })}</dd>
        <dt>{t('screening.result.context')}</dt><dd>{t(`screening.context.${screening.context}`)}</dd>
      </dl>
      <p class="mt-6"><a href="/vurdering">{t('screening.result.back')}</a></p>
    </div>
  );
}

export function registerScreeningPages(app: FastifyInstance, deps: AppDeps): void {
  registerCaseLevelRoute(app, deps);
  registerNavItem({ href: '/vurdering', labelKey: 'nav.screening', roles: SCREENING_ROLES, order: 30 });
  const screeners = { auth: 'user', roles: SCREENING_ROLES } as const;

  page(app, deps, { method: 'GET', url: '/vurdering', ...screeners }, async (scope, req) => {
    const all = (req.query as Record<string, string>).all === '1';
    const instrument = await getPublishedInstrument(scope);
    const screenings = await listScreenings(scope, { all });
    const unit = UNIT_ROLES.includes(scope.user().role);
    return view(scope.t('screening.title'), <ScreeningList t={scope.t} lang={scope.lang} screenings={screenings} instrument={instrument} all={all && unit} unit={unit} />, { crumbs: crumbs(scope.t) });
  });

  page(app, deps, { method: 'GET', url: '/vurdering/ny', ...screeners }, async (scope, req) => {
    const query = NewQuery.parse(req.query ?? {});
    const instrument = await getPublishedInstrument(scope);
    const context = query.caseId ? 'case' : query.inquiryId ? 'inquiry' : query.context ?? 'standalone';
    return renderScreeningForm(scope, instrument, { values: { finalLevel: '', context, caseId: query.caseId, inquiryId: query.inquiryId }, errors: [], t: scope.t });
  });

  page(app, deps, { method: 'POST', url: '/vurdering/ny', ...screeners }, async (scope, req) => {
    const outcome = await submitForm(scope, req.body, ScreeningForm, (input) => createScreening(scope, input), async (state, status) => {
      // Show the form again in the version it was filled in with, if that still exists.
      const formInstrument = typeof state.values.instrumentId === 'string' && IdParams.shape.id.safeParse(state.values.instrumentId).success
        ? await instrumentById(scope, state.values.instrumentId).catch(() => null)
        : null;
      // Hidden fields have no control to link to: their messages go to the top of the form.
      const errors = state.errors.map((e) => (HIDDEN_FIELDS.includes(e.field) ? { ...e, field: FORM_FIELD } : e));
      return renderScreeningForm(scope, formInstrument && formInstrument.status !== 'draft' ? formInstrument : await getPublishedInstrument(scope), { ...state, errors }, status);
    });
    if (!outcome.ok) return outcome.page;
    return redirect(`/vurdering/${outcome.value.id}?saved=1`);
  });

  page(app, deps, { method: 'GET', url: '/vurdering/:id', ...screeners }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const screening = await getScreening(scope, id);
    const instrument = await instrumentById(scope, screening.instrumentId);
    const sections: VNode[] = [];
    for (const section of resultSections) {
      const node = await section(scope, screening, instrument);
      if (node) sections.push(node);
    }
    const query = req.query as Record<string, string>;
    const created = query.saved === '1';
    const notice = query.notice === 'tasks' ? scope.t('screening.tasksDone') : query.notice === 'level' ? scope.t('screening.caseLevel.done') : undefined;
    return view(scope.t('screening.result.title'), <ScreeningResult scope={scope} screening={screening} instrument={instrument} sections={sections} created={created} notice={notice} />, {
      crumbs: crumbs(scope.t, scope.t('screening.result.title')),
    });
  });
}

/** "Record the level on the case": the cases feature checks access and writes the risk history. */
function registerCaseLevelRoute(app: FastifyInstance, deps: AppDeps): void {
  page(app, deps, { method: 'POST', url: '/vurdering/:id/sag-niveau', auth: 'user', roles: ['adviser', 'caseworker', 'manager'] }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const screening = await getScreening(scope, id);
    if (!screening.caseId) throw new NotFoundError();
    const outcome = await recordLevelOnCase(scope, screening.caseId, {
      level: screening.finalLevel,
      reason: scope.t('screening.caseLevel.reason', { number: screening.instrumentNumber, level: screening.finalLevel }),
      assessmentId: screening.id,
    });
    if (outcome === 'cases_unavailable') throw new NotFoundError();
    return redirect(`/vurdering/${id}?notice=level`);
  });
}

registerHomePanel({
  id: 'screening',
  roles: SCREENING_ROLES,
  order: 40,
  reads: (scope) => ({ screenings: screeningsRead(scope, { limit: 5 }) }),
  render: async (scope, { screenings }) => {
    // The level labels come from the instrument: read only when there is something to label.
    const instrument = screenings.length > 0 ? await getPublishedInstrument(scope) : null;
    return (
      <section class="home-panel">
        <h2>{scope.t('screening.home.title')}</h2>
        <p>{scope.t('screening.home.text')}</p>
        <p><a class="button button-secondary" href="/vurdering/ny">{scope.t('screening.new')}</a></p>
        {instrument ? (
          <ul>
            {screenings.map((s) => (
              <li>
                <a href={`/vurdering/${s.id}`}>{formDateTime(scope.lang, s.createdAt)}</a>: <LevelBadge definition={instrument.definition} level={s.finalLevel} lang={scope.lang} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    );
  },
});
