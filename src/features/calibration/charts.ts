/**
 * Charts as server-rendered SVG, drawn by Vega-Lite/Vega (see
 * docs/decisions/0202-charts-vega.md): no script in the browser, no inline style attributes
 * (Vega's SVG string renderer writes presentation attributes only), and the same SVG can go
 * into a PDF later. Every chart gets a <title> and <desc> and is shown beside a data table.
 */
import type { TopLevelSpec } from 'vega-lite';

export interface ChartText {
  /** A unique id on the page, for aria-labelledby. */
  id: string;
  title: string;
  /** What the chart shows and its main finding, in one or two sentences. */
  desc: string;
}

const BASE_CONFIG = {
  // Our own title/desc describe the chart; Vega's generated English ARIA labels are switched off.
  aria: false,
  font: 'IBM Plex Sans, Arial, sans-serif',
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1a1a1a', titleColor: '#1a1a1a', labelLimit: 260 },
  legend: { labelFontSize: 12, titleFontSize: 12, labelColor: '#1a1a1a', titleColor: '#1a1a1a' },
  view: { stroke: null },
  background: '#ffffff',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// Rendering is deterministic, so a small in-process memo is safe with any number of processes:
// it only saves the work of drawing the same chart twice (e.g. a results page opened again).
const memo = new Map<string, string>();
const MEMO_ENTRIES = 300;

/** Renders a Vega-Lite spec to an accessible SVG string (an image with a title and a description). */
export async function renderChart(spec: TopLevelSpec, text: ChartText): Promise<string> {
  const key = JSON.stringify([spec, text]);
  const known = memo.get(key);
  if (known) return known;
  const svg = await draw(spec, text);
  if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  memo.set(key, svg);
  return svg;
}

// Vega and Vega-Lite take longer to load than the rest of the server together (0.7 s on this
// machine), and only a few pages draw charts: they load with the first chart, not at start.
let vegaLibraries: Promise<[typeof import('vega'), typeof import('vega-lite')]> | null = null;

async function draw(spec: TopLevelSpec, text: ChartText): Promise<string> {
  vegaLibraries ??= Promise.all([import('vega'), import('vega-lite')]);
  const [{ parse, View }, { compile }] = await vegaLibraries;
  const compiled = compile({ ...spec, config: { ...BASE_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec).spec;
  const view = new View(parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  // The chart is one image: the marks inside it get no roles or labels of their own (Vega
  // would add English ones), so assistive technology reads our title and description.
  const plain = svg.replace(/ (?:role|aria-roledescription|aria-label|aria-hidden)="[^"]*"/g, '');
  const titleId = `${text.id}-title`;
  const descId = `${text.id}-desc`;
  return plain.replace(
    /^<svg ([^>]*)>/,
    (_match, attributes: string) =>
      `<svg ${attributes.replace(/ width="(\d+)" height="(\d+)"/, ' data-width="$1" data-height="$2"')} role="img" aria-labelledby="${titleId} ${descId}" focusable="false">` +
      `<title id="${titleId}">${escapeXml(text.title)}</title><desc id="${descId}">${escapeXml(text.desc)}</desc>`,
  );
}

/** Colours for steps and levels 0–3: one hue, light to dark, each distinguishable in print. */
export const STEP_COLOURS = ['#d6e4f2', '#8db4dc', '#2f6fad', '#0b2f5c'];
