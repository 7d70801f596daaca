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

/** `Rows` names each list and the shape of its rows; `spec` gives each list's select. */
export async function selectLists<Rows extends Record<string, unknown>>(
  db: Queryable, spec: { [K in keyof Rows]: ListQuery }, params: readonly unknown[],
): Promise<{ [K in keyof Rows]: Rows[K][] }> {
  const names = Object.keys(spec) as (keyof Rows & string)[];
  for (const name of names) if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`selectLists: bad list name ${name}`);
  // An aggregate over a sorted subquery receives its rows in that order (PostgreSQL's
  // documented behaviour for a plain subquery scan), so each list keeps its `order by`.
  const columns = names.map((name) => `(select coalesce(json_agg(x), '[]'::json) from (${spec[name].sql}) x) as "${name}"`);
  const { rows } = await db.query<Record<string, Record<string, unknown>[]>>(`select ${columns.join(',\n')}`, params);
  const row = rows[0];
  const result: Record<string, unknown[]> = {};
  for (const name of names) {
    const dates = spec[name].dates ?? [];
    // PGlite and node-postgres both parse json columns; a string would mean a driver change.
    const list = typeof row[name] === 'string' ? JSON.parse(row[name] as unknown as string) as Record<string, unknown>[] : row[name];
    for (const item of list) {
      for (const column of dates) if (typeof item[column] === 'string') item[column] = new Date(item[column] as string);
    }
    result[name] = list;
  }
  return result as { [K in keyof Rows]: Rows[K][] };
}
