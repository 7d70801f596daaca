/** Pages for action plans: overview, one plan (also printable), editing with a change log, feedback. */
import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { PROFESSIONAL_GROUPS, type ProfessionalGroup } from '../../platform/access/roles.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { FORM_FIELD, submitForm } from '../../platform/http/forms.js';
import { page, redirect, view, type PageResult } from '../../platform/http/routes.js';
import type { Scope } from '../../platform/http/scope.js';
import { INT4_MAX, noticeFrom, parseOrThrow, strictNumber } from '../../platform/http/validation.js';
import { formatDateTime, type Translate } from '../../platform/i18n/index.js';
import { Alert, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../platform/layout/forms.js';
import { registerNavItem } from '../../platform/layout/nav.js';
import { registerHomePanel } from '../home/panels.js';
import { local } from '../screening/instrument/definition.js';
import { registerScreeningResultSection } from '../screening/routes.js';
import { getScreening } from '../screening/use-cases.js';
import type { Instrument, Screening } from '../screening/schemas.js';
import { casesAvailable, stepsToCase } from './case-link.js';
import { editorRowCount, stepFormValues, stepsFromForm } from './form.js';
import './messages.js';
import { PLAN_EDITORS, PLAN_READERS } from './policy.js';
import { DEADLINE_UNITS, FeedbackInput, PlanParams, STEP_KINDS } from './schemas.js';
import { feedbackSummary, getPlan, listPlans, listPlanVersions, loadPlan, myFeedback, recordFeedback, savePlanVersion, type LoadedPlan } from './use-cases.js';
import { FeedbackForm, FeedbackSummary, PlanSteps } from './views.js';

const LEVELS = [0, 1, 2, 3] as const;
/** The plan page's address parameters; unknown parameters are ignored. */
const PlanQuery = z.object({
  version: strictNumber(z.coerce.number().max(INT4_MAX).int().min(1)).optional(),
  udskrift: z.string().max(10).optional(),
  notice: z.string().max(40).optional(),
});
const ToCaseForm = z.object({
  caseId: z.uuid({ error: 'validation.invalid' }),
  number: strictNumber(z.coerce.number({ error: 'validation.invalid' }).max(INT4_MAX).int().min(1)),
  screeningId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: 'validation.invalid' }).optional()),
});

/**
 * Reads the plan page's query string like every other validated query (parseOrThrow: 400), but
 * with a message naming the parameter, since the error page shows no field list. A repeated
 * parameter (`?udskrift=1&udskrift=2`) arrives as an array and is refused the same way.
 */
function planQuery(query: unknown): z.output<typeof PlanQuery> {
  try {
    return parseOrThrow(PlanQuery, query ?? {});
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const names = [...new Set(error.fields.map((field) => field.field.split('.')[0]))].join(', ');
    throw new AppError('validation', 'plans.query.invalid', { names }, error.fields);
  }
}

/** A plan address with an unknown group or level is a page that does not exist (404). */
function planParams(params: unknown): z.output<typeof PlanParams> {
  const parsed = PlanParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

function planUrl(group: string, level: number): string {
  return `/handleplaner/${group}/${level}`;
}

function crumbs(t: Translate, last?: string) {
  return [
    { label: t('layout.home'), href: '/' },
    { label: t('plans.title'), href: last ? '/handleplaner' : undefined },
    ...(last ? [{ label: last }] : []),
  ];
}

function planTitle(t: Translate, group: string, level: number): string {
  return t('plans.planTitle', { group: t(`group.${group}`), level, levelName: t(`plans.level.${level}`) });
}

function Overview(props: { t: Translate; plans: LoadedPlan[]; own: ProfessionalGroup | null }) {
  const { t } = props;
  const groups = props.own ? [props.own, ...PROFESSIONAL_GROUPS.filter((g) => g !== props.own)] : [...PROFESSIONAL_GROUPS];
  return (
    <div>
      <h1>{t('plans.title')}</h1>
      <p class="font-lead">{t('plans.intro')}</p>
      <table class="table table--zebra plan-overview">
        <caption>{t('plans.overviewCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plans.group')}</th>
            {LEVELS.map((level) => <th scope="col">{level} – {t(`plans.level.${level}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr>
              <th scope="row">
                {t(`group.${group}`)}
                {group === props.own ? <strong> ({t('plans.yourGroup')})</strong> : null}
              </th>
              {LEVELS.map((level) => {
                const plan = props.plans.find((p) => p.group === group && p.level === level);
                return (
                  <td>
                    <a href={planUrl(group, level)}>{t('plans.open')}<span class="sr-only">: {planTitle(t, group, level)}</span></a>
                    {plan && plan.number > 1 ? <span class="form-hint"> ({t('plans.versionShort', { number: plan.number })})</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PlanPage(props: {
  scope: Scope; plan: LoadedPlan; isCurrent: boolean; print: boolean; notice?: string;
  mine: Map<string, boolean>; feedback: Awaited<ReturnType<typeof feedbackSummary>> | null;
  history: Awaited<ReturnType<typeof listPlanVersions>>;
  errors?: FormState;
}) {
  const { scope, plan } = props;
  const { t, lang } = scope;
  const url = planUrl(plan.group, plan.level);
  const csrf = scope.actor!.csrfToken;
  const canEdit = PLAN_EDITORS.includes(scope.user().role);
  return (
    <div class={props.print ? 'plan-page plan-print' : 'plan-page'}>
      <h1>{planTitle(t, plan.group, plan.level)}</h1>
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      {props.errors ? <ErrorSummary state={props.errors} /> : null}
      {!props.isCurrent ? <Alert variant="warning">{t('plans.oldVersion', { number: plan.number })} <a href={url}>{t('plans.seeCurrent')}</a></Alert> : null}
      <p class="plan-meta">{t('plans.meta', { number: plan.number, date: formatDateTime(lang, plan.createdAt) })}</p>
      {props.print ? (
        <p class="no-print"><a href={url}>{t('plans.backFromPrint')}</a> · {t('plans.printHint')}</p>
      ) : (
        <p class="no-print">
          <a href={`${url}?udskrift=1${props.isCurrent ? '' : `&version=${plan.number}`}`}>{t('plans.print')}</a>
          {canEdit && props.isCurrent ? <> · <a href={`${url}/rediger`}>{t('plans.edit')}</a></> : null}
        </p>
      )}
      <PlanSteps
        steps={plan.steps}
        lang={lang}
        t={t}
        extras={props.print ? undefined : {
          below: (step) => (
            <>
              {props.isCurrent ? <FeedbackForm action={`${url}/feedback`} number={plan.number} step={step} current={props.mine.get(step.key)} csrf={csrf} t={t} /> : null}
              {props.feedback ? <FeedbackSummary feedback={props.feedback.get(step.key)} t={t} /> : null}
            </>
          ),
        }}
      />
      {props.print ? null : (
        <section class="plan-history no-print">
          <h2>{t('plans.history')}</h2>
          <ol class="plan-history-list" reversed>
            {props.history.map((entry) => (
              <li>
                <a href={`${url}?version=${entry.number}`}>{t('plans.versionShort', { number: entry.number })}</a>
                {' – '}{formatDateTime(lang, entry.createdAt)}{entry.createdByName ? `, ${entry.createdByName}` : ''}
                {': '}{entry.changeNote ?? t('plans.builtIn')}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

function StepRow(props: { state: FormState; index: number; t: Translate }) {
  const { state, index: i, t } = props;
  return (
    <fieldset class="edit-block plan-edit-step">
      <legend class="h3">{t('plans.edit.stepLegend', { n: i + 1 })}</legend>
      <input type="hidden" name={`step${i}_key`} value={String(state.values[`step${i}_key`] ?? '')} />
      <SelectField state={state} name={`step${i}_kind`} label={t('plans.edit.kind')} options={STEP_KINDS.map((kind) => ({ value: kind, label: t(`plans.kind.${kind}`) }))} />
      <TextArea state={state} name={`step${i}_da`} label={t('plans.edit.textDa')} hint={t('plans.edit.textDaHint')} optional rows={3} maxLength={1500} />
      <TextArea state={state} name={`step${i}_en`} label={t('plans.edit.textEn')} optional rows={3} maxLength={1500} />
      <div class="deadline-fields">
        <TextField state={state} name={`step${i}_amount`} label={t('plans.edit.amount')} type="number" inputmode="numeric" width="xs" optional />
        <SelectField state={state} name={`step${i}_unit`} label={t('plans.edit.unit')} optional placeholder={t('plans.edit.noDeadline')} options={DEADLINE_UNITS.map((unit) => ({ value: unit, label: t(`plans.edit.unit.${unit}`) }))} />
      </div>
    </fieldset>
  );
}

function PlanEditor(props: { t: Translate; plan: LoadedPlan; state: FormState; csrf: string | null }) {
  const { t, plan, state } = props;
  // Sized from a capped count, never from the posted number (a form shown again after an error).
  const rows = editorRowCount(state.values, plan.steps.length);
  return (
    <div>
      <h1>{t('plans.edit.title', { plan: planTitle(t, plan.group, plan.level) })}</h1>
      <p>{t('plans.edit.intro', { number: plan.number + 1 })}</p>
      <ErrorSummary state={state} />
      <form method="post" action={`${planUrl(plan.group, plan.level)}/rediger`} novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="version" value={String(state.values.version ?? plan.version)} />
        <input type="hidden" name="rows" value={String(rows)} />
        <TextArea state={state} name="changeNote" label={t('plans.edit.changeNote')} hint={t('plans.edit.changeNoteHint')} rows={3} maxLength={2000} />
        {Array.from({ length: rows }, (_, i) => <StepRow state={state} index={i} t={t} />)}
        <button type="submit" class="button button-primary">{t('plans.edit.save')}</button>
      </form>
    </div>
  );
}

const NOTICES: Record<string, string> = { saved: 'plans.edit.saved', feedback: 'plans.feedback.thanks', tasks: 'plans.toCase.done' };

export function registerActionPlanPages(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: '/handleplaner', labelKey: 'nav.plans', roles: PLAN_READERS, order: 32 });
  const readers = { auth: 'user', roles: PLAN_READERS } as const;
  const editors = { auth: 'user', roles: PLAN_EDITORS } as const;

  page(app, deps, { method: 'GET', url: '/handleplaner', ...readers }, async (scope) => {
    const plans = await listPlans(scope);
    return view(scope.t('plans.title'), <Overview t={scope.t} plans={plans} own={scope.user().professionalGroup} />, { crumbs: crumbs(scope.t), wide: true });
  });

  const renderPlan = async (scope: Scope, group: ProfessionalGroup, level: number, query: z.output<typeof PlanQuery>, errors?: FormState, status = 200): Promise<PageResult> => {
    const plan = await getPlan(scope, group, level, query.version);
    const current = query.version === undefined ? plan : await loadPlan(scope, group, level);
    const print = query.udskrift === '1';
    const canReadFeedback = PLAN_EDITORS.includes(scope.user().role);
    const noticeKey = noticeFrom(NOTICES, query);
    const notice = noticeKey ? scope.t(noticeKey) : undefined;
    return view(planTitle(scope.t, group, level), (
      <PlanPage
        scope={scope} plan={plan} isCurrent={plan.number === current.number} print={print} notice={notice} errors={errors}
        mine={await myFeedback(scope, plan.versionId)}
        feedback={canReadFeedback && !print ? await feedbackSummary(scope, group, level) : null}
        history={await listPlanVersions(scope, group, level)}
      />
    ), { status, crumbs: crumbs(scope.t, planTitle(scope.t, group, level)) });
  };

  page(app, deps, { method: 'GET', url: '/handleplaner/:group/:level', ...readers }, async (scope, req) => {
    const { group, level } = planParams(req.params);
    return renderPlan(scope, group, level, planQuery(req.query));
  });

  page(app, deps, { method: 'POST', url: '/handleplaner/:group/:level/feedback', ...readers }, async (scope, req) => {
    const { group, level } = planParams(req.params);
    const outcome = await submitForm(scope, req.body, FeedbackInput, async (input) => {
      await recordFeedback(scope, group, level, input);
      return input;
    }, (state, status) => renderPlan(scope, group, level, {}, { ...state, errors: state.errors.map((e) => ({ ...e, field: FORM_FIELD })) }, status));
    if (!outcome.ok) return outcome.page;
    return redirect(`${planUrl(group, level)}?notice=feedback#step-${outcome.value.stepKey}`);
  });

  const renderEditor = async (scope: Scope, group: ProfessionalGroup, level: number, state: FormState | null, status = 200): Promise<PageResult> => {
    const plan = await loadPlan(scope, group, level);
    const formState = state ?? { values: { ...stepFormValues(plan.steps), version: plan.version }, errors: [], t: scope.t };
    return view(scope.t('plans.edit.title', { plan: planTitle(scope.t, group, level) }), <PlanEditor t={scope.t} plan={plan} state={formState} csrf={scope.actor!.csrfToken} />, {
      status, crumbs: crumbs(scope.t, planTitle(scope.t, group, level)),
    });
  };

  page(app, deps, { method: 'GET', url: '/handleplaner/:group/:level/rediger', ...editors }, async (scope, req) => {
    const { group, level } = planParams(req.params);
    return renderEditor(scope, group, level, null);
  });

  page(app, deps, { method: 'POST', url: '/handleplaner/:group/:level/rediger', ...editors }, async (scope, req) => {
    const { group, level } = planParams(req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    await scope.tx.query('savepoint plan_form');
    try {
      const parsed = stepsFromForm(body);
      await savePlanVersion(scope, group, level, parsed);
      return redirect(`${planUrl(group, level)}?notice=saved`);
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
      await scope.tx.query('rollback to savepoint plan_form');
      const errors = error instanceof ValidationError ? error.fields : [{ field: FORM_FIELD, messageKey: error.messageKey }];
      const current = await loadPlan(scope, group, level);
      // Keep everything typed; move the hidden version on so that saving again works.
      return renderEditor(scope, group, level, { values: { ...body, version: current.version }, errors, t: scope.t }, error instanceof ConflictError ? 409 : 400);
    }
  });

  page(app, deps, { method: 'POST', url: '/handleplaner/:group/:level/opgaver', auth: 'user', roles: ['adviser', 'caseworker', 'manager'] }, async (scope, req) => {
    const { group, level } = planParams(req.params);
    const outcome = await submitForm(scope, req.body, ToCaseForm, async (input) => {
      // The screening is the redirect target: it must exist, be visible and belong to the case.
      if (input.screeningId && !(await screeningOnCase(scope, input.screeningId, input.caseId))) {
        throw new ValidationError([{ field: FORM_FIELD, messageKey: 'plans.toCase.unknownScreening' }]);
      }
      const plan = await getPlan(scope, group, level, input.number);
      const result = await stepsToCase(scope, input.caseId, plan.steps, scope.lang);
      if (result === 'cases_unavailable') throw new ValidationError([{ field: FORM_FIELD, messageKey: 'plans.toCase.unavailable' }]);
      await scope.audit({ action: 'action_plan.to_case', entityType: 'case', entityId: input.caseId, details: { group, level, number: plan.number, ...result } });
      return input;
    }, (state, status) => view(scope.t('plans.toCase.failed'), (
      <div>
        <h1>{scope.t('plans.toCase.failed')}</h1>
        <ErrorSummary state={state} />
        <p><a href={planUrl(group, level)}>{scope.t('plans.toCase.back')}</a></p>
      </div>
    ), { status }));
    if (!outcome.ok) return outcome.page;
    return redirect(outcome.value.screeningId ? `/vurdering/${outcome.value.screeningId}?notice=tasks` : `${planUrl(group, level)}?notice=tasks`);
  });
}

/** Whether the actor may read the screening and it was made on the case (a refusal is a plain "no"). */
async function screeningOnCase(scope: Scope, screeningId: string, caseId: string): Promise<boolean> {
  try {
    const screening = await getScreening(scope, screeningId, { audit: false });
    return screening.caseId === caseId;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return false;
    throw error;
  }
}

/** On a screening's result page: the plan for the viewer's own group at the assessed level. */
async function resultSection(scope: Scope, screening: Screening, instrument: Instrument): Promise<VNode | null> {
  const { t, lang } = scope;
  const actor = scope.user();
  const level = screening.finalLevel;
  const levelName = local(instrument.definition.levels[level].name, lang);
  if (!actor.professionalGroup) {
    return (
      <section class="result-plan">
        <h2>{t('plans.result.headingNoGroup', { level: levelName })}</h2>
        <p>{t('plans.result.noGroup')}</p>
        <ul>{PROFESSIONAL_GROUPS.map((group) => <li><a href={planUrl(group, level)}>{t(`group.${group}`)}</a></li>)}</ul>
      </section>
    );
  }
  const plan = await loadPlan(scope, actor.professionalGroup, level);
  const canLink = screening.caseId !== null && ['adviser', 'caseworker', 'manager'].includes(actor.role) && (await casesAvailable());
  return (
    <section class="result-plan">
      <h2>{t('plans.result.heading', { group: t(`group.${actor.professionalGroup}`), level: levelName })}</h2>
      <PlanSteps steps={plan.steps} lang={lang} t={t} headingLevel={3} />
      <p>
        <a href={planUrl(actor.professionalGroup, level)}>{t('plans.result.open')}</a> · <a href={`${planUrl(actor.professionalGroup, level)}?udskrift=1`}>{t('plans.print')}</a>
      </p>
      {canLink ? (
        <form method="post" action={`${planUrl(actor.professionalGroup, level)}/opgaver`} class="no-print">
          <CsrfField token={actor.csrfToken} />
          <input type="hidden" name="caseId" value={screening.caseId!} />
          <input type="hidden" name="number" value={String(plan.number)} />
          <input type="hidden" name="screeningId" value={screening.id} />
          <button type="submit" class="button button-secondary">{t('plans.toCase.button')}</button>
          <span class="form-hint">{t('plans.toCase.hint')}</span>
        </form>
      ) : null}
    </section>
  );
}

registerScreeningResultSection(resultSection);

registerHomePanel({
  id: 'action-plans',
  roles: PLAN_READERS,
  order: 45,
  render: async (scope) => {
    const group = scope.user().professionalGroup;
    return (
      <section class="home-panel">
        <h2>{scope.t('plans.title')}</h2>
        <p>{group ? scope.t('plans.home.text', { group: scope.t(`group.${group}`) }) : scope.t('plans.home.textNoGroup')}</p>
        <p><a href="/handleplaner">{scope.t('plans.home.link')}</a></p>
      </section>
    );
  },
});

