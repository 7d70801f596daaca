/**
 * A migrated PGlite data directory in about two seconds instead of six: PGlite's initdb is
 * slow, so the first server to need one builds a migrated snapshot (keyed by the migration
 * files' checksums) and every later server unpacks it into its own temporary data directory.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../../src/db/database.js';
import { migrate, readMigrationFiles } from '../../../src/db/migrate.js';
import { openPglite } from '../../../src/db/pglite.js';

function snapshotPath(): string {
  const hash = createHash('sha256');
  for (const file of readMigrationFiles()) hash.update(file.name).update(file.checksum);
  return join(tmpdir(), 'selvbestemt-test', `pglite-e2e-${hash.digest('hex').slice(0, 16)}.tar.gz`);
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

/** Opens PGlite persisted in `dataDir`, starting from the migrated snapshot. */
export async function openMigratedPglite(dataDir: string): Promise<Database> {
  return openPglite({ dataDir, loadDataDir: await migratedSnapshot() });
}
