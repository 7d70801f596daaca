/**
 * Capture-history tables: reading them from CSV or from one row per person, checking them, and
 * turning them into the per-cell counts the models work on.
 *
 * A cell is identified by a bit mask over the lists in column order (bit i set = on list i), so
 * the 2^k − 1 observable cells are the masks 1 … 2^k − 1 and mask 0 is the unseen cell.
 */
import { readCsvRecords } from './csv.js';
import { MseInputError } from './errors.js';
import { bilingual, type Text } from './text.js';

/** The smallest number of lists the engine accepts. */
export const MIN_LISTS = 2;
/** The largest number of lists the engine accepts (2^10 − 1 cells). */
export const MAX_LISTS = 10;

/** One distinct capture history and how many people have it. */
export interface CaptureHistoryRow {
  /** 0/1 per list, in the order of {@link CaptureTable.lists}. */
  history: (0 | 1)[];
  count: number;
  /** Lines of the input the row came from (several when a history was given more than once). */
  lines: number[];
}

/** Something the engine did to the input that the reader should know about. */
export interface MseNote {
  code: string;
  text: Text;
}

/** A checked capture-history table. Plain data: safe to serialise as JSON. */
export interface CaptureTable {
  /** List (source) names in column order. */
  lists: string[];
  /** Distinct capture histories in the order first seen; never the all-zero history. */
  rows: CaptureHistoryRow[];
  notes: MseNote[];
}

/** Per-cell counts indexed by bit mask; index 0 (the unseen cell) is always 0. */
export type CellCounts = Float64Array;

const COUNT_COLUMN = /^(count|antal)$/i;
const ID_COLUMN = /^(id|person|person_id|personid|key|person_key|nøgle|noegle)$/i;

/**
 * Parses a capture-history CSV: one 0/1 column per list and a `count` column (or no `count`
 * column and one row per person). Comma or semicolon separated; blank lines are skipped. Rows
 * with the same history are summed (with a note). Throws {@link MseInputError} naming the line
 * for every problem.
 */
export function parseCaptureCsv(text: string): CaptureTable {
  const records = readCsvRecords(text);
  if (records.length === 0) throw new MseInputError('empty_file', 1);

  const header = records[0].fields;
  const headerLine = records[0].line;
  const layout = readHeader(header, headerLine);

  const builder = new TableBuilder(layout.lists, layout.countIndex === null);
  for (const { fields: record, line } of records.slice(1)) {
    if (record.length !== header.length) {
      throw new MseInputError('wrong_field_count', line, { expected: header.length, found: record.length });
    }
    const history = layout.listIndexes.map((index, i) => readBit(record[index], layout.lists[i], line));
    const count = layout.countIndex === null ? 1 : readCount(record[layout.countIndex], line);
    builder.add(history, count, line);
  }
  if (records.length === 1) throw new MseInputError('no_rows', headerLine + 1);
  return builder.finish(headerLine);
}

interface HeaderLayout {
  lists: string[];
  listIndexes: number[];
  countIndex: number | null;
}

function readHeader(header: string[], line: number): HeaderLayout {
  const seen = new Set<string>();
  const lists: string[] = [];
  const listIndexes: number[] = [];
  let countIndex: number | null = null;
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') throw new MseInputError('empty_column_name', line);
    if (seen.has(name.toLowerCase())) throw new MseInputError('duplicate_column', line, { column: name });
    seen.add(name.toLowerCase());
    if (COUNT_COLUMN.test(name) && countIndex === null) countIndex = index;
    else if (!ID_COLUMN.test(name)) {
      lists.push(name);
      listIndexes.push(index);
    }
  });
  checkListCount(lists.length, line);
  return { lists, listIndexes, countIndex };
}

function checkListCount(lists: number, line: number | null): void {
  if (lists < MIN_LISTS) throw new MseInputError('too_few_lists', line, { lists });
  if (lists > MAX_LISTS) throw new MseInputError('too_many_lists', line, { lists });
}

function readBit(value: string, column: string, line: number): 0 | 1 {
  if (value === '0') return 0;
  if (value === '1') return 1;
  throw new MseInputError('not_binary', line, { column, value });
}

function readCount(value: string, line: number): number {
  const number = value === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(number)) throw new MseInputError('bad_count', line, { value });
  if (number < 0) throw new MseInputError('negative_count', line, { value });
  if (!Number.isInteger(number)) throw new MseInputError('fractional_count', line, { value });
  if (number > Number.MAX_SAFE_INTEGER) throw new MseInputError('bad_count', line, { value });
  return number;
}

/** Collects rows, sums repeated histories and checks the whole table at the end. */
class TableBuilder {
  private readonly rowsByMask = new Map<number, CaptureHistoryRow>();
  private readonly repeated: CaptureHistoryRow[] = [];

  constructor(
    private readonly lists: string[],
    private readonly personLevel: boolean,
  ) {}

  add(history: (0 | 1)[], count: number, line: number): void {
    const mask = maskOf(history);
    if (mask === 0) throw new MseInputError('all_zero_row', line);
    const existing = this.rowsByMask.get(mask);
    if (existing) {
      existing.count += count;
      existing.lines.push(line);
      if (!this.personLevel && existing.lines.length === 2) this.repeated.push(existing);
      return;
    }
    this.rowsByMask.set(mask, { history, count, lines: [line] });
  }

  finish(headerLine: number | null): CaptureTable {
    const rows = [...this.rowsByMask.values()];
    const notes = this.repeated.map((row) => duplicateNote(row, this.lists));
    const table: CaptureTable = { lists: [...this.lists], rows, notes };
    checkTable(table, headerLine);
    return table;
  }
}

function duplicateNote(row: CaptureHistoryRow, lists: string[]): MseNote {
  const on = lists.filter((_, i) => row.history[i] === 1).join('+');
  const lines = row.lines.join(', ');
  return {
    code: 'duplicate_history_summed',
    text: bilingual((lang) =>
      lang === 'da'
        ? `Fangsthistorien ${on} står på flere linjer (${lines}); antallene er lagt sammen til ${row.count}.`
        : `The capture history ${on} appears on several lines (${lines}); the counts were added up to ${row.count}.`,
    ),
  };
}

/**
 * Builds a table from one row per person (0/1 or true/false per list, in the order of `lists`).
 * `line` in errors is the 1-based position of the row. Throws {@link MseInputError}.
 */
export function fromPersonRows(lists: readonly string[], rows: ReadonlyArray<ReadonlyArray<0 | 1 | boolean>>): CaptureTable {
  checkListNames(lists);
  const builder = new TableBuilder([...lists], true);
  rows.forEach((row, index) => {
    const line = index + 1;
    if (row.length !== lists.length) {
      throw new MseInputError('wrong_field_count', line, { expected: lists.length, found: row.length });
    }
    const history = row.map((value, i) => {
      if (value === 1 || value === true) return 1;
      if (value === 0 || value === false) return 0;
      throw new MseInputError('not_binary', line, { column: lists[i], value: String(value) });
    });
    builder.add(history, 1, line);
  });
  if (rows.length === 0) throw new MseInputError('no_rows', null);
  return builder.finish(null);
}

function checkListNames(lists: readonly string[]): void {
  checkListCount(lists.length, null);
  const seen = new Set<string>();
  for (const name of lists) {
    if (name.trim() === '') throw new MseInputError('empty_column_name', null);
    if (seen.has(name.toLowerCase())) throw new MseInputError('duplicate_column', null, { column: name });
    seen.add(name.toLowerCase());
  }
}

/**
 * Checks a table built by hand (the API accepts any object of the right shape): 2–10 distinct
 * list names, 0/1 histories that are not all zero, whole non-negative counts, somebody observed
 * and nobody-free lists. Throws {@link MseInputError}; `headerLine` is used for whole-table problems.
 */
export function checkTable(table: CaptureTable, headerLine: number | null = null): void {
  checkListNames(table.lists);
  const k = table.lists.length;
  let total = 0;
  const perList = new Array<number>(k).fill(0);
  table.rows.forEach((row, index) => {
    const line = row.lines?.[0] ?? index + 1;
    if (row.history.length !== k) throw new MseInputError('wrong_field_count', line, { expected: k, found: row.history.length });
    row.history.forEach((bit, i) => {
      if (bit !== 0 && bit !== 1) throw new MseInputError('not_binary', line, { column: table.lists[i], value: String(bit) });
    });
    if (maskOf(row.history) === 0) throw new MseInputError('all_zero_row', line);
    if (typeof row.count !== 'number' || !Number.isFinite(row.count)) throw new MseInputError('bad_count', line, { value: String(row.count) });
    if (row.count < 0) throw new MseInputError('negative_count', line, { value: String(row.count) });
    if (!Number.isInteger(row.count)) throw new MseInputError('fractional_count', line, { value: String(row.count) });
    total += row.count;
    row.history.forEach((bit, i) => (perList[i] += bit * row.count));
  });
  if (table.rows.length === 0) throw new MseInputError('no_rows', headerLine === null ? null : headerLine + 1);
  if (total === 0) throw new MseInputError('nobody_observed', headerLine);
  const empty = perList.findIndex((n) => n === 0);
  if (empty >= 0) throw new MseInputError('empty_list', headerLine, { column: table.lists[empty] });
}

/** The bit mask of a capture history. */
export function maskOf(history: readonly number[]): number {
  let mask = 0;
  history.forEach((bit, i) => {
    if (bit === 1) mask |= 1 << i;
  });
  return mask;
}

/** Counts per cell mask (length 2^k; index 0 stays 0). Repeated histories are summed. */
export function cellCounts(table: CaptureTable): CellCounts {
  const counts = new Float64Array(1 << table.lists.length);
  for (const row of table.rows) counts[maskOf(row.history)] += row.count;
  return counts;
}

/** Number of people on at least one list. */
export function observedTotal(counts: CellCounts): number {
  let total = 0;
  for (let mask = 1; mask < counts.length; mask++) total += counts[mask];
  return total;
}

/** Number of people on every list in `mask` (whatever else they are on). */
export function overlapCount(counts: CellCounts, mask: number): number {
  let total = 0;
  for (let cell = 1; cell < counts.length; cell++) if ((cell & mask) === mask) total += counts[cell];
  return total;
}
