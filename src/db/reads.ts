/**
 * Reads that can run alone or together in one statement. A page made of independent parts
 * (the home page's panels: inbox, deadlines, tasks, cases, …) would otherwise send one
 * statement per part, and on a busy two-core server each round trip costs more than the query
 * itself (decision 0007). A use case that lists something declares its read (SQL, parameters,
 * timestamp columns and what to do with the rows); the use case runs it alone, a page runs
 * many of them with `runReads` in one statement, with the same result.
 *
 * Rows always travel as JSON (also alone), so the two ways cannot differ: columns listed in
 * `dates` become Date objects, everything else is as JSON gives it (a `date` column stays
 * "YYYY-MM-DD", as the drivers are configured to keep it).
 */
import type { Queryable } from './database.js';
import { jsonListColumn, parseJsonList } from './lists.js';

export interface Read<T, Row = Record<string, unknown>> {
  /** A complete select with its own `order by`, numbering its own parameters from $1. */
  sql: string;
  params: readonly unknown[];
  /** Output columns holding timestamps. */
  dates?: readonly string[];
  /** Turns the rows into the use case's answer (decrypting, auditing, counting). */
  finish: (rows: Row[]) => T | Promise<T>;
}

/** Declares a read; `Row` is the shape of the select's rows. */
export function defineRead<Row, T>(read: Read<T, Row>): Read<T> {
  return read as unknown as Read<T>;
}

export type ReadResult<R> = R extends Read<infer T> ? T : never;

const PARAMETER = /\$(\d+)/g;

/** The read's SQL with its parameters moved up by `offset` ($1 → $offset+1). */
function renumber(sql: string, offset: number): string {
  // Dollar-quoted bodies would be corrupted by the renumbering; reads never need them.
  if (sql.includes('$$')) throw new Error('runReads: dollar quoting is not allowed in a read');
  return offset === 0 ? sql : sql.replace(PARAMETER, (_match, n: string) => `$${Number(n) + offset}`);
}

/** Runs every read in one statement and finishes each in the order given. */
export async function runReads<R extends Record<string, Read<unknown>>>(db: Queryable, reads: R): Promise<{ [K in keyof R]: ReadResult<R[K]> }> {
  const names = Object.keys(reads);
  const params: unknown[] = [];
  const columns = names.map((name, index) => {
    const read = reads[name];
    const sql = renumber(read.sql, params.length);
    params.push(...read.params);
    return jsonListColumn(sql, `r${index}`);
  });
  if (columns.length === 0) return {} as { [K in keyof R]: ReadResult<R[K]> };
  const { rows } = await db.query<Record<string, unknown>>(`select ${columns.join(',\n')}`, params);
  const results: Record<string, unknown> = {};
  for (const [index, name] of names.entries()) {
    const read = reads[name];
    results[name] = await read.finish(parseJsonList(rows[0][`r${index}`], read.dates));
  }
  return results as { [K in keyof R]: ReadResult<R[K]> };
}

/** Runs one read. */
export async function runRead<T>(db: Queryable, read: Read<T>): Promise<T> {
  return (await runReads(db, { only: read })).only;
}
