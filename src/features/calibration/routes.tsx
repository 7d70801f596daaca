/** Calibration pages: vignettes, rounds, answering a vignette, and a round's results. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PROFESSIONAL_GROUPS } from '../../platform/access/roles.js';
import type { AppDeps } from '../../platform/deps.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { submitForm } from '../../platform/http/forms.js';
import { page, redirect, view, type PageResult } from '../../platform/http/routes.js';
import type { Scope } from '../../platform/http/scope.js';
import { parsePath, strictNumber, versionField } from '../../platform/http/validation.js';
import { formatDate, type Translate } from '../../platform/i18n/index.js';
import { Alert, ChoiceGroup, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../platform/layout/forms.js';
import { registerNavItem } from '../../platform/layout/nav.js';
import { registerHomePanel } from '../home/panels.js';
import { instrumentById } from '../screening/instrument/use-cases.js';
import { ScreeningForm } from '../screening/schemas.js';
import { InstrumentFields } from '../screening/views.js';
import './messages.js';
import { CALIBRATION_MANAGERS, CALIBRATION_ROLES } from './policy.js';
import { ResultsPage, resultsCharts } from './results-view.js';
import { RoundInput, VignetteInput, VignetteUpdate, type Round, type Vignette } from './schemas.js';
import {
  closeRound, createRound, createVignette, getRound, getVignette, listRounds, listVignettes, roundsRead, mayAnswer, maySeeResults,
  roundResults, roundVignettes, submitAnswer, updateVignette, vignetteToAnswer,
} from './use-cases.js';

const IdParams = z.object({ id: z.uuid() });
const AnswerParams = z.object({ id: z.uuid(), position: strictNumber(z.coerce.number().int().min(1).max(10_000)) });
const CloseForm = z.object({ version: versionField });
const managers = { auth: 'user', roles: CALIBRATION_MANAGERS } as const;
const everyone = { auth: 'user', roles: CALIBRATION_ROLES } as const;

/** An address with a malformed id is a page that does not exist. */
function crumbs(t: Translate, ...rest: { label: string; href?: string }[]) {
  return [{ label: t('layout.home'), href: '/' }, { label: t('calibration.title'), href: rest.length > 0 ? '/kalibrering' : undefined }, ...rest];
}

function RoundList(props: { scope: Scope; rounds: Round[]; manager: boolean; notice?: string }) {
  const { scope, rounds } = props;
  const { t, lang } = scope;
  return (
    <div>
      <h1>{t('calibration.title')}</h1>
      {props.notice ? <Alert variant="success">{props.notice}</Alert> : null}
      <p class="font-lead">{t('calibration.intro')}</p>
      {props.manager ? (
        <p>
          <a class="button button-primary" href="/kalibrering/runder/ny">{t('calibration.round.new')}</a>{' '}
          <a class="button button-secondary" href="/kalibrering/vignetter">{t('calibration.vignettes.title')}</a>
        </p>
      ) : null}
      {rounds.length === 0 ? (
        <p>{t('calibration.rounds.none')}</p>
      ) : (
        <table class="table table--zebra">
          <thead>
            <tr>
              <th scope="col">{t('calibration.rounds.name')}</th>
              <th scope="col">{t('calibration.rounds.started')}</th>
              <th scope="col">{t('calibration.rounds.status')}</th>
              <th scope="col">{t('calibration.rounds.yours')}</th>
              <th scope="col">{t('calibration.rounds.results')}</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((round) => (
              <tr>
                <td><a href={`/kalibrering/runder/${round.id}`}>{round.name}</a></td>
                <td>{formatDate(lang, round.createdAt)}</td>
                <td>{t(`calibration.rounds.status.${round.status}`)}</td>
                <td>{mayAnswer(scope, round) || round.answered > 0 ? t('calibration.rounds.answered', { answered: round.answered, total: round.vignettes }) : '–'}</td>
                <td>{maySeeResults(scope, round) ? <a href={`/kalibrering/runder/${round.id}/resultater`}>{t('calibration.rounds.seeResults')}</a> : t('calibration.rounds.afterAnswering')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function VignetteFields(props: { state: FormState; t: Translate; edit: boolean }) {
  const { state, t } = props;
  return (
    <>
      <TextField state={state} name="title" label={t('calibration.vignette.title')} hint={t('calibration.vignette.titleHint')} />
      <TextArea state={state} name="body" label={t('calibration.vignette.body')} hint={t('calibration.vignette.bodyHint')} rows={8} maxLength={5000} />
      <SelectField state={state} name="expectedLevel" label={t('calibration.vignette.expected')} hint={t('calibration.vignette.expectedHint')} placeholder={t('calibration.vignette.choose')}
        options={[0, 1, 2, 3].map((level) => ({ value: String(level), label: `${level} – ${t(`plans.level.${level}`)}` }))} />
      <TextArea state={state} name="teachingNote" label={t('calibration.vignette.note')} hint={t('calibration.vignette.noteHint')} optional rows={4} maxLength={3000} />
      {props.edit ? (
        <div class="form-group">
          <input class="form-checkbox" id="field-archived" type="checkbox" name="archived" value="on" checked={state.values.archived === true || state.values.archived === 'on'} />
          <label for="field-archived">{t('calibration.vignette.archived')}</label>
        </div>
      ) : null}
    </>
  );
}

export function registerCalibrationPages(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: '/kalibrering', labelKey: 'nav.calibration', roles: CALIBRATION_ROLES, order: 34 });

  page(app, deps, { method: 'GET', url: '/kalibrering', ...everyone }, async (scope, req) => {
    const rounds = await listRounds(scope);
    const notice = (req.query as Record<string, string>).notice;
    const manager = CALIBRATION_MANAGERS.includes(scope.user().role);
    return view(scope.t('calibration.title'), <RoundList scope={scope} rounds={rounds} manager={manager} notice={notice === 'closed' ? scope.t('calibration.round.closed') : undefined} />, { crumbs: crumbs(scope.t), wide: true });
  });

  // ---- Vignettes (the unit) ----
  page(app, deps, { method: 'GET', url: '/kalibrering/vignetter', ...managers }, async (scope, req) => {
    const all = (req.query as Record<string, string>).arkiv === '1';
    const vignettes = await listVignettes(scope, { includeArchived: all });
    const { t } = scope;
    return view(t('calibration.vignettes.title'), (
      <div>
        <h1>{t('calibration.vignettes.title')}</h1>
        <p>{t('calibration.vignettes.intro')}</p>
        <p><a class="button button-primary" href="/kalibrering/vignetter/ny">{t('calibration.vignettes.new')}</a></p>
        <p>{all ? <a href="/kalibrering/vignetter">{t('calibration.vignettes.hideArchived')}</a> : <a href="/kalibrering/vignetter?arkiv=1">{t('calibration.vignettes.showArchived')}</a>}</p>
        {vignettes.length === 0 ? <p>{t('calibration.vignettes.none')}</p> : (
          <table class="table table--zebra">
            <thead><tr><th scope="col">{t('calibration.vignette.title')}</th><th scope="col">{t('calibration.vignette.expected')}</th><th scope="col">{t('calibration.rounds.status')}</th></tr></thead>
            <tbody>
              {vignettes.map((v) => (
                <tr>
                  <td><a href={`/kalibrering/vignetter/${v.id}`}>{v.title}</a></td>
                  <td>{v.expectedLevel} – {t(`plans.level.${v.expectedLevel}`)}</td>
                  <td>{v.archived ? t('calibration.vignette.isArchived') : t('calibration.vignette.active')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    ), { crumbs: crumbs(scope.t, { label: t('calibration.vignettes.title') }) });
  });

  const renderVignetteForm = (scope: Scope, vignette: Vignette | null, state: FormState, status = 200): PageResult => {
    const { t } = scope;
    const title = vignette ? vignette.title : t('calibration.vignettes.new');
    return view(title, (
      <div>
        <h1>{title}</h1>
        <ErrorSummary state={state} />
        <form method="post" action={vignette ? `/kalibrering/vignetter/${vignette.id}` : '/kalibrering/vignetter/ny'} novalidate>
          <CsrfField token={scope.actor!.csrfToken} />
          {vignette ? <input type="hidden" name="version" value={String(state.values.version ?? vignette.version)} /> : null}
          <VignetteFields state={state} t={t} edit={vignette !== null} />
          <button type="submit" class="button button-primary">{t('calibration.vignette.save')}</button>
        </form>
      </div>
    ), { status, crumbs: crumbs(t, { label: t('calibration.vignettes.title'), href: '/kalibrering/vignetter' }, { label: title }) });
  };

  page(app, deps, { method: 'GET', url: '/kalibrering/vignetter/ny', ...managers }, async (scope) => renderVignetteForm(scope, null, { values: {}, errors: [], t: scope.t }));

  page(app, deps, { method: 'POST', url: '/kalibrering/vignetter/ny', ...managers }, async (scope, req) => {
    const outcome = await submitForm(scope, req.body, VignetteInput, (input) => createVignette(scope, input), (state, status) => renderVignetteForm(scope, null, state, status));
    return outcome.ok ? redirect('/kalibrering/vignetter') : outcome.page;
  });

  page(app, deps, { method: 'GET', url: '/kalibrering/vignetter/:id', ...managers }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const v = await getVignette(scope, id);
    return renderVignetteForm(scope, v, { values: { title: v.title, body: v.body, expectedLevel: String(v.expectedLevel), teachingNote: v.teachingNote ?? '', archived: v.archived, version: v.version }, errors: [], t: scope.t });
  });

  page(app, deps, { method: 'POST', url: '/kalibrering/vignetter/:id', ...managers }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const outcome = await submitForm(scope, req.body, VignetteUpdate, (input) => updateVignette(scope, id, input), async (state, status) => {
      const current = await getVignette(scope, id);
      return renderVignetteForm(scope, current, { ...state, values: { ...state.values, version: current.version } }, status);
    });
    return outcome.ok ? redirect('/kalibrering/vignetter') : outcome.page;
  });

  // ---- Rounds ----
  const renderNewRound = async (scope: Scope, state: FormState, status = 200): Promise<PageResult> => {
    const { t } = scope;
    const vignettes = await listVignettes(scope);
    return view(t('calibration.round.new'), (
      <div>
        <h1>{t('calibration.round.new')}</h1>
        <p>{t('calibration.round.intro')}</p>
        <ErrorSummary state={state} />
        <form method="post" action="/kalibrering/runder/ny" novalidate>
          <CsrfField token={scope.actor!.csrfToken} />
          <TextField state={state} name="name" label={t('calibration.round.name')} hint={t('calibration.round.nameHint')} />
          <ChoiceGroup state={state} name="groups" type="checkbox" legend={t('calibration.round.groups')} hint={t('calibration.round.groupsHint')}
            options={PROFESSIONAL_GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) }))} />
          <ChoiceGroup state={state} name="vignetteIds" type="checkbox" legend={t('calibration.round.vignettes')} hint={t('calibration.round.vignettesHint')}
            options={vignettes.map((v) => ({ value: v.id, label: v.title, hint: t('calibration.round.expectedHint', { level: v.expectedLevel }) }))} />
          <button type="submit" class="button button-primary">{t('calibration.round.start')}</button>
        </form>
      </div>
    ), { status, crumbs: crumbs(t, { label: t('calibration.round.new') }) });
  };

  page(app, deps, { method: 'GET', url: '/kalibrering/runder/ny', ...managers }, async (scope) => renderNewRound(scope, { values: {}, errors: [], t: scope.t }));

  page(app, deps, { method: 'POST', url: '/kalibrering/runder/ny', ...managers }, async (scope, req) => {
    const outcome = await submitForm(scope, req.body, RoundInput, (input) => createRound(scope, input), (state, status) => renderNewRound(scope, state, status));
    return outcome.ok ? redirect(`/kalibrering/runder/${outcome.value.id}`) : outcome.page;
  });

  page(app, deps, { method: 'GET', url: '/kalibrering/runder/:id', ...everyone }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const round = await getRound(scope, id);
    const vignettes = await roundVignettes(scope, round);
    const { t, lang } = scope;
    const manager = CALIBRATION_MANAGERS.includes(scope.user().role);
    const canAnswer = mayAnswer(scope, round);
    const next = vignettes.find((v) => !v.answered);
    const notice = (req.query as Record<string, string>).notice;
    return view(round.name, (
      <div>
        <h1>{round.name}</h1>
        {notice === 'done' ? <Alert variant="success">{t('calibration.answer.allDone')}</Alert> : null}
        <dl class="summary-list">
          <dt>{t('calibration.rounds.status')}</dt><dd>{t(`calibration.rounds.status.${round.status}`)}</dd>
          <dt>{t('calibration.rounds.started')}</dt><dd>{formatDate(lang, round.createdAt)}</dd>
          <dt>{t('calibration.round.groups')}</dt><dd>{round.groups.map((g) => t(`group.${g}`)).join(', ')}</dd>
          <dt>{t('calibration.round.vignettes')}</dt><dd>{round.vignettes}</dd>
        </dl>
        {canAnswer ? (
          <>
            <h2>{t('calibration.answer.heading')}</h2>
            <p>{t('calibration.answer.intro')}</p>
            <p>{t('calibration.rounds.answered', { answered: round.answered, total: round.vignettes })}</p>
            {next ? <p><a class="button button-primary" href={`/kalibrering/runder/${round.id}/vignet/${next.position}`}>{round.answered === 0 ? t('calibration.answer.start') : t('calibration.answer.continue')}</a></p> : null}
          </>
        ) : null}
        {maySeeResults(scope, round) ? (
          <p><a class="button button-secondary" href={`/kalibrering/runder/${round.id}/resultater`}>{t('calibration.rounds.seeResults')}</a></p>
        ) : <p>{t('calibration.rounds.afterAnsweringLong')}</p>}
        {manager && round.status === 'open' ? (
          <form method="post" action={`/kalibrering/runder/${round.id}/luk`}>
            <CsrfField token={scope.actor!.csrfToken} />
            <input type="hidden" name="version" value={String(round.version)} />
            <button type="submit" class="button button-secondary">{t('calibration.round.close')}</button>
            <span class="form-hint">{t('calibration.round.closeHint')}</span>
          </form>
        ) : null}
      </div>
    ), { crumbs: crumbs(t, { label: round.name }) });
  });

  page(app, deps, { method: 'POST', url: '/kalibrering/runder/:id/luk', ...managers }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const outcome = await submitForm(scope, req.body, CloseForm, (input) => closeRound(scope, id, input.version), async (state, status) => {
      const round = await getRound(scope, id);
      return view(round.name, (
        <div>
          <h1>{round.name}</h1>
          <ErrorSummary state={state} />
          <p><a href={`/kalibrering/runder/${round.id}`}>{scope.t('calibration.answer.back')}</a></p>
        </div>
      ), { status, crumbs: crumbs(scope.t, { label: round.name, href: `/kalibrering/runder/${round.id}` }) });
    });
    return outcome.ok ? redirect('/kalibrering?notice=closed') : outcome.page;
  });

  const renderAnswer = async (scope: Scope, roundId: string, position: number, state: FormState | null, status = 200): Promise<PageResult> => {
    const { round, vignette, instrument } = await vignetteToAnswer(scope, roundId, position);
    const { t, lang } = scope;
    const formState = state ?? { values: { finalLevel: '', instrumentId: instrument.id, submissionKey: randomUUID() }, errors: [], t };
    const title = t('calibration.answer.title', { position: vignette.position, total: round.vignettes });
    return view(title, (
      <div>
        <h1>{title}</h1>
        <p class="form-hint">{round.name}</p>
        <section class="vignette" aria-labelledby="vignette-title">
          <h2 id="vignette-title">{vignette.title}</h2>
          {vignette.body.split(/\n{2,}/).map((paragraph) => <p>{paragraph}</p>)}
        </section>
        {vignette.answered ? <Alert variant="info">{t('calibration.answer.already')}</Alert> : (
          <>
            <p>{t('calibration.answer.private')}</p>
            <ErrorSummary state={formState} />
            <form method="post" action={`/kalibrering/runder/${round.id}/vignet/${vignette.position}`} novalidate class="screening-form">
              <CsrfField token={scope.actor!.csrfToken} />
              <input type="hidden" name="instrumentId" value={String(formState.values.instrumentId ?? instrument.id)} />
              <input type="hidden" name="submissionKey" value={String(formState.values.submissionKey ?? randomUUID())} />
              <InstrumentFields definition={instrument.definition} state={formState} lang={lang} t={t} withJudgement />
              <button type="submit" class="button button-primary">{t('calibration.answer.submit')}</button>
            </form>
          </>
        )}
        <p class="mt-6"><a href={`/kalibrering/runder/${round.id}`}>{t('calibration.answer.back')}</a> · <span class="form-hint">{t('calibration.answer.version', { number: instrument.number })}</span></p>
      </div>
    ), { status, crumbs: crumbs(t, { label: round.name, href: `/kalibrering/runder/${round.id}` }, { label: title }) });
  };

  page(app, deps, { method: 'GET', url: '/kalibrering/runder/:id/vignet/:position', ...everyone }, async (scope, req) => {
    const { id, position } = parsePath(AnswerParams, req.params);
    return renderAnswer(scope, id, position, null);
  });

  page(app, deps, { method: 'POST', url: '/kalibrering/runder/:id/vignet/:position', ...everyone }, async (scope, req) => {
    const { id, position } = parsePath(AnswerParams, req.params);
    const outcome = await submitForm(scope, req.body, ScreeningForm, (input) => submitAnswer(scope, id, position, input), (state, status) => renderAnswer(scope, id, position, state, status));
    if (!outcome.ok) return outcome.page;
    return redirect(outcome.value.next === null ? `/kalibrering/runder/${id}?notice=done` : `/kalibrering/runder/${id}/vignet/${outcome.value.next}`);
  });

  page(app, deps, { method: 'GET', url: '/kalibrering/runder/:id/resultater', ...everyone }, async (scope, req) => {
    const { id } = parsePath(IdParams, req.params);
    const results = await roundResults(scope, id);
    const instrument = await instrumentById(scope, results.round.instrumentId);
    const charts = await resultsCharts(results, instrument.definition, scope.lang, scope.t);
    const title = scope.t('calibration.results.title', { name: results.round.name });
    return view(title, <ResultsPage results={results} definition={instrument.definition} charts={charts} lang={scope.lang} t={scope.t} />, {
      wide: true, crumbs: crumbs(scope.t, { label: results.round.name, href: `/kalibrering/runder/${id}` }, { label: scope.t('calibration.rounds.results') }),
    });
  });
}

registerHomePanel({
  id: 'calibration',
  roles: CALIBRATION_ROLES,
  order: 50,
  reads: (scope) => ({ rounds: roundsRead(scope) }),
  render: (scope, { rounds }) => {
    const open = rounds.filter((round) => mayAnswer(scope, round) && round.answered < round.vignettes);
    const manager = CALIBRATION_MANAGERS.includes(scope.user().role);
    if (open.length === 0 && !manager) return null;
    return (
      <section class="home-panel">
        <h2>{scope.t('calibration.title')}</h2>
        {open.length > 0 ? (
          <ul>
            {open.map((round) => (
              <li><a href={`/kalibrering/runder/${round.id}`}>{round.name}</a>: {scope.t('calibration.rounds.answered', { answered: round.answered, total: round.vignettes })}</li>
            ))}
          </ul>
        ) : null}
        {manager ? <p><a href="/kalibrering">{scope.t('calibration.home.manage')}</a></p> : null}
      </section>
    );
  },
});
