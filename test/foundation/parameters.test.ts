/**
 * Request statements are prepared on both databases; on PGlite their parameters travel as
 * quoted literals (src/db/pglite.ts). Whatever a user can type must arrive unchanged and never
 * as SQL: quotes, backslashes, dollar signs, SQL comments, NUL-free Unicode, arrays with quotes
 * and NULLs, bytes, timestamps and JSON.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../support/db.js';

const db = await openTestDatabase();
afterAll(() => db.close());

const NASTY = [
  "O'Brien'); drop table users; --",
  'back\\slash \\x00 \\\\ end\\',
  '$1 $$ $tag$ quoted $tag$',
  "E'\\'' || chr(39) || '",
  'Ærø Åse Øster — “quotes” 🙂 \u00a0 tab\there\nnew line',
  '{"not":"json"',
  '',
];

describe('request statement parameters', () => {
  it('arrive unchanged, whatever they contain, in every type a request uses', async () => {
    const when = new Date('2026-03-29T01:30:00.123Z');
    const bytes = Buffer.from([0, 1, 2, 39, 92, 255]);
    const json = JSON.stringify({ text: NASTY[0], nested: [NASTY[1], null] });
    for (const text of NASTY) {
      const array = [text, null, 'plain', '"quoted"', 'NULL', 'a,b', '{x}'];
      const { rows } = await db.withContext({ tenantId: null, userId: null }, (tx) => tx.query<{
        text: string; array: (string | null)[]; bytes: Buffer | Uint8Array; at: Date; json: unknown; number: number; flag: boolean; missing: string | null; length: number;
      }>(
        `select $1::text as text, $2::text[] as array, $3::bytea as bytes, $4::timestamptz as at, $5::jsonb as json,
                $6::int as number, $7::boolean as flag, $8::text as missing, length($1) as length`,
        [text, array, bytes, when, json, 42, false, null],
      ));
      const row = rows[0];
      expect(row.text).toBe(text);
      expect(row.length).toBe([...text].length);
      expect(row.array).toEqual(array);
      expect(Buffer.from(row.bytes).equals(bytes)).toBe(true);
      expect(new Date(row.at).toISOString()).toBe(when.toISOString());
      expect(row.json).toEqual(JSON.parse(json));
      expect(row.number).toBe(42);
      expect(row.flag).toBe(false);
      expect(row.missing).toBeNull();
    }
  });

  it('keeps rows counted for optimistic updates, and a prepared statement works again after a rolled-back transaction', async () => {
    const table = `parameters_${Math.random().toString(36).slice(2, 10)}`;
    await db.unsafeOwnerQuery(`create table ${table} (id int primary key, body text, version int not null default 1)`);
    await db.unsafeOwnerQuery(`grant select, insert, update on ${table} to selvbestemt_app`);
    try {
      const update = `update ${table} set body = $2, version = version + 1 where id = $1 and version = $3`;
      await db.withContext({ tenantId: null, userId: null }, (tx) => tx.query(`insert into ${table} (id, body) values ($1, $2)`, [1, NASTY[0]]));
      await expect(db.withContext({ tenantId: null, userId: null }, async (tx) => {
        expect((await tx.query(update, [1, NASTY[1], 1])).rowCount).toBe(1);
        throw new Error('roll back');
      })).rejects.toThrow('roll back');
      const counts = await db.withContext({ tenantId: null, userId: null }, async (tx) => [
        (await tx.query(update, [1, NASTY[2], 1])).rowCount,
        (await tx.query(update, [1, NASTY[3], 1])).rowCount,
      ]);
      expect(counts).toEqual([1, 0]);
      const { rows } = await db.unsafeOwnerQuery<{ body: string; version: number }>(`select body, version from ${table} where id = 1`);
      expect(rows[0]).toEqual({ body: NASTY[2], version: 2 });
    } finally {
      await db.unsafeOwnerQuery(`drop table ${table}`);
    }
  });
});
