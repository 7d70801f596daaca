/**
 * A real database for tests: PostgreSQL when DATABASE_URL is set (migrated once, shared; each
 * test makes its own tenant), else an in-memory PGlite started from a migrated snapshot that
 * the first test file to need it builds and caches on disk (PGlite's initdb takes seconds; a
 * snapshot loads in half a second).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/database.js';
import { migrate, readMigrationFiles } from '../../src/db/migrate.js';
import { openPglite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';

function snapshotPath(): string {
  const hash = createHash('sha256');
  for (const file of readMigrationFiles()) hash.update(file.name).update(file.checksum);
  return join(tmpdir(), 'selvbestemt-test', `pglite-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

async function migratedSnapshot(): Promise<Blob> {
  const path = snapshotPath();
  if (!existsSync(path)) {
    mkdirSync(join(tmpdir(), 'selvbestemt-test'), { recursive: true });
    const db = await openPglite({ dataDir: 'memory://' });
    await migrate(db);
    const dump = await db.pglite.dumpDataDir('gzip');
    await db.close();
    // Write then rename, so a parallel worker never reads a half-written file.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  }
  return new Blob([readFileSync(path)]);
}

export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const db = openPostgres(url, 10);
    await migrate(db);
    return db;
  }
  const db = await openPglite({ dataDir: 'memory://', loadDataDir: await migratedSnapshot() });
  await migrate(db); // no-op unless a migration was added after the snapshot was made
  return db;
}

/**
 * A private in-memory PGlite from the migrated snapshot, also when DATABASE_URL is set: for tests
 * that must damage their database (a missing migration row, a closed connection).
 */
export async function openThrowawayPglite(): Promise<Database & { pglite: import('@electric-sql/pglite').PGlite }> {
  const db = await openPglite({ dataDir: 'memory://', loadDataDir: await migratedSnapshot() });
  await migrate(db);
  return db;
}

/**
 * A database of its own for one test file: a throw-away PGlite, or on PostgreSQL (DATABASE_URL
 * set) a freshly created database that `drop` removes again. For tests that install test-only
 * objects or write a lot (the fuzzer), so the shared test database is left as it was.
 */
export async function openPrivateDatabase(): Promise<{ db: Database; url: string | null; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openThrowawayPglite();
    return { db, url: null, drop: () => db.close() };
  }
  const name = `sb_test_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres(url, 1);
  await admin.unsafeOwnerQuery(`create database ${name}`);
  const privateUrl = new URL(url);
  privateUrl.pathname = `/${name}`;
  const db = openPostgres(privateUrl.href, 5);
  await migrate(db);
  return {
    db,
    url: privateUrl.href,
    drop: async () => {
      await db.close();
      await admin.unsafeOwnerQuery(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}
