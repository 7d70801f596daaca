/**
 * The hidden-number pages (managers only; everybody else gets 404):
 *   GET  /moerketal                      the form, and the estimate when a query is given
 *   POST /moerketal/bootstrap            starts the bootstrap job, then its status page
 *   GET  /moerketal/bootstrap/:id        progress while it runs, the intervals when done
 *   GET  /moerketal/eksport.csv|.pdf     the result as CSV or one-page PDF (`bootstrap=<run id>` adds its interval)
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../platform/access/policy.js';
import type { AppDeps } from '../../platform/deps.js';
import { afterCommit, AppError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import { page, redirect, SENT, view, type PageResult } from '../../platform/http/routes.js';
import type { Scope } from '../../platform/http/scope.js';
import { parseOrThrow, parsePath } from '../../platform/http/validation.js';
import type { FormState } from '../../platform/layout/forms.js';
import { registerNavItem } from '../../platform/layout/nav.js';
import { analyse, type Analysis, type EstimateAnalysis } from './analysis.js';
import { estimateChart, type ChartFigures } from './chart.js';
import { loadCaptureData } from './data.js';
import { buildCsv, type ExportContext } from './export-csv.js';
import type { BootstrapSummary } from './job.js';
import './messages.js';
import { darkFigurePolicy, DARKFIGURE_ROLES } from './policy.js';
import { DarkFigureQuery, defaultPeriod, FIRST_YEAR, lastYear, yearPeriod, type SourceSector } from './schemas.js';
import { readBootstrap, startBootstrap, viewDarkFigure } from './use-cases.js';
import { BootstrapPage, DarkFigurePage, PAGE } from './views.js';

const RunParams = z.object({ id: z.uuid() });
const ExportQuery = z.object({ bootstrap: z.uuid({ error: 'validation.invalid' }).optional() }).passthrough();
const QUERY_FIELDS = ['year', 'from', 'to', 'sectors', 'method'];

/**
 * The page's form asks for a year; links and the API give the period as from/to. A year becomes
 * its period here, so the one schema judges both; a year that is not one becomes a field error.
 */
function withPeriod(raw: Record<string, unknown>): Record<string, unknown> {
  if (!('year' in raw)) return raw;
  const { year, ...rest } = raw;
  const text = typeof year === 'string' ? year.trim() : '';
  const value = Number(text);
  if (!/^\d{4}$/.test(text) || value < FIRST_YEAR || value > lastYear()) {
    throw new ValidationError([{ field: 'year', messageKey: 'darkfigure.error.year', params: { first: String(FIRST_YEAR), last: String(lastYear()) } }]);
  }
  return { ...rest, ...yearPeriod(value) };
}

/** Errors about the period belong to the page's year field. */
function onYearField(fields: FieldError[]): FieldError[] {
  return fields.map((field) => (field.field === 'from' || field.field === 'to' ? { ...field, field: 'year' } : field));
}

function crumbs(scope: Scope, last?: string) {
  return [
    { label: scope.t('layout.home'), href: '/' },
    { label: scope.t('darkfigure.title'), href: last ? PAGE : undefined },
    ...(last ? [{ label: last }] : []),
  ];
}

/** The chart's figures for an estimate, with a bootstrap's intervals when there is one. */
export function chartFigures(analysis: EstimateAnalysis, bootstrap: BootstrapSummary | null): ChartFigures {
  const { result } = analysis;
  return {
    linked: result.observed,
    unseen: { estimate: result.unseen.estimate, interval: result.unseen.ci95.profile },
    total: { estimate: result.total.estimate, interval: result.total.ci95.profile },
    bootstrap: bootstrap
      ? { unseen: bootstrap.unseen.bootstrap.bca ?? bootstrap.unseen.bootstrap.percentile, total: bootstrap.total.bootstrap.bca ?? bootstrap.total.bootstrap.percentile }
      : undefined,
  };
}

async function renderPage(scope: Scope, state: FormState, result: { analysis: Analysis; query: DarkFigureQuery } | null, status = 200): Promise<PageResult> {
  const chart = result?.analysis.kind === 'estimate' ? await estimateChart(chartFigures(result.analysis, null), scope.lang, scope.t) : null;
  return view(scope.t('darkfigure.title'), (
    <DarkFigurePage t={scope.t} lang={scope.lang} state={state} analysis={result?.analysis ?? null} query={result?.query ?? null} chart={chart} csrf={scope.actor!.csrfToken} />
  ), { crumbs: crumbs(scope), status, wide: true });
}

function formValues(query: DarkFigureQuery): Record<string, unknown> {
  return { year: query.from.slice(0, 4), sectors: query.sectors, method: query.method };
}

/** What the user sent, as the form shows it again beside the errors. */
function sentValues(raw: Record<string, unknown>): Record<string, unknown> {
  return 'year' in raw || typeof raw.from !== 'string' ? raw : { ...raw, year: raw.from.slice(0, 4) };
}

/** Runs a query from a form or a URL; bad input and unusable data re-render the form (400). */
async function estimatePage(scope: Scope, raw: Record<string, unknown>, run: (query: DarkFigureQuery) => Promise<PageResult | null>): Promise<PageResult> {
  try {
    const query = parseOrThrow(DarkFigureQuery, withPeriod(raw));
    const outcome = await run(query);
    if (outcome) return outcome;
    const analysis = await viewDarkFigure(scope, query);
    return renderPage(scope, { values: formValues(query), errors: [], t: scope.t }, { analysis, query });
  } catch (error) {
    if (error instanceof ValidationError || (error instanceof AppError && error.code === 'validation')) {
      const errors = error.fields.length > 0 ? onYearField(error.fields) : [{ field: '_form', messageKey: error.messageKey }];
      return renderPage(scope, { values: sentValues(raw), errors, t: scope.t }, null, 400);
    }
    throw error;
  }
}

/** Whether a stored bootstrap (whole people) belongs to the estimate shown now. */
function sameEstimate(summary: BootstrapSummary, analysis: EstimateAnalysis): boolean {
  return summary.observed === analysis.result.observed && summary.unseen.estimate === Math.round(analysis.result.unseen.estimate);
}

/** A finished bootstrap of the same query and the same data, for an export. */
async function bootstrapFor(scope: Scope, runId: string, query: DarkFigureQuery, analysis: EstimateAnalysis): Promise<BootstrapSummary> {
  const { query: runQuery, summary } = await readBootstrap(scope, runId, { audit: false });
  const same = runQuery.from === query.from && runQuery.to === query.to && runQuery.method === query.method && runQuery.sectors.join() === query.sectors.join();
  // The export's audit row (written when the estimate was read) stays with the refusal.
  if (!same) throw afterCommit(new ValidationError([{ field: 'bootstrap', messageKey: 'darkfigure.error.bootstrapMismatch' }], 'darkfigure.error.bootstrapMismatch'));
  if (!summary) throw afterCommit(new AppError('conflict', 'darkfigure.error.bootstrapNotDone'));
  if (!sameEstimate(summary, analysis)) throw afterCommit(new AppError('conflict', 'darkfigure.bootstrap.changed'));
  return summary;
}

async function exportContext(scope: Scope, req: { query: unknown }, format: 'csv' | 'pdf'): Promise<(ExportContext & { query: DarkFigureQuery }) | PageResult> {
  const raw = (req.query ?? {}) as Record<string, unknown>;
  const { bootstrap: runId } = parseOrThrow(ExportQuery, raw);
  let query: DarkFigureQuery;
  let analysis: Analysis;
  try {
    query = parseOrThrow(DarkFigureQuery, withPeriod(raw));
    analysis = await viewDarkFigure(scope, query, 'export', { format, bootstrap: runId ?? null });
  } catch (error) {
    if (error instanceof ValidationError) return renderPage(scope, { values: sentValues(raw), errors: onYearField(error.fields), t: scope.t }, null, 400);
    throw error;
  }
  // Only an estimate the page shows can be exported; otherwise the page says why.
  if (analysis.kind !== 'estimate') return renderPage(scope, { values: formValues(query), errors: [], t: scope.t }, { analysis, query }, 422);
  const bootstrap = runId ? await bootstrapFor(scope, runId, query, analysis) : null;
  return { t: scope.t, lang: scope.lang, municipality: scope.tenant.name, query, analysis, bootstrap, generatedAt: new Date() };
}

function filename(query: DarkFigureQuery, extension: string): string {
  return `moerketal-${query.from}-${query.to}.${extension}`;
}

export function registerDarkFigurePages(app: FastifyInstance, deps: AppDeps): void {
  registerNavItem({ href: PAGE, labelKey: 'nav.darkFigure', roles: DARKFIGURE_ROLES, order: 40 });
  const managers = { auth: 'user', roles: DARKFIGURE_ROLES } as const;

  page(app, deps, { method: 'GET', url: PAGE, ...managers }, async (scope, req) => {
    authorize(darkFigurePolicy, scope.user(), 'view', null, { entityType: 'darkfigure' });
    const raw = (req.query ?? {}) as Record<string, unknown>;
    if (!QUERY_FIELDS.some((name) => name in raw)) {
      return renderPage(scope, { values: { year: defaultPeriod().from.slice(0, 4), method: 'stepwise', sectors: [] }, errors: [], t: scope.t }, null);
    }
    return estimatePage(scope, raw, async () => null);
  });

  page(app, deps, { method: 'POST', url: `${PAGE}/bootstrap`, ...managers }, async (scope, req) => {
    const raw = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    return estimatePage(scope, raw, async (query) => redirect(`${PAGE}/bootstrap/${await startBootstrap(scope, query)}`));
  });

  page(app, deps, { method: 'GET', url: `${PAGE}/bootstrap/:id`, ...managers }, async (scope, req) => {
    const { id } = parsePath(RunParams, req.params);
    const { run, query, summary } = await readBootstrap(scope, id);
    let chart: string | null = null;
    let changed = false;
    if (summary) {
      // Is this still the estimate the page shows? (Covered by the audit row readBootstrap wrote.)
      let current: Analysis | null = null;
      try {
        current = analyse(await loadCaptureData(scope.tx, query), query.method, (sector: SourceSector) => scope.t(`sector.${sector}`));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
      }
      changed = current?.kind !== 'estimate' || !sameEstimate(summary, current);
      chart = await estimateChart({
        linked: summary.observed,
        unseen: { estimate: summary.unseen.estimate, interval: summary.unseen.profile },
        total: { estimate: summary.total.estimate, interval: summary.total.profile },
        bootstrap: { unseen: summary.unseen.bootstrap.bca ?? summary.unseen.bootstrap.percentile, total: summary.total.bootstrap.bca ?? summary.total.bootstrap.percentile },
      }, scope.lang, scope.t);
    }
    return view(scope.t('darkfigure.bootstrap.title'), (
      <BootstrapPage t={scope.t} lang={scope.lang} run={run} query={query} summary={summary} chart={chart} changed={changed} />
    ), { crumbs: crumbs(scope, scope.t('darkfigure.bootstrap.heading')), wide: true });
  });

  page(app, deps, { method: 'GET', url: `${PAGE}/eksport.csv`, ...managers }, async (scope, req, reply) => {
    const context = await exportContext(scope, req, 'csv');
    if ('kind' in context) return context;
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename(context.query, 'csv')}"`)
      .header('cache-control', 'no-store')
      .send(buildCsv(context));
    return SENT;
  });

  page(app, deps, { method: 'GET', url: `${PAGE}/eksport.pdf`, ...managers }, async (scope, req, reply) => {
    const context = await exportContext(scope, req, 'pdf');
    if ('kind' in context) return context;
    const chartSvg = await estimateChart(chartFigures(context.analysis, context.bootstrap), scope.lang, scope.t, 'darkfigure-pdf-chart');
    // pdfkit loads with the first export, not at start (a quarter of a second).
    const { buildPdf } = await import('./export-pdf.js');
    const pdf = await buildPdf({ ...context, chartSvg, isDemo: scope.tenant.isDemo });
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${filename(context.query, 'pdf')}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
    return SENT;
  });
}
