/**
 * Forward-only SQL migrations from `migrations/NNNN_name.sql`, applied in name order inside
 * one owner transaction under an advisory lock (several processes may start at once).
 * Each applied file's SHA-256 is recorded; an edited, already-applied file stops the start.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { projectPath } from '../platform/paths.js';
import { pgErrorCode, type Database, type Tx } from './database.js';

export const MIGRATIONS_DIR = `${projectPath('migrations')}/`;
const MIGRATION_LOCK = 7_335_001;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(dir + name, 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

async function ensureLedger(tx: Tx): Promise<void> {
  await tx.exec(`create table if not exists schema_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
}

/** Applies pending migrations; returns the names applied. Throws on a checksum mismatch. */
export async function migrate(db: Database, files = readMigrationFiles()): Promise<string[]> {
  return db.unsafeOwnerTransaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await ensureLedger(tx);
    const { rows } = await tx.query<{ name: string; checksum: string }>('select name, checksum from schema_migrations');
    const applied = new Map(rows.map((row) => [row.name, row.checksum]));
    const done: string[] = [];
    for (const file of files) {
      const checksum = applied.get(file.name);
      if (checksum === undefined) {
        await tx.exec(file.sql);
        await tx.query('insert into schema_migrations (name, checksum) values ($1, $2)', [file.name, file.checksum]);
        done.push(file.name);
      } else if (checksum !== file.checksum) {
        throw new Error(`Migration ${file.name} was changed after it was applied (checksum differs). Add a new migration instead.`);
      }
    }
    return done;
  });
}

/** Names of migration files not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Database, files = readMigrationFiles()): Promise<string[]> {
  // Only a missing ledger (a new database) means "nothing applied"; any other failure (the
  // database is gone) must reach the caller, or /readyz would report migrations, not an outage.
  const { rows } = await db.unsafeOwnerQuery<{ name: string }>('select name from schema_migrations').catch((error: unknown) => {
    if (pgErrorCode(error) === '42P01') return { rows: [] as { name: string }[] };
    throw error;
  });
  const applied = new Set(rows.map((row) => row.name));
  return files.filter((file) => !applied.has(file.name)).map((file) => file.name);
}
