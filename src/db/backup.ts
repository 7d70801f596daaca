/**
 * Logical backup and restore that work the same on PostgreSQL and PGlite (and across them):
 * every row of every table, as gzip-compressed JSON lines, read in one repeatable-read
 * snapshot. Restoring requires an empty, migrated database of the same schema version; the
 * audit chain restored verifies as before. The master key file is NOT in the backup (it never
 * is in the database): keep it with the backup, separately protected, or encrypted text is lost.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import type { KeyRing } from '../platform/crypto/keys.js';
import type { Database, Tx } from './database.js';

const FORMAT = 'selvbestemt-backup';
const VERSION = 1;
const PAGE = 2000;

/** Tables in an order where every foreign key points to an earlier table. */
async function tablesInDependencyOrder(tx: Tx): Promise<string[]> {
  const tables = await tx.query<{ name: string }>(
    "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'schema_migrations' order by c.relname",
  );
  const edges = await tx.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`,
  );
  const parents = new Map<string, Set<string>>(tables.rows.map((row) => [row.name, new Set<string>()]));
  for (const edge of edges.rows) parents.get(edge.child)?.add(edge.parent);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent);
    visiting.delete(name);
    ordered.push(name);
  };
  for (const name of parents.keys()) visit(name);
  return ordered;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export interface BackupSummary {
  tables: number;
  rows: number;
}

export async function writeBackup(db: Database, keys: KeyRing, file: string): Promise<BackupSummary> {
  const gzip = createGzip();
  const out = createWriteStream(file, { mode: 0o600 });
  gzip.pipe(out);
  const write = async (value: unknown) => {
    if (!gzip.write(JSON.stringify(value) + '\n')) await once(gzip, 'drain');
  };
  const summary = await db.unsafeOwnerTransaction(async (tx) => {
    await tx.exec('set transaction isolation level repeatable read');
    const migrations = await tx.query<{ name: string; checksum: string }>('select name, checksum from schema_migrations order by name');
    const tables = await tablesInDependencyOrder(tx);
    await write({ type: 'header', format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), migrations: migrations.rows, tables, keyFingerprint: keys.fingerprint() });
    let rows = 0;
    for (const table of tables) {
      let after = '(0,0)';
      for (;;) {
        const page = await tx.query<{ c: string; r: unknown }>(
          `select ctid::text as c, to_jsonb(t) as r from ${quoteIdent(table)} t where ctid > $1::tid order by ctid limit ${PAGE}`,
          [after],
        );
        if (page.rows.length === 0) break;
        await write({ type: 'rows', table, rows: page.rows.map((row) => row.r) });
        rows += page.rows.length;
        after = page.rows[page.rows.length - 1].c;
        if (page.rows.length < PAGE) break;
      }
    }
    await write({ type: 'end', rows });
    return { tables: tables.length, rows };
  });
  gzip.end();
  await once(out, 'finish');
  return summary;
}

export class RestoreError extends Error {}

export async function restoreBackup(db: Database, keys: KeyRing, file: string): Promise<BackupSummary> {
  return db.unsafeOwnerTransaction(async (tx) => {
    const existing = await tx.query<{ count: number }>('select count(*)::int as count from tenants');
    if (existing.rows[0].count > 0) throw new RestoreError('The database is not empty: restore only into a new, empty data directory or database.');
    const migrations = await tx.query<{ name: string; checksum: string }>('select name, checksum from schema_migrations order by name');
    const identityColumns = await tx.query<{ table_name: string; column_name: string }>(
      "select table_name, column_name from information_schema.columns where table_schema = 'public' and is_identity = 'YES'",
    );
    let header: { migrations: { name: string; checksum: string }[]; tables: string[] } | null = null;
    let rows = 0;
    let ended = false;
    const tables = new Set<string>();
    // Opened right before reading: lines a stream emits before the loop attaches are lost, and
    // on PostgreSQL the awaits above take long enough for the whole file to go by (a hang).
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as {
        type: string; format?: string; table?: string; rows?: Record<string, unknown>[]; migrations?: { name: string; checksum: string }[]; tables?: string[];
        keyFingerprint?: string;
      };
      if (record.type === 'header') {
        if (record.format !== FORMAT) throw new RestoreError('Not a Selvbestemt backup file.');
        const expected = JSON.stringify(migrations.rows);
        if (JSON.stringify(record.migrations) !== expected) {
          throw new RestoreError('The backup was made with a different schema version than this database. Use the same version of Selvbestemt.');
        }
        // Restored with another key, every encrypted value (second factors, notes, CPR numbers,
        // messages) would be unreadable, and logins would fail. Older backups carry no fingerprint.
        if (record.keyFingerprint !== undefined && record.keyFingerprint !== keys.fingerprint()) {
          throw new RestoreError('The key file in place is not the one this backup was made with. Put the original key file (KEY_FILE, default data/secrets.json) in place first: encrypted text can only be read with it.');
        }
        header = { migrations: record.migrations!, tables: record.tables ?? [] };
        // Reference rows that migrations insert (e.g. the national default rules) are in the new
        // database already, with ids of their own, and in the backup as they were: the backup's
        // rows win, so the seeded ones are removed first (children before parents), also from
        // insert-only tables (their triggers are off for this one statement, in this transaction).
        // The sealer state starts over below.
        for (const table of [...header.tables].reverse()) {
          if (table === 'audit_sealer_state') continue;
          const present = await tx.query(`select 1 from ${quoteIdent(table)} limit 1`);
          if (present.rows.length === 0) continue;
          await tx.exec(`alter table ${quoteIdent(table)} disable trigger user`);
          await tx.query(`delete from ${quoteIdent(table)}`);
          await tx.exec(`alter table ${quoteIdent(table)} enable trigger user`);
        }
        continue;
      }
      if (!header) throw new RestoreError('The backup file has no header.');
      if (record.type === 'rows' && record.table && record.rows) {
        tables.add(record.table);
        let batch = record.rows;
        if (record.table === 'audit_sealer_state') continue;
        if (record.table === 'audit_events') {
          // Transaction ids belong to the old server; '0' marks the rows as long committed.
          batch = batch.map((row) => ({ ...row, txid: '0' }));
        }
        const hasIdentity = identityColumns.rows.some((column) => column.table_name === record.table);
        await tx.query(
          `insert into ${quoteIdent(record.table)} ${hasIdentity ? 'overriding system value' : ''}
           select * from jsonb_populate_recordset(null::${quoteIdent(record.table)}, $1::jsonb)`,
          [JSON.stringify(batch)],
        );
        rows += batch.length;
      } else if (record.type === 'end') {
        ended = true;
      }
    }
    if (!ended) throw new RestoreError('The backup file is incomplete (no end marker).');
    for (const column of identityColumns.rows) {
      await tx.query(
        `select setval(pg_get_serial_sequence($1, $2), greatest((select coalesce(max(${quoteIdent(column.column_name)}), 0) from ${quoteIdent(column.table_name)}), 1))`,
        [column.table_name, column.column_name],
      );
    }
    await tx.query("update audit_sealer_state set last_xmin = '0' where id = 1");
    return { tables: tables.size, rows };
  });
}
