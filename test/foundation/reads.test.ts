/**
 * Reads that run alone or together in one statement (src/db/reads.ts) give the same answers,
 * on the real database: parameters are renumbered per read, each read keeps its order, and
 * declared timestamp columns come back as dates.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { defineRead, runRead, runReads } from '../../src/db/reads.js';
import { openTestDatabase } from '../support/db.js';

const db = await openTestDatabase();
const owner = { query: db.unsafeOwnerQuery.bind(db) };
afterAll(() => db.close());

const numbers = (from: number, to: number, descending = false) => defineRead<{ n: number; at: Date; day: string }, { n: number; at: Date; day: string }[]>({
  sql: `select n, timestamptz '2026-03-29 00:30:00+00' + n * interval '1 hour' as at, date '2026-03-29' + n as day
          from generate_series($1::int, $2::int) n order by n ${descending ? 'desc' : 'asc'}`,
  params: [from, to],
  dates: ['at'],
  finish: (rows) => rows,
});

describe('runReads', () => {
  it('answers each read as it would alone, in one statement', async () => {
    const alone = [await runRead(owner, numbers(1, 3)), await runRead(owner, numbers(10, 12, true))];
    const together = await runReads(owner, {
      first: numbers(1, 3),
      second: numbers(10, 12, true),
      label: defineRead<{ text: string }, string>({ sql: 'select $1::text || $2::text as text', params: ['a', 'b'], finish: (rows) => rows[0].text }),
    });
    expect(together.first).toEqual(alone[0]);
    expect(together.second).toEqual(alone[1]);
    expect(together.second.map((row) => row.n)).toEqual([12, 11, 10]);
    expect(together.label).toBe('ab');
    expect(together.first[0].at).toBeInstanceOf(Date);
    expect(together.first[0].at.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // A date column stays a plain calendar day, as the drivers are configured to keep it.
    expect(together.first[0].day).toBe('2026-03-30');
  });

  it('gives an empty list for a read without rows and refuses dollar quoting', async () => {
    expect(await runRead(owner, numbers(5, 4))).toEqual([]);
    await expect(runRead(owner, { sql: 'select $$x$$ as x', params: [], finish: (rows) => rows })).rejects.toThrow(/dollar quoting/);
  });
});
