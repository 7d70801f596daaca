/**
 * The readable report the `estimate` command prints without `--json`: the lists, the model in
 * words, the estimate with its intervals, the warnings and the method notes, in Danish or English.
 */
import type { BootstrapResult } from './bootstrap.js';
import type { IntervalJson, MseResult } from './estimate.js';
import { formatNumber, formatP, type Lang } from './text.js';

const WIDTH = 92;

interface Labels {
  title: string;
  lists: string;
  observed: (n: string) => string;
  model: string;
  independence: string;
  stepwise: (threshold: string) => string;
  mainEffects: string;
  steps: string;
  step: (pair: string, p: string, overlap: string, expected: string) => string;
  emptyInModel: string;
  deviance: (deviance: string, df: number) => string;
  estimate: string;
  columns: [string, string, string, string, string];
  unseen: string;
  total: string;
  bootstrapLine: (resamples: string, seed: number) => string;
  percentile: string;
  warnings: string;
  none: string;
  notes: string;
}

const labels: Record<Lang, Labels> = {
  da: {
    title: 'Mørketal: multiple systems estimation',
    lists: 'Lister',
    observed: (n) => `Observeret: ${n} personer på mindst én liste`,
    model: 'Model',
    independence: 'uafhængighed (kun hovedeffekter)',
    stepwise: (t) => `trinvis (Chan, Silverman & Vincent 2021), tærskel ${t}`,
    mainEffects: 'hovedeffekter',
    steps: 'Tilføjet i denne rækkefølge:',
    step: (pair, p, overlap, expected) => `${pair}: p = ${p} (fælles ${overlap}, forventet ${expected} uden samspillet)`,
    emptyInModel: 'Tomme overlap i modellen (parameter −∞):',
    deviance: (d, df) => `Devians ${d} på ${df} frihedsgrader`,
    estimate: 'Skøn',
    columns: ['', 'skøn', '95 % profil', '95 % Wald', '95 % bootstrap (BCa)'],
    unseen: 'Ikke observeret',
    total: 'I alt',
    bootstrapLine: (r, seed) => `Bootstrap: ${r} genudtrækninger, frø ${seed}; percentil-interval for i alt:`,
    percentile: 'percentil',
    warnings: 'Advarsler',
    none: 'ingen',
    notes: 'Metode, antagelser og noter',
  },
  en: {
    title: 'Hidden number: multiple systems estimation',
    lists: 'Lists',
    observed: (n) => `Observed: ${n} people on at least one list`,
    model: 'Model',
    independence: 'independence (main effects only)',
    stepwise: (t) => `stepwise (Chan, Silverman & Vincent 2021), threshold ${t}`,
    mainEffects: 'main effects',
    steps: 'Added in this order:',
    step: (pair, p, overlap, expected) => `${pair}: p = ${p} (in common ${overlap}, expected ${expected} without the interaction)`,
    emptyInModel: 'Empty overlaps in the model (parameter −∞):',
    deviance: (d, df) => `Deviance ${d} on ${df} degrees of freedom`,
    estimate: 'Estimate',
    columns: ['', 'estimate', '95 % profile', '95 % Wald', '95 % bootstrap (BCa)'],
    unseen: 'Not observed',
    total: 'Total',
    bootstrapLine: (r, seed) => `Bootstrap: ${r} resamples, seed ${seed}; percentile interval for the total:`,
    percentile: 'percentile',
    warnings: 'Warnings',
    none: 'none',
    notes: 'Method, assumptions and notes',
  },
};

/** Renders the result (and the bootstrap, if run) as text in the given language. */
export function renderReport(result: MseResult, lang: Lang, bootstrap?: BootstrapResult): string {
  const l = labels[lang];
  const n = (value: number, digits = 0): string => formatNumber(value, lang, digits);
  const range = (interval: IntervalJson | null | undefined): string =>
    interval ? `${interval[0] === null ? '0' : n(interval[0])} – ${interval[1] === null ? '∞' : n(interval[1])}` : '';
  const out: string[] = [];
  out.push(l.title, '='.repeat(l.title.length), '');
  out.push(`${l.lists} (${result.lists.length}): ${result.listTotals.map((t) => `${t.list} (${n(t.count)})`).join(', ')}`);
  out.push(l.observed(n(result.observed)), '');

  const method = result.model.method === 'independence' ? l.independence : l.stepwise(n(result.model.threshold ?? 0, 2));
  out.push(`${l.model}: ${method}`);
  out.push(`  ${[l.mainEffects, ...result.model.interactions].join(' + ')}`);
  if (result.model.steps.length > 0) {
    out.push(`  ${l.steps}`);
    result.model.steps.forEach((step, i) =>
      out.push(`    ${i + 1}. ${l.step(step.pair, formatP(step.p, lang), n(step.overlap), n(step.expected, 1))}`),
    );
  }
  if (result.model.emptyOverlaps.length > 0) out.push(`  ${l.emptyInModel} ${result.model.emptyOverlaps.join(', ')}`);
  out.push(`  ${l.deviance(n(result.model.deviance, 2), result.model.df)}`, '');

  out.push(l.estimate);
  const rows: string[][] = [l.columns.slice(0, bootstrap ? 5 : 4)];
  const bcaUnseen = bootstrap ? range(bootstrap.unseen.bca) || '–' : undefined;
  const bcaTotal = bootstrap ? range(bootstrap.total.bca) || '–' : undefined;
  rows.push([l.unseen, n(result.unseen.estimate), range(result.unseen.ci95.profile), range(result.unseen.ci95.wald), ...(bcaUnseen ? [bcaUnseen] : [])]);
  rows.push([l.total, n(result.total.estimate), range(result.total.ci95.profile), range(result.total.ci95.wald), ...(bcaTotal ? [bcaTotal] : [])]);
  out.push(...table(rows).map((line) => `  ${line}`));
  if (bootstrap) out.push(`  ${l.bootstrapLine(n(bootstrap.resamples), bootstrap.seed)} ${range(bootstrap.total.percentile)}`);
  out.push('');

  const warnings = [...result.warnings, ...(bootstrap?.warnings ?? [])];
  out.push(`${l.warnings}${warnings.length === 0 ? `: ${l.none}` : ''}`);
  for (const warning of warnings) out.push(...bullet(warning.text[lang]));
  out.push('', l.notes);
  for (const note of result.notes) out.push(...bullet(note.text[lang]));
  return `${out.join('\n')}\n`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ').trimEnd());
}

/** A bullet point wrapped to the report width. */
function bullet(text: string): string[] {
  const lines: string[] = [];
  let line = '  •';
  for (const word of text.split(/\s+/)) {
    if (line.length + 1 + word.length > WIDTH && line.trim() !== '•') {
      lines.push(line);
      line = '   ';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines;
}
