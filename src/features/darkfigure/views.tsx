/**
 * The hidden-number pages: the form (a GET form: an estimate is a read, and its address can be
 * bookmarked), the result with its figures, chart, overlap table, model, warnings and method
 * notes, and the bootstrap's status page. Every count goes through `formatShown`, so nothing under
 * 5 reaches the page.
 */
import type { Lang, Translate } from '../../platform/i18n/index.js';
import { formatDate } from '../../platform/i18n/index.js';
import { Alert, ChoiceGroup, CsrfField, ErrorSummary, SelectField, type FormState } from '../../platform/layout/forms.js';
import type { JobRun } from '../../platform/jobs/tracked.js';
import type { Analysis, DarkFigureWarning, EstimateAnalysis, PairIndex, WithheldAnalysis } from './analysis.js';
import { formatCount, formatExpected, formatInterval, formatPValue, formatShown, joinList, pairName, sectorName } from './format.js';
import type { BootstrapSummary } from './job.js';
import { FIRST_YEAR, lastYear, queryString, SOURCE_SECTORS, type DarkFigureQuery, type SourceSector } from './schemas.js';
import type { Shown } from './suppression.js';

export const PAGE = '/moerketal';

interface Common {
  t: Translate;
  lang: Lang;
}

/** The query form. `state.values` holds what the user sent (or the defaults). */
export function QueryForm(props: Common & { state: FormState }) {
  const { t, state } = props;
  return (
    <form method="get" action={PAGE} class="darkfigure-form" novalidate>
      <h2>{t('darkfigure.form.heading')}</h2>
      <div class="darkfigure-period">
        <SelectField state={state} name="year" label={t('darkfigure.form.year')} hint={t('darkfigure.form.yearHint')}
          options={Array.from({ length: lastYear() - FIRST_YEAR + 1 }, (_, i) => String(lastYear() - i)).map((year) => ({ value: year, label: year }))} />
      </div>
      <ChoiceGroup state={state} name="sectors" type="checkbox" legend={t('darkfigure.form.sectors')} hint={t('darkfigure.form.sectorsHint')}
        options={SOURCE_SECTORS.map((sector) => ({ value: sector, label: sectorName(t, sector) }))} />
      <ChoiceGroup state={state} name="method" type="radio" legend={t('darkfigure.form.method')} options={[
        { value: 'stepwise', label: t('darkfigure.form.method.stepwise'), hint: t('darkfigure.form.method.stepwiseHint') },
        { value: 'independence', label: t('darkfigure.form.method.independence'), hint: t('darkfigure.form.method.independenceHint') },
      ]} />
      <button type="submit" class="button button-primary">{t('darkfigure.form.submit')}</button>
    </form>
  );
}

/** The whole page: introduction, errors, form, and the result when there is one. */
export function DarkFigurePage(props: Common & { state: FormState; analysis: Analysis | null; query: DarkFigureQuery | null; chart: string | null; csrf: string | null }) {
  const { t, lang, analysis, query } = props;
  return (
    <div class="darkfigure">
      <h1>{t('darkfigure.title')}</h1>
      <p class="font-lead">{t('darkfigure.lead')}</p>
      <p>{t('darkfigure.howLinked')}</p>
      <ErrorSummary state={props.state} />
      <QueryForm t={t} lang={lang} state={props.state} />
      {analysis && query ? <Result t={t} lang={lang} analysis={analysis} query={query} chart={props.chart} csrf={props.csrf} /> : null}
    </div>
  );
}

function QuerySummary(props: Common & { query: DarkFigureQuery }) {
  const { t, lang, query } = props;
  return (
    <dl class="summary-list darkfigure-summary">
      <dt>{t('darkfigure.summary.period')}</dt>
      <dd>{t('darkfigure.summary.periodValue', { from: formatDate(lang, query.from), to: formatDate(lang, query.to) })}</dd>
      <dt>{t('darkfigure.summary.sources')}</dt>
      <dd>{joinList(lang, query.sectors.map((sector) => sectorName(t, sector)))}</dd>
      <dt>{t('darkfigure.summary.method')}</dt>
      <dd>{t(`darkfigure.method.${query.method}`)}</dd>
    </dl>
  );
}

function Result(props: Common & { analysis: Analysis; query: DarkFigureQuery; chart: string | null; csrf: string | null }) {
  const { t, lang, analysis, query } = props;
  return (
    <section class="darkfigure-result" aria-labelledby="darkfigure-result-heading">
      <h2 id="darkfigure-result-heading">{t('darkfigure.figures.heading')}</h2>
      <QuerySummary t={t} lang={lang} query={query} />
      {analysis.kind === 'estimate' ? (
        <EstimateFigures t={t} lang={lang} analysis={analysis} chart={props.chart} />
      ) : (
        <Withheld t={t} lang={lang} analysis={analysis} />
      )}
      <OverlapTable t={t} lang={lang} lists={analysis.lists} counts={analysis.counts} />
      <Unlinked t={t} lang={lang} unlinked={analysis.unlinked} />
      {analysis.kind === 'estimate' ? (
        <>
          <ModelInWords t={t} lang={lang} analysis={analysis} />
          <Warnings t={t} lang={lang} lists={analysis.lists} warnings={analysis.warnings} />
          <MethodNotes t={t} lang={lang} analysis={analysis} />
          <BootstrapStart t={t} query={query} csrf={props.csrf} />
          <Exports t={t} query={query} />
        </>
      ) : null}
    </section>
  );
}

function StatCard(props: { label: string; value: string; hint: string; extra?: string }) {
  return (
    <div class="stat-card">
      <p class="stat-card-label">{props.label}</p>
      <p class="stat-card-value">{props.value}</p>
      <p class="form-hint">{props.hint}</p>
      {props.extra ? <p class="darkfigure-interval">{props.extra}</p> : null}
    </div>
  );
}

function EstimateFigures(props: Common & { analysis: EstimateAnalysis; chart: string | null }) {
  const { t, lang, analysis } = props;
  const { result } = analysis;
  const unseen = formatInterval(lang, t, result.unseen.ci95.profile);
  const total = formatInterval(lang, t, result.total.ci95.profile);
  return (
    <>
      <div class="stat-cards">
        <StatCard label={t('darkfigure.figures.linked')} value={formatShown(lang, analysis.counts.observed)} hint={t('darkfigure.figures.linkedHint')} />
        <StatCard label={t('darkfigure.figures.unseen')} value={formatCount(lang, result.unseen.estimate)} hint={t('darkfigure.figures.unseenHint')}
          extra={t('darkfigure.figures.interval', { low: unseen.low, high: unseen.high })} />
        <StatCard label={t('darkfigure.figures.total')} value={formatCount(lang, result.total.estimate)} hint={t('darkfigure.figures.totalHint')}
          extra={t('darkfigure.figures.interval', { low: total.low, high: total.high })} />
      </div>
      <p>{t('darkfigure.figures.reading', { total: formatCount(lang, result.total.estimate), unseen: formatCount(lang, result.unseen.estimate), low: unseen.low, high: unseen.high })}</p>
      <EstimateTable t={t} lang={lang} linked={analysis.counts.observed} unseen={{ estimate: result.unseen.estimate, profile: result.unseen.ci95.profile, wald: result.unseen.ci95.wald }}
        total={{ estimate: result.total.estimate, profile: result.total.ci95.profile, wald: result.total.ci95.wald }} />
      {props.chart ? <Chart svg={props.chart} caption={t('darkfigure.chart.caption')} /> : null}
    </>
  );
}

type Quantity = { estimate: number; profile: [number | null, number | null]; wald: [number | null, number | null]; bootstrap?: BootstrapSummary['unseen']['bootstrap'] };

/** The estimates with every interval, as a table (the chart's data, too). */
export function EstimateTable(props: Common & { linked: Shown; unseen: Quantity; total: Quantity }) {
  const { t, lang } = props;
  const withBootstrap = props.unseen.bootstrap !== undefined;
  const row = (label: string, quantity: Quantity) => (
    <tr>
      <th scope="row">{label}</th>
      <td class="darkfigure-number">{formatCount(lang, quantity.estimate)}</td>
      <td>{formatInterval(lang, t, quantity.profile).both}</td>
      <td>{formatInterval(lang, t, quantity.wald).both}</td>
      {withBootstrap ? <td>{formatInterval(lang, t, quantity.bootstrap?.bca ?? null).both}</td> : null}
      {withBootstrap ? <td>{formatInterval(lang, t, quantity.bootstrap?.percentile ?? null).both}</td> : null}
    </tr>
  );
  return (
    <div class="table--responsive-scroll">
      <table class="table table--zebra darkfigure-estimates">
        <caption>{t('darkfigure.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('darkfigure.table.row')}</th>
            <th scope="col">{t('darkfigure.table.estimate')}</th>
            <th scope="col">{t('darkfigure.table.profile')}</th>
            <th scope="col">{t('darkfigure.table.wald')}</th>
            {withBootstrap ? <th scope="col">{t('darkfigure.table.bootstrap')}</th> : null}
            {withBootstrap ? <th scope="col">{t('darkfigure.table.percentile')}</th> : null}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('darkfigure.row.linked')}</th>
            <td class="darkfigure-number">{formatShown(lang, props.linked)}</td>
            <td>–</td>
            <td>–</td>
            {withBootstrap ? <td>–</td> : null}
            {withBootstrap ? <td>–</td> : null}
          </tr>
          {row(t('darkfigure.row.unseen'), props.unseen)}
          {row(t('darkfigure.row.total'), props.total)}
        </tbody>
      </table>
    </div>
  );
}

/** The chart SVG comes from our own renderer (escaped labels, no scripts, no inline styles). */
export function Chart(props: { svg: string; caption: string }) {
  return (
    <figure class="chart darkfigure-chart">
      <div class="chart-svg" dangerouslySetInnerHTML={{ __html: props.svg }} />
      <figcaption class="form-hint">{props.caption}</figcaption>
    </figure>
  );
}

function Withheld(props: Common & { analysis: WithheldAnalysis }) {
  const { t, lang, analysis } = props;
  const { reason, lists } = analysis;
  let text: string;
  if (reason.code === 'protects_small_counts') {
    const counts = [
      ...reason.lists.map((i) => t('darkfigure.withheld.listTotal', { source: sectorName(t, lists[i]) })),
      ...reason.pairs.map(([i, j]) => t('darkfigure.withheld.pairOverlap', { a: sectorName(t, lists[i]), b: sectorName(t, lists[j]) })),
      ...(reason.linked ? [t('darkfigure.withheld.linkedCount')] : []),
    ];
    text = t('darkfigure.withheld.protects_small_counts', { counts: counts.join('; ') });
  } else {
    const model = [t('darkfigure.withheld.mainEffects'), ...reason.model.map((pair) => pairName(t, lists, pair))].join(' + ');
    text = t(`darkfigure.withheld.${reason.code}`, { model });
  }
  return (
    <Alert variant="warning" heading={t('darkfigure.withheld.heading')} t={t}>
      <p>{text}</p>
    </Alert>
  );
}

/** The overlap table: list totals on the diagonal, pair overlaps elsewhere, all suppressed. */
export function OverlapTable(props: Common & { lists: SourceSector[]; counts: Analysis['counts'] }) {
  const { t, lang, lists, counts } = props;
  return (
    <section aria-labelledby="darkfigure-overlap-heading">
      <h3 id="darkfigure-overlap-heading">{t('darkfigure.overlap.heading')}</h3>
      <div class="table--responsive-scroll">
        <table class="table table--zebra darkfigure-matrix">
          <caption>{t('darkfigure.overlap.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('darkfigure.overlap.source')}</th>
              {lists.map((sector) => <th scope="col" class="darkfigure-number">{sectorName(t, sector)}</th>)}
            </tr>
          </thead>
          <tbody>
            {lists.map((sector, i) => (
              <tr>
                <th scope="row">{sectorName(t, sector)}</th>
                {lists.map((_, j) => (
                  <td class={i === j ? 'darkfigure-number darkfigure-diagonal' : 'darkfigure-number'}>{formatShown(lang, counts.pairs[i][j])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t('darkfigure.overlap.linked', { linked: formatShown(lang, counts.observed) })}</p>
      <p class="form-hint">{t('darkfigure.overlap.suppressionNote')}</p>
    </section>
  );
}

function Unlinked(props: Common & { unlinked: Shown }) {
  const { t, lang } = props;
  return (
    <section aria-labelledby="darkfigure-unlinked-heading">
      <h3 id="darkfigure-unlinked-heading">{t('darkfigure.unlinked.heading')}</h3>
      <p>{t('darkfigure.unlinked.text', { records: formatShown(lang, props.unlinked) })}</p>
      <p>{t('darkfigure.unlinked.meaning')}</p>
    </section>
  );
}

/** The chosen model in plain words: which sources depend on each other, and how. */
export function modelSentences(t: Translate, lang: Lang, analysis: EstimateAnalysis): { intro: string; pairs: string[]; outro: string | null } {
  const { result, lists } = analysis;
  if (result.model.method === 'independence') return { intro: t('darkfigure.model.independence'), pairs: [], outro: null };
  if (result.model.steps.length === 0) return { intro: t('darkfigure.model.noPairs'), pairs: [], outro: null };
  const pairs = result.model.steps.map((step) => {
    const [a, b] = step.pair.split(':').map((name) => sectorName(t, name as SourceSector));
    if (step.emptyOverlap) return t('darkfigure.model.pairExcluding', { a, b });
    const i = lists.indexOf(step.pair.split(':')[0] as SourceSector);
    const j = lists.indexOf(step.pair.split(':')[1] as SourceSector);
    const overlap = formatShown(lang, analysis.counts.pairs[i][j]);
    const key = step.overlap > step.expected ? 'darkfigure.model.pairMore' : 'darkfigure.model.pairFewer';
    return t(key, { a, b, overlap, expected: formatExpected(lang, step.expected), p: formatPValue(lang, step.p) });
  });
  return { intro: t('darkfigure.model.pairsIntro'), pairs, outro: t('darkfigure.model.otherPairs') };
}

function ModelInWords(props: Common & { analysis: EstimateAnalysis }) {
  const { t, lang } = props;
  const sentences = modelSentences(t, lang, props.analysis);
  return (
    <section aria-labelledby="darkfigure-model-heading">
      <h3 id="darkfigure-model-heading">{t('darkfigure.model.heading')}</h3>
      <p>{sentences.intro}</p>
      {sentences.pairs.length > 0 ? <ol class="darkfigure-model">{sentences.pairs.map((text) => <li>{text}</li>)}</ol> : null}
      {sentences.outro ? <p>{sentences.outro}</p> : null}
    </section>
  );
}

/** The warnings in words (from the suppressed figures, never the engine's exact counts). */
export function warningTexts(t: Translate, lang: Lang, lists: SourceSector[], warnings: DarkFigureWarning[]): string[] {
  const pairs = (list: PairIndex[]) => list.map((pair) => pairName(t, lists, pair)).join('; ');
  return warnings.map((warning) => {
    switch (warning.code) {
      case 'few_linked':
        return t('darkfigure.warning.few_linked', { linked: formatCount(lang, warning.linked) });
      case 'small_pairs':
      case 'excluding_pairs':
      case 'refused_pairs':
        return t(`darkfigure.warning.${warning.code}`, { pairs: pairs(warning.pairs) });
      case 'estimate_over_ten_times':
        return t('darkfigure.warning.estimate_over_ten_times', { ratio: formatExpected(lang, warning.ratio) });
      case 'unbounded_interval':
        return t('darkfigure.warning.unbounded_interval');
    }
  });
}

function Warnings(props: Common & { lists: SourceSector[]; warnings: DarkFigureWarning[] }) {
  const { t, lang } = props;
  const texts = warningTexts(t, lang, props.lists, props.warnings);
  return (
    <section aria-labelledby="darkfigure-warnings-heading">
      <h3 id="darkfigure-warnings-heading">{t('darkfigure.warnings.heading')}</h3>
      {texts.length === 0 ? (
        <p>{t('darkfigure.warnings.none')}</p>
      ) : (
        <Alert variant="warning" t={t}>
          <ul class="darkfigure-warnings">{texts.map((text) => <li>{text}</li>)}</ul>
        </Alert>
      )}
    </section>
  );
}

function MethodNotes(props: Common & { analysis: EstimateAnalysis }) {
  const { t, lang } = props;
  return (
    <section aria-labelledby="darkfigure-notes-heading">
      <h3 id="darkfigure-notes-heading">{t('darkfigure.notes.heading')}</h3>
      <ul class="darkfigure-notes">{props.analysis.result.notes.map((note) => <li>{note.text[lang]}</li>)}</ul>
      <p class="form-hint">{t('darkfigure.notes.guide')}</p>
    </section>
  );
}

function QueryFields(props: { query: DarkFigureQuery }) {
  return (
    <>
      <input type="hidden" name="from" value={props.query.from} />
      <input type="hidden" name="to" value={props.query.to} />
      {props.query.sectors.map((sector) => <input type="hidden" name="sectors" value={sector} />)}
      <input type="hidden" name="method" value={props.query.method} />
    </>
  );
}

function BootstrapStart(props: { t: Translate; query: DarkFigureQuery; csrf: string | null }) {
  const { t } = props;
  return (
    <section aria-labelledby="darkfigure-bootstrap-heading">
      <h3 id="darkfigure-bootstrap-heading">{t('darkfigure.bootstrap.heading')}</h3>
      <p>{t('darkfigure.bootstrap.text')}</p>
      <form method="post" action={`${PAGE}/bootstrap`}>
        <CsrfField token={props.csrf} />
        <QueryFields query={props.query} />
        <button type="submit" class="button button-secondary">{t('darkfigure.bootstrap.start')}</button>
      </form>
    </section>
  );
}

function Exports(props: { t: Translate; query: DarkFigureQuery; runId?: string; level?: 2 | 3 }) {
  const { t, query, runId } = props;
  const extra: Record<string, string> = runId ? { bootstrap: runId } : {};
  // On the bootstrap's own page the section follows the h1 directly.
  const Heading = props.level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="darkfigure-export-heading">
      <Heading id="darkfigure-export-heading">{t('darkfigure.export.heading')}</Heading>
      <ul class="nobullet-list darkfigure-exports">
        <li><a href={`${PAGE}/eksport.csv?${queryString(query, extra)}`} download>{t(runId ? 'darkfigure.export.csvBootstrap' : 'darkfigure.export.csv')}</a></li>
        <li><a href={`${PAGE}/eksport.pdf?${queryString(query, extra)}`} download>{t(runId ? 'darkfigure.export.pdfBootstrap' : 'darkfigure.export.pdf')}</a></li>
      </ul>
      <p class="form-hint">{t('darkfigure.export.note')}</p>
    </section>
  );
}

/** The bootstrap's page: progress while it runs, the intervals when it is done. */
export function BootstrapPage(props: Common & { run: JobRun; query: DarkFigureQuery; summary: BootstrapSummary | null; chart: string | null; changed: boolean }) {
  const { t, lang, run, query, summary } = props;
  const back = `${PAGE}?${queryString(query)}`;
  const running = run.status === 'queued' || run.status === 'running';
  return (
    <div class="darkfigure">
      <h1>{t('darkfigure.bootstrap.title')}</h1>
      <QuerySummary t={t} lang={lang} query={query} />
      {running ? <Progress t={t} lang={lang} run={run} /> : null}
      {run.status === 'failed' || run.status === 'cancelled' ? (
        <Alert variant="error" heading={t(run.status === 'failed' ? 'darkfigure.bootstrap.failed' : 'darkfigure.bootstrap.cancelled')} t={t}>
          <p>{t(run.errorKey ?? 'jobs.failed')}</p>
        </Alert>
      ) : null}
      {run.status === 'done' && summary ? (
        <>
          <p role="status">{t('darkfigure.bootstrap.done')}</p>
          {props.changed ? <Alert variant="warning" t={t}><p>{t('darkfigure.bootstrap.changed')}</p></Alert> : null}
          <EstimateTable t={t} lang={lang} linked={{ state: 'shown', value: summary.observed }} unseen={summary.unseen} total={summary.total} />
          <p>{t('darkfigure.bootstrap.details', { resamples: formatCount(lang, summary.resamples) })}</p>
          {summary.notEstimable > 0 || summary.noBca ? (
            <Alert variant="warning" t={t}>
              <ul class="darkfigure-warnings">
                {summary.notEstimable > 0 ? <li>{t('darkfigure.bootstrap.notEstimable', { count: formatCount(lang, summary.notEstimable), resamples: formatCount(lang, summary.resamples) })}</li> : null}
                {summary.noBca ? <li>{t('darkfigure.bootstrap.noBca')}</li> : null}
              </ul>
            </Alert>
          ) : null}
          {props.chart ? <Chart svg={props.chart} caption={t('darkfigure.chart.caption')} /> : null}
          <Exports t={t} query={query} runId={run.id} level={2} />
        </>
      ) : null}
      {run.status === 'done' && !summary ? <Alert variant="info" t={t}><p>{t('darkfigure.bootstrap.removed')}</p></Alert> : null}
      <p><a href={back}>{t('darkfigure.bootstrap.back')}</a></p>
    </div>
  );
}

function Progress(props: Common & { run: JobRun }) {
  const { t, lang, run } = props;
  const total = run.progressTotal ?? 0;
  const text = total > 0 ? t('darkfigure.bootstrap.progressText', { done: formatCount(lang, run.progressDone), total: formatCount(lang, total) }) : '';
  return (
    <div class="darkfigure-progress">
      <p role="status" id="darkfigure-status">{t(run.status === 'queued' ? 'darkfigure.bootstrap.queued' : 'darkfigure.bootstrap.running')}</p>
      <label class="form-label" for="darkfigure-progress">{t('darkfigure.bootstrap.progressLabel')}</label>
      <progress id="darkfigure-progress" max={total > 0 ? total : undefined} value={total > 0 ? run.progressDone : undefined}
        data-job-url={`/api/v1/jobs/${run.id}`} data-progress-template={t('darkfigure.bootstrap.progressText')} data-running-text={t('darkfigure.bootstrap.running')}
        aria-describedby="darkfigure-progress-text">
        {text}
      </progress>
      <p id="darkfigure-progress-text" class="form-hint">{text}</p>
      <noscript>
        {/* No timed reload without JavaScript (WCAG 2.2.1): the user updates by the link below. */}
        <p>{t('darkfigure.bootstrap.updateByHand')}</p>
      </noscript>
      <p><a href={`${PAGE}/bootstrap/${run.id}`} class="function-link">{t('darkfigure.bootstrap.refresh')}</a></p>
      <script src="/static/app/darkfigure.js" defer></script>
    </div>
  );
}
