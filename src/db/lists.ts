/**
 * Several lists in one round trip. A page that shows a record with a dozen related lists (a
 * case: persons, notes, timeline, …) would otherwise send a dozen statements, and on a busy
 * two-core server each round trip costs more than the query itself (planning, protocol
 * messages, a context switch on both sides). Each list is aggregated to JSON in one select,
 * and parsed back here: timestamps listed in `dates` become Date objects again, as they
 * would from a plain query; everything else arrives as JSON gives it.
 */
import type { Queryable } from './database.js';

export interface ListQuery {
  /** A complete select with its own `order by`; it sees the same parameters as every list. */
  sql: string;
  /** Columns (by their output names) holding timestamps. */
  dates?: readonly string[];
}

/**
 * One list as a column of a select: the rows aggregated to JSON. An aggregate over a sorted
 * subquery receives its rows in that order (PostgreSQL's documented behaviour for a plain
 * subquery scan), so each list keeps its `order by`.
 */
export function jsonListColumn(sql: string, alias: string): string {
  return `(select coalesce(json_agg(x), '[]'::json) from (${sql}) x) as "${alias}"`;
}

/** A list column read back: rows as JSON gives them, the `dates` columns as Date objects. */
export function parseJsonList(value: unknown, dates: readonly string[] = []): Record<string, unknown>[] {
  // PGlite and node-postgres both parse json columns; a string would mean a driver change.
  const rows = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>[];
  for (const row of rows) {
    for (const column of dates) if (typeof row[column] === 'string') row[column] = new Date(row[column] as string);
  }
  return rows;
}

/** `Rows` names each list and the shape of its rows; `spec` gives each list's select. */
export async function selectLists<Rows extends Record<string, unknown>>(
  db: Queryable, spec: { [K in keyof Rows]: ListQuery }, params: readonly unknown[],
): Promise<{ [K in keyof Rows]: Rows[K][] }> {
  const names = Object.keys(spec) as (keyof Rows & string)[];
  for (const name of names) if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`selectLists: bad list name ${name}`);
  const columns = names.map((name) => jsonListColumn(spec[name].sql, name));
  const { rows } = await db.query<Record<string, unknown>>(`select ${columns.join(',\n')}`, params);
  const result: Record<string, unknown[]> = {};
  for (const name of names) result[name] = parseJsonList(rows[0][name], spec[name].dates);
  return result as { [K in keyof Rows]: Rows[K][] };
}
