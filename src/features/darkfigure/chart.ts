/**
 * The estimate as a chart: one row per quantity (seen, hidden number, total, and the bootstrap
 * intervals when there are any), a point for the estimate and a line for its 95 % interval.
 * Drawn by the calibration feature's Vega helper (server-side SVG with title and description,
 * docs/decisions/0202-charts-vega.md), so the page and the PDF carry the same SVG.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Lang, Translate } from '../../platform/i18n/index.js';
import type { IntervalJson } from '../../stats/mse/index.js';
import { renderChart } from '../calibration/charts.js';
import { formatCount, formatInterval } from './format.js';

/** The figures the chart shows. */
export interface ChartFigures {
  linked: number;
  unseen: { estimate: number; interval: IntervalJson };
  total: { estimate: number; interval: IntervalJson };
  bootstrap?: { unseen: IntervalJson | null; total: IntervalJson | null };
}

interface Row {
  row: string;
  estimate: number;
  low: number | null;
  high: number | null;
  /** True when the interval has no upper end (drawn to the edge of the chart). */
  open: boolean;
}

/** Draws the chart; returns the SVG text. */
export async function estimateChart(figures: ChartFigures, lang: Lang, t: Translate, id = 'darkfigure-chart'): Promise<string> {
  const rows: Row[] = [];
  const finiteEnds = [figures.linked, figures.total.estimate];
  const add = (label: string, estimate: number, interval: IntervalJson | null) => {
    rows.push({ row: label, estimate, low: interval?.[0] ?? null, high: interval?.[1] ?? null, open: interval !== null && interval[1] === null });
    for (const end of interval ?? []) if (end !== null) finiteEnds.push(end);
  };
  add(t('darkfigure.row.linked'), figures.linked, null);
  add(t('darkfigure.row.unseen'), figures.unseen.estimate, figures.unseen.interval);
  if (figures.bootstrap?.unseen) add(t('darkfigure.row.unseenBootstrap'), figures.unseen.estimate, figures.bootstrap.unseen);
  add(t('darkfigure.row.total'), figures.total.estimate, figures.total.interval);
  if (figures.bootstrap?.total) add(t('darkfigure.row.totalBootstrap'), figures.total.estimate, figures.bootstrap.total);
  // An open upper end runs to the right edge, a little beyond every finite figure.
  const edge = Math.max(...finiteEnds) * 1.15;
  const data = rows.map((row) => ({ ...row, low: row.low ?? row.estimate, high: row.open ? edge : row.high ?? row.estimate }));
  const order = rows.map((row) => row.row);
  const y = { field: 'row', type: 'nominal', sort: order, title: null, axis: { labelLimit: 240 } } as const;
  const spec: TopLevelSpec = {
    // Axis numbers the page's way: 1.000 in Danish, 1,000 in English.
    config: { locale: { number: lang === 'da' ? { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' kr.'] } : { decimal: '.', thousands: ',', grouping: [3], currency: ['£', ''] } } },
    width: 460,
    height: { step: 34 },
    data: { values: data },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 3, color: '#2f6fad' },
        encoding: { y, x: { field: 'low', type: 'quantitative', title: t('darkfigure.chart.axis'), scale: { domain: [0, edge], nice: false } }, x2: { field: 'high' } },
      },
      {
        mark: { type: 'point', filled: true, size: 110, shape: 'diamond', color: '#0b2f5c' },
        encoding: { y, x: { field: 'estimate', type: 'quantitative' } },
      },
    ],
  };
  const format = (value: number) => formatCount(lang, value);
  const desc = t('darkfigure.chart.desc', {
    linked: format(figures.linked),
    unseen: format(figures.unseen.estimate),
    low: formatInterval(lang, t, figures.unseen.interval).low,
    high: formatInterval(lang, t, figures.unseen.interval).high,
    total: format(figures.total.estimate),
    totalLow: formatInterval(lang, t, figures.total.interval).low,
    totalHigh: formatInterval(lang, t, figures.total.interval).high,
  });
  return renderChart(spec, { id, title: t('darkfigure.chart.title'), desc });
}
