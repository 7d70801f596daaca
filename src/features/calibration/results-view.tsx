/**
 * The results page of a calibration round: agreement on the level, the domains and the red
 * flags (overall, per professional group, per vignette), what to teach first, and the trend.
 * Every chart has a data table beside it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { describeNullReason, type NullReason } from '../../stats/agreement/index.js';
import { formatDate, formatNumber, type Lang, type Translate } from '../../platform/i18n/index.js';
import { local, type InstrumentDefinition } from '../screening/instrument/definition.js';
import { renderChart, STEP_COLOURS } from './charts.js';
import type { RoundResults } from './use-cases.js';
import type { VariableSummary } from './statistics.js';

export interface ResultsCharts {
  domains: string;
  vignettes: string;
  trend: string | null;
}

/** How many of the lowest-agreement vignettes get a bar in the chart (all are in the table). */
export const CHART_VIGNETTES = 10;

function alphaText(lang: Lang, t: Translate, value: number | null, reason: NullReason | null) {
  if (value === null) return <span class="stat-null">– <span class="form-hint">({describeNullReason(reason!, lang)})</span></span>;
  return <>{formatNumber(lang, value, 3)}</>;
}

function percentText(lang: Lang, value: number | null) {
  return value === null ? '–' : `${formatNumber(lang, value * 100, 1)} %`;
}

/** Krippendorff's reading of alpha: rely on ≥ 0.800, tentative from 0.667. */
export function alphaReading(value: number | null): 'reliable' | 'tentative' | 'low' | 'none' {
  if (value === null) return 'none';
  if (value >= 0.8) return 'reliable';
  if (value >= 0.667) return 'tentative';
  return 'low';
}

function variableName(definition: InstrumentDefinition, v: { key: string; kind: string }, lang: Lang, t: Translate): string {
  if (v.kind === 'level') return t('calibration.results.finalLevel');
  if (v.kind === 'domain') return local(definition.domains.find((d) => d.key === v.key)!.title, lang);
  return local(definition.redFlags.find((f) => f.key === v.key)!.label, lang);
}

function alphaOf(v: VariableSummary): { value: number | null; reason: NullReason | null } {
  return { value: v.krippendorffAlpha[v.metric], reason: v.reasons.krippendorffAlpha[v.metric] };
}

/** Draws the three charts (memoised, see charts.ts). */
export async function resultsCharts(results: RoundResults, definition: InstrumentDefinition, lang: Lang, t: Translate): Promise<ResultsCharts> {
  const { statistics } = results;
  const domains = domainsLowestFirst(statistics.variables);
  const domainData = domains.flatMap((d) =>
    statistics.domainDistribution
      .filter((row) => row.key === d.key)
      .map((row) => ({ domain: variableName(definition, d, lang, t), step: `${row.value} – ${t(`screening.step.${row.value}`)}`, count: row.count })),
  );
  const stackedBars = (data: unknown[], y: string, colourField: string, colourTitle: string, order: string[]): TopLevelSpec => ({
    width: 420,
    height: { step: 26 },
    data: { values: data as Record<string, unknown>[] },
    mark: { type: 'bar' },
    encoding: {
      y: { field: y, type: 'nominal', sort: order, title: null },
      x: { field: 'count', type: 'quantitative', stack: 'normalize', title: t('calibration.chart.share'), axis: { format: '.0%' } },
      color: { field: colourField, type: 'ordinal', title: colourTitle, scale: { range: STEP_COLOURS }, legend: { orient: 'bottom' } },
      order: { field: colourField, type: 'ordinal' },
    },
  });
  const domainChart = await renderChart(
    stackedBars(domainData, 'domain', 'step', t('calibration.chart.step'), domains.map((d) => variableName(definition, d, lang, t))),
    { id: 'chart-domains', title: t('calibration.chart.domainsTitle'), desc: t('calibration.chart.domainsDesc') },
  );
  const lowest = statistics.vignettesLowestFirst.slice(0, CHART_VIGNETTES);
  const titleOf = new Map(results.vignettes.map((v) => [v.id, `${v.position}. ${v.title}`]));
  const vignetteData = lowest.flatMap((s) =>
    [0, 1, 2, 3].map((level) => ({
      vignette: titleOf.get(String(s.subject)) ?? String(s.subject),
      level: `${level} – ${local(definition.levels[level].name, lang)}`,
      count: s.distribution.find((d) => d.value === level)?.count ?? 0,
    })),
  );
  const vignetteChart = await renderChart(
    stackedBars(vignetteData, 'vignette', 'level', t('calibration.chart.level'), lowest.map((s) => titleOf.get(String(s.subject)) ?? String(s.subject))),
    { id: 'chart-vignettes', title: t('calibration.chart.vignettesTitle', { count: lowest.length }), desc: t('calibration.chart.vignettesDesc') },
  );
  let trend: string | null = null;
  if (results.trend.length >= 2) {
    const trendData = results.trend.flatMap((p) => [
      { round: p.name, measure: t('calibration.chart.alpha'), value: p.levelAlpha },
      { round: p.name, measure: t('calibration.chart.percent'), value: p.levelPercent },
    ]).filter((row) => row.value !== null);
    trend = await renderChart({
      width: 420,
      height: 220,
      data: { values: trendData },
      mark: { type: 'line', point: { filled: true, size: 60 } },
      encoding: {
        x: { field: 'round', type: 'ordinal', sort: results.trend.map((p) => p.name), title: t('calibration.chart.round'), axis: { labelAngle: 0 } },
        y: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] }, title: t('calibration.chart.agreement') },
        color: { field: 'measure', type: 'nominal', title: null, scale: { range: ['#0b2f5c', '#b35900'] }, legend: { orient: 'bottom' } },
        strokeDash: { field: 'measure', type: 'nominal', legend: null },
      },
    }, { id: 'chart-trend', title: t('calibration.chart.trendTitle'), desc: t('calibration.chart.trendDesc') });
  }
  return { domains: domainChart, vignettes: vignetteChart, trend };
}

function domainsLowestFirst(variables: VariableSummary[]): VariableSummary[] {
  return variables
    .filter((v) => v.kind === 'domain')
    .sort((a, b) => {
      const x = alphaOf(a).value;
      const y = alphaOf(b).value;
      if (x === null || y === null) return (x === null ? 1 : 0) - (y === null ? 1 : 0);
      return x - y;
    });
}

/** The chart SVG comes from our own renderer (escaped labels, no scripts, no inline styles). */
function Chart(props: { svg: string; caption: string }) {
  return (
    <figure class="chart">
      <div class="chart-svg" dangerouslySetInnerHTML={{ __html: props.svg }} />
      <figcaption class="form-hint">{props.caption}</figcaption>
    </figure>
  );
}

function StatsRow(props: { name: string; v: VariableSummary; lang: Lang; t: Translate }) {
  const { v, lang, t } = props;
  const alpha = alphaOf(v);
  return (
    <tr>
      <th scope="row">{props.name}</th>
      <td>{t(`calibration.metric.${v.metric}`)}</td>
      <td>{alphaText(lang, t, alpha.value, alpha.reason)}</td>
      <td>{t(`calibration.reading.${alphaReading(alpha.value)}`)}</td>
      <td>{alphaText(lang, t, v.fleissKappa, v.reasons.fleissKappa)}</td>
      <td>{percentText(lang, v.percentAgreement)}</td>
      <td>{v.ratings}</td>
    </tr>
  );
}

function StatsHead(props: { t: Translate; first: string }) {
  const { t } = props;
  return (
    <thead>
      <tr>
        <th scope="col">{props.first}</th>
        <th scope="col">{t('calibration.results.col.scale')}</th>
        <th scope="col">{t('calibration.results.col.alpha')}</th>
        <th scope="col">{t('calibration.results.col.reading')}</th>
        <th scope="col">{t('calibration.results.col.kappa')}</th>
        <th scope="col">{t('calibration.results.col.percent')}</th>
        <th scope="col">{t('calibration.results.col.ratings')}</th>
      </tr>
    </thead>
  );
}

export function ResultsPage(props: { results: RoundResults; definition: InstrumentDefinition; charts: ResultsCharts; lang: Lang; t: Translate }) {
  const { results, definition, charts, lang, t } = props;
  const { statistics: s, round } = results;
  const level = s.variables.find((v) => v.kind === 'level')!;
  const levelAlpha = alphaOf(level);
  const domains = domainsLowestFirst(s.variables);
  const flags = s.variables.filter((v) => v.kind === 'red_flag');
  const byId = new Map(results.vignettes.map((v) => [v.id, v]));
  return (
    <div class="calibration-results">
      <h1>{t('calibration.results.title', { name: round.name })}</h1>
      <p class="font-lead">
        {t('calibration.results.lead', { raters: s.raters, answers: s.answers, vignettes: results.vignettes.length })}
      </p>
      {s.answers === 0 ? <p>{t('calibration.results.noAnswers')}</p> : null}
      <div class="stat-cards">
        <div class="stat-card">
          <p class="stat-card-label">{t('calibration.results.levelAlpha')}</p>
          <p class="stat-card-value">{alphaText(lang, t, levelAlpha.value, levelAlpha.reason)}</p>
          <p class="form-hint">{t(`calibration.reading.${alphaReading(levelAlpha.value)}`)}</p>
        </div>
        <div class="stat-card">
          <p class="stat-card-label">{t('calibration.results.levelKappa')}</p>
          <p class="stat-card-value">{alphaText(lang, t, level.fleissKappa, level.reasons.fleissKappa)}</p>
        </div>
        <div class="stat-card">
          <p class="stat-card-label">{t('calibration.results.levelPercent')}</p>
          <p class="stat-card-value">{percentText(lang, level.percentAgreement)}</p>
        </div>
      </div>
      <p>{t('calibration.results.howToRead')}</p>

      <h2>{t('calibration.results.overallHeading')}</h2>
      <table class="table table--zebra stats-table">
        <caption>{t('calibration.results.overallCaption')}</caption>
        <StatsHead t={t} first={t('calibration.results.col.variable')} />
        <tbody>
          <StatsRow name={t('calibration.results.finalLevel')} v={level} lang={lang} t={t} />
          {domains.map((v) => <StatsRow name={variableName(definition, v, lang, t)} v={v} lang={lang} t={t} />)}
          {flags.map((v) => <StatsRow name={`${t('calibration.results.redFlag')}: ${variableName(definition, v, lang, t)}`} v={v} lang={lang} t={t} />)}
        </tbody>
      </table>

      <h2>{t('calibration.results.domainsHeading')}</h2>
      <p>{t('calibration.results.domainsIntro')}</p>
      <Chart svg={charts.domains} caption={t('calibration.chart.domainsCaption')} />
      <table class="table table--zebra">
        <caption>{t('calibration.chart.domainsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calibration.results.col.domain')}</th>
            <th scope="col">{t('calibration.results.col.alpha')}</th>
            {[0, 1, 2, 3].map((step) => <th scope="col">{t('calibration.results.col.step', { step })}</th>)}
          </tr>
        </thead>
        <tbody>
          {domains.map((v) => (
            <tr>
              <th scope="row">{variableName(definition, v, lang, t)}</th>
              <td>{alphaText(lang, t, alphaOf(v).value, alphaOf(v).reason)}</td>
              {[0, 1, 2, 3].map((step) => <td>{s.domainDistribution.find((d) => d.key === v.key && d.value === step)?.count ?? 0}</td>)}
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('calibration.results.vignettesHeading')}</h2>
      <p>{t('calibration.results.vignettesIntro')}</p>
      <Chart svg={charts.vignettes} caption={t('calibration.chart.vignettesCaption', { count: Math.min(CHART_VIGNETTES, s.vignettesLowestFirst.length) })} />
      <table class="table table--zebra">
        <caption>{t('calibration.results.vignettesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calibration.results.col.vignette')}</th>
            <th scope="col">{t('calibration.results.col.percent')}</th>
            <th scope="col">{t('calibration.results.col.expected')}</th>
            {[0, 1, 2, 3].map((l) => <th scope="col">{t('calibration.results.col.levelCount', { level: l })}</th>)}
          </tr>
        </thead>
        <tbody>
          {s.vignettesLowestFirst.map((sub) => {
            const v = byId.get(String(sub.subject));
            return (
              <tr>
                <th scope="row">{v ? `${v.position}. ${v.title}` : String(sub.subject)}</th>
                <td>{percentText(lang, sub.percentAgreement)}</td>
                <td>{v ? `${v.expectedLevel} – ${local(definition.levels[v.expectedLevel].name, lang)}` : '–'}</td>
                {[0, 1, 2, 3].map((l) => <td>{sub.distribution.find((d) => d.value === l)?.count ?? 0}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{t('calibration.results.groupsHeading')}</h2>
      <p>{t('calibration.results.groupsIntro', { min: 3 })}</p>
      <table class="table table--zebra stats-table">
        <caption>{t('calibration.results.groupsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calibration.results.col.group')}</th>
            <th scope="col">{t('calibration.results.col.raters')}</th>
            <th scope="col">{t('calibration.results.col.alpha')}</th>
            <th scope="col">{t('calibration.results.col.kappa')}</th>
            <th scope="col">{t('calibration.results.col.percent')}</th>
            <th scope="col">{t('calibration.results.col.weakestDomain')}</th>
          </tr>
        </thead>
        <tbody>
          {s.groups.map((g) => {
            if (!g.level || !g.variables) {
              return (
                <tr>
                  <th scope="row">{t(`group.${g.group}`)}</th>
                  <td>{g.raters}</td>
                  <td colSpan={4}>{t('calibration.results.suppressed')}</td>
                </tr>
              );
            }
            const weakest = domainsLowestFirst(g.variables)[0];
            const alpha = alphaOf(g.level);
            return (
              <tr>
                <th scope="row">{t(`group.${g.group}`)}</th>
                <td>{g.raters}</td>
                <td>{alphaText(lang, t, alpha.value, alpha.reason)}</td>
                <td>{alphaText(lang, t, g.level.fleissKappa, g.level.reasons.fleissKappa)}</td>
                <td>{percentText(lang, g.level.percentAgreement)}</td>
                <td>{weakest && alphaOf(weakest).value !== null ? `${variableName(definition, weakest, lang, t)} (${formatNumber(lang, alphaOf(weakest).value!, 3)})` : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{t('calibration.results.trendHeading')}</h2>
      {charts.trend ? <Chart svg={charts.trend} caption={t('calibration.chart.trendCaption')} /> : <p>{t('calibration.results.trendOne')}</p>}
      <table class="table table--zebra">
        <caption>{t('calibration.chart.trendTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calibration.results.col.round')}</th>
            <th scope="col">{t('calibration.results.col.started')}</th>
            <th scope="col">{t('calibration.results.col.raters')}</th>
            <th scope="col">{t('calibration.results.col.alpha')}</th>
            <th scope="col">{t('calibration.results.col.percent')}</th>
          </tr>
        </thead>
        <tbody>
          {results.trend.map((p) => (
            <tr>
              <th scope="row">{p.name}</th>
              <td>{formatDate(lang, p.createdAt)}</td>
              <td>{p.raters}</td>
              <td>{p.levelAlpha === null ? '–' : formatNumber(lang, p.levelAlpha, 3)}</td>
              <td>{percentText(lang, p.levelPercent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="form-hint">{t('calibration.results.sameCode')}</p>
    </div>
  );
}
