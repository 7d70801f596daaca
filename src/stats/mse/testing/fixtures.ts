/**
 * Reads the public reference data in test/fixtures/mse/ for the tests and the benchmark:
 * the capture-history tables, `reference.csv` (R's glm values) and `published.csv`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCaptureCsv, type CaptureTable } from '../capture-table.js';
import { readCsvRecords } from '../csv.js';
import type { MseMethod } from '../stepwise.js';

/** The folder with the reference data. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../../test/fixtures/mse/', import.meta.url));

/** One row of reference.csv. */
export interface ReferenceRow {
  dataset: string;
  method: MseMethod;
  observed: number;
  unseen: number;
  profile: [number, number];
  wald: [number, number];
  interactions: string[];
  empty: string[];
}

/** One row of published.csv. */
export interface PublishedRow {
  dataset: string;
  observed: number;
  method: string;
  pointEstimate: number | null;
  low: number | null;
  high: number | null;
  source: string;
}

/** Path of one data set's CSV. */
export function fixturePath(dataset: string): string {
  return `${FIXTURES_DIR}${dataset}.csv`;
}

/** One data set, parsed. */
export function loadDataset(dataset: string): CaptureTable {
  return parseCaptureCsv(readFileSync(fixturePath(dataset), 'utf8'));
}

function rowsOf(file: string): Record<string, string>[] {
  const [header, ...records] = readCsvRecords(readFileSync(`${FIXTURES_DIR}${file}`, 'utf8'));
  return records.map((record) => Object.fromEntries(header.fields.map((name, i) => [name, record.fields[i] ?? ''])));
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);
const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/** Every row of reference.csv. */
export function referenceRows(): ReferenceRow[] {
  return rowsOf('reference.csv').map((row) => ({
    dataset: row.dataset,
    method: row.method as MseMethod,
    observed: Number(row.observed),
    unseen: Number(row.unseen),
    profile: [Number(row.profile_lo), Number(row.profile_hi)],
    wald: [Number(row.wald_lo), Number(row.wald_hi)],
    interactions: words(row.interactions),
    empty: words(row.empty),
  }));
}

/** Every row of published.csv. */
export function publishedRows(): PublishedRow[] {
  return rowsOf('published.csv').map((row) => ({
    dataset: row.dataset,
    observed: Number(row.observed),
    method: row.method,
    pointEstimate: numberOrNull(row.point_estimate),
    low: numberOrNull(row.ci95_low),
    high: numberOrNull(row.ci95_high),
    source: row.source,
  }));
}

/**
 * The published stepwise + BCa figures (totals) for the two data sets the issue names, found by
 * the wording of published.csv: "NewOrl (SparseMSE data; 185 obs)" and "Western", method
 * "stepwise p<0.02 … + BCa 1000".
 */
export function publishedStepwiseBca(): { dataset: string; row: PublishedRow }[] {
  const rows = publishedRows().filter((row) => row.method.startsWith('stepwise p<0.02') && row.method.includes('BCa 1000'));
  const find = (dataset: string, matches: (name: string) => boolean) => {
    const row = rows.find((r) => matches(r.dataset));
    if (!row) throw new Error(`published.csv has no stepwise BCa row for ${dataset}`);
    return { dataset, row };
  };
  return [
    find('NewOrl_SparseMSE', (name) => name.startsWith('NewOrl (SparseMSE data')),
    find('Western', (name) => name === 'Western'),
  ];
}
