/**
 * The result as CSV: one row per figure (section; name; value; low; high), semicolon-separated
 * with a byte-order mark so Danish Excel opens it as it is. The same figures as the page, written
 * by the same formatting functions, so the same counts are suppressed.
 */
import { formatDateTime, type Lang, type Translate } from '../../platform/i18n/index.js';
import type { EstimateAnalysis } from './analysis.js';
import { formatCount, formatInterval, formatShown, joinList, sectorName } from './format.js';
import type { BootstrapSummary } from './job.js';
import type { DarkFigureQuery } from './schemas.js';
import { modelSentences, warningTexts } from './views.js';

export interface ExportContext {
  t: Translate;
  lang: Lang;
  municipality: string;
  query: DarkFigureQuery;
  analysis: EstimateAnalysis;
  bootstrap: BootstrapSummary | null;
  generatedAt: Date;
}

function field(raw: string): string {
  // A cell starting with = + - @ is a formula to a spreadsheet; ours never should be.
  const value = /^[=+\-@]/.test(raw) ? `'${raw}` : raw;
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Builds the CSV text. */
export function buildCsv(context: ExportContext): string {
  const { t, lang, query, analysis, bootstrap } = context;
  const { result, lists, counts } = analysis;
  const rows: string[][] = [[t('darkfigure.csv.section'), t('darkfigure.csv.item'), t('darkfigure.csv.value'), t('darkfigure.csv.low'), t('darkfigure.csv.high')]];
  const add = (section: string, item: string, value = '', interval: { low: string; high: string } | null = null) =>
    rows.push([section, item, value, interval?.low ?? '', interval?.high ?? '']);

  const meta = t('darkfigure.csv.meta');
  add(meta, t('darkfigure.csv.municipality'), context.municipality);
  add(meta, t('darkfigure.csv.period'), `${query.from} – ${query.to}`);
  add(meta, t('darkfigure.summary.sources'), joinList(lang, lists.map((sector) => sectorName(t, sector))));
  add(meta, t('darkfigure.summary.method'), t(`darkfigure.method.${query.method}`));
  add(meta, t('darkfigure.csv.generated'), formatDateTime(lang, context.generatedAt));

  const section = t('darkfigure.csv.counts');
  add(section, t('darkfigure.csv.linked'), formatShown(lang, counts.observed));
  lists.forEach((sector, i) => add(section, sectorName(t, sector), formatShown(lang, counts.lists[i])));
  lists.forEach((a, i) => lists.forEach((b, j) => {
    if (j > i) add(section, t('darkfigure.csv.both', { a: sectorName(t, a), b: sectorName(t, b) }), formatShown(lang, counts.pairs[i][j]));
  }));
  add(section, t('darkfigure.csv.unlinked'), formatShown(lang, analysis.unlinked));

  const estimates = t('darkfigure.csv.estimates');
  const quantity = (label: string, estimate: number, profile: typeof result.unseen.ci95.profile, wald: typeof result.unseen.ci95.wald, boot: BootstrapSummary['unseen']['bootstrap'] | null) => {
    add(estimates, `${label} – ${t('darkfigure.table.profile')}`, formatCount(lang, estimate), formatInterval(lang, t, profile));
    add(estimates, `${label} – ${t('darkfigure.table.wald')}`, formatCount(lang, estimate), formatInterval(lang, t, wald));
    if (boot) {
      add(estimates, `${label} – ${t('darkfigure.table.bootstrap')}`, formatCount(lang, estimate), formatInterval(lang, t, boot.bca));
      add(estimates, `${label} – ${t('darkfigure.table.percentile')}`, formatCount(lang, estimate), formatInterval(lang, t, boot.percentile));
    }
  };
  quantity(t('darkfigure.row.unseen'), result.unseen.estimate, result.unseen.ci95.profile, result.unseen.ci95.wald, bootstrap?.unseen.bootstrap ?? null);
  quantity(t('darkfigure.row.total'), result.total.estimate, result.total.ci95.profile, result.total.ci95.wald, bootstrap?.total.bootstrap ?? null);

  const model = modelSentences(t, lang, analysis);
  const modelSection = t('darkfigure.csv.model');
  add(modelSection, '', model.intro);
  for (const sentence of model.pairs) add(modelSection, t('darkfigure.csv.interaction'), sentence);
  if (model.outro) add(modelSection, '', model.outro);
  for (const text of warningTexts(t, lang, lists, analysis.warnings)) add(t('darkfigure.csv.warning'), '', text);
  for (const note of result.notes) add(t('darkfigure.csv.note'), note.code, note.text[lang]);
  add(meta, '', t('darkfigure.export.suppression'));

  return '\uFEFF' + rows.map((row) => row.map(field).join(';')).join('\r\n') + '\r\n';
}
