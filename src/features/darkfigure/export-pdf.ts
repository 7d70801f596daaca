/**
 * The result as a one-page A4 PDF (pdfkit), with the page's own chart SVG drawn as vectors
 * (svg-to-pdfkit) and the page's typeface, IBM Plex Sans from DKFDS (SIL Open Font License).
 * The same figures as the page, through the same formatting (so the same suppression). Text that
 * would run past the page is cut with a pointer to the page rather than spilling onto a second
 * page: the export is a one-page summary, the page is the full account.
 */
import { projectPath } from '../../platform/paths.js';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { formatDate, formatDateTime } from '../../platform/i18n/index.js';
import type { ExportContext } from './export-csv.js';
import { formatCount, formatInterval, formatShown, joinList, sectorName } from './format.js';
import { modelSentences, warningTexts } from './views.js';

const FONT_DIR = `${projectPath('node_modules', 'dkfds', 'dist', 'fonts', 'IBMPlexSans', 'complete', 'ttf')}/`;
const REGULAR = 'Plex';
const BOLD = 'PlexSemiBold';

const MARGIN = 40;
const PAGE_HEIGHT = 841.89;
const BOTTOM = PAGE_HEIGHT - MARGIN - 24; // room for the footer
const INK = '#1a1a1a';
const MUTED = '#545454';
const RULE = '#bfbfbf';

/** Renders the PDF; resolves with its bytes. `chartSvg` is the page's chart. */
export function buildPdf(context: ExportContext & { chartSvg: string; isDemo: boolean }): Promise<Buffer> {
  const { t, lang, query, analysis, bootstrap } = context;
  const { result, lists, counts } = analysis;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 0, left: MARGIN, right: MARGIN },
    info: { Title: `${t('darkfigure.title')} – ${context.municipality}`, Author: context.municipality, Subject: t('darkfigure.chart.title') },
    lang: lang === 'da' ? 'da-DK' : 'en-GB',
    displayTitle: true,
  });
  doc.registerFont(REGULAR, `${FONT_DIR}IBMPlexSans-Regular.ttf`);
  doc.registerFont(BOLD, `${FONT_DIR}IBMPlexSans-SemiBold.ttf`);
  const width = doc.page.width - 2 * MARGIN;
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  /** Writes a paragraph if it fits; returns false (and writes nothing) when it would pass the bottom. */
  const paragraph = (text: string, options: { size?: number; font?: string; color?: string; gap?: number; indent?: number } = {}): boolean => {
    const size = options.size ?? 8.5;
    doc.font(options.font ?? REGULAR).fontSize(size);
    const indent = options.indent ?? 0;
    const height = doc.heightOfString(text, { width: width - indent });
    if (doc.y + height > BOTTOM) return false;
    doc.fillColor(options.color ?? INK).text(text, MARGIN + indent, doc.y, { width: width - indent });
    doc.y += options.gap ?? 2;
    return true;
  };
  const heading = (text: string) => {
    doc.y += 6;
    paragraph(text, { size: 11, font: BOLD, gap: 3 });
  };

  // Title and what the figures are about.
  doc.font(BOLD).fontSize(18).fillColor(INK).text(t('darkfigure.title'), MARGIN, MARGIN);
  paragraph(context.isDemo ? `${context.municipality} – DEMO` : context.municipality, { size: 10, color: MUTED, gap: 6 });
  paragraph(`${t('darkfigure.summary.period')}: ${t('darkfigure.summary.periodValue', { from: formatDate(lang, query.from), to: formatDate(lang, query.to) })}`);
  paragraph(`${t('darkfigure.summary.sources')}: ${joinList(lang, lists.map((sector) => sectorName(t, sector)))}`);
  paragraph(`${t('darkfigure.summary.method')}: ${t(`darkfigure.method.${query.method}`)}`, { gap: 6 });

  // The key figures.
  const unseen = formatInterval(lang, t, result.unseen.ci95.profile);
  const total = formatInterval(lang, t, result.total.ci95.profile);
  const figure = (label: string, value: string, detail: string) => {
    doc.font(BOLD).fontSize(10).fillColor(INK).text(`${label}: ${value}`, MARGIN, doc.y, { continued: detail !== '' });
    if (detail !== '') doc.font(REGULAR).fontSize(9).fillColor(MUTED).text(`   ${detail}`);
    doc.y += 1;
  };
  figure(t('darkfigure.figures.linked'), formatShown(lang, counts.observed), '');
  figure(t('darkfigure.figures.unseen'), formatCount(lang, result.unseen.estimate), `${t('darkfigure.table.profile')}: ${unseen.both}`);
  figure(t('darkfigure.figures.total'), formatCount(lang, result.total.estimate), `${t('darkfigure.table.profile')}: ${total.both}`);
  if (bootstrap) {
    figure(t('darkfigure.row.unseenBootstrap'), formatInterval(lang, t, bootstrap.unseen.bootstrap.bca ?? bootstrap.unseen.bootstrap.percentile).both, '');
    figure(t('darkfigure.row.totalBootstrap'), formatInterval(lang, t, bootstrap.total.bootstrap.bca ?? bootstrap.total.bootstrap.percentile).both, '');
  }
  doc.y += 4;

  // The chart: the page's SVG, scaled to the text width.
  const box = /viewBox="([\d.\s-]+)"/.exec(context.chartSvg)?.[1]?.trim().split(/\s+/).map(Number);
  const chartHeight = box && box.length === 4 && box[2] > 0 ? Math.min(190, (width * box[3]) / box[2]) : 160;
  SVGtoPDF(doc, context.chartSvg, MARGIN, doc.y, {
    width, height: chartHeight, preserveAspectRatio: 'xMinYMin meet',
    fontCallback: (_family: string, bold: boolean) => (bold ? BOLD : REGULAR),
  });
  doc.y += chartHeight + 4;

  // The overlap table.
  heading(t('darkfigure.overlap.heading'));
  overlapTable(doc, context, width);
  paragraph(t('darkfigure.overlap.linked', { linked: formatShown(lang, counts.observed) }), { size: 8 });
  paragraph(t('darkfigure.unlinked.text', { records: formatShown(lang, analysis.unlinked) }), { size: 8, gap: 4 });

  // Model, warnings, assumptions: as much as fits.
  heading(t('darkfigure.model.heading'));
  const model = modelSentences(t, lang, analysis);
  let fits = paragraph(model.intro, { size: 8 });
  for (const sentence of model.pairs) fits = fits && paragraph(`• ${sentence}`, { size: 8, indent: 6 });
  const warnings = warningTexts(t, lang, lists, analysis.warnings);
  if (fits) {
    heading(t('darkfigure.warnings.heading'));
    if (warnings.length === 0) fits = paragraph(t('darkfigure.warnings.none'), { size: 8 });
    for (const text of warnings) fits = fits && paragraph(`• ${text}`, { size: 8, indent: 6 });
  }
  if (fits) {
    heading(t('darkfigure.notes.heading'));
    for (const note of result.notes) fits = fits && paragraph(`• ${note.text[lang]}`, { size: 7, indent: 6, color: MUTED });
  }
  if (!fits) paragraph(t('darkfigure.notes.guide'), { size: 7, color: MUTED });

  // Footer: how small numbers are shown, and when the export was made.
  doc.font(REGULAR).fontSize(7).fillColor(MUTED);
  doc.text(`${t('darkfigure.export.suppression')}  ${t('darkfigure.export.generated', { time: formatDateTime(lang, context.generatedAt), municipality: context.municipality })}`,
    MARGIN, PAGE_HEIGHT - MARGIN - 12, { width, lineBreak: false });
  doc.end();
  return done;
}

/** The overlap matrix as a ruled table; long source names wrap in their header cells. */
function overlapTable(doc: PDFKit.PDFDocument, context: ExportContext, width: number): void {
  const { t, lang, analysis } = context;
  const { lists, counts } = analysis;
  const firstColumn = Math.min(112, width * 0.22);
  const column = (width - firstColumn) / lists.length;
  const size = lists.length > 6 ? 6.5 : 7.5;
  doc.font(BOLD).fontSize(size);
  const names = lists.map((sector) => sectorName(t, sector));
  const headerHeight = Math.max(...names.map((name) => doc.heightOfString(name, { width: column - 4 }))) + 4;
  let y = doc.y;
  doc.fillColor(INK).text(t('darkfigure.overlap.source'), MARGIN + 2, y + 2, { width: firstColumn - 4 });
  names.forEach((name, j) => doc.text(name, MARGIN + firstColumn + j * column + 2, y + 2, { width: column - 4, align: 'right' }));
  y += headerHeight;
  doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).strokeColor(RULE).lineWidth(0.5).stroke();
  for (let i = 0; i < lists.length; i++) {
    doc.font(BOLD).fontSize(size);
    const rowHeight = Math.max(doc.heightOfString(names[i], { width: firstColumn - 4 }), size + 2) + 3;
    doc.fillColor(INK).text(names[i], MARGIN + 2, y + 2, { width: firstColumn - 4 });
    doc.font(REGULAR).fontSize(size);
    for (let j = 0; j < lists.length; j++) {
      doc.text(formatShown(lang, counts.pairs[i][j]), MARGIN + firstColumn + j * column + 2, y + 2, { width: column - 4, align: 'right' });
    }
    y += rowHeight;
    doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).strokeColor(RULE).lineWidth(0.5).stroke();
  }
  doc.x = MARGIN;
  doc.y = y + 4;
}
