/**
 * Embedded PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly) persisted in a folder.
 * One connection: PGlite runs transactions one at a time, which is what a single process
 * on a laptop or a small municipality's server needs.
 */
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTER_CONTEXT_SQL, contextParams, type Database, type QueryResult, type RequestContext, type Tx } from './database.js';

/** Same value types as the node-postgres adapter: int8 and numeric as numbers, dates as text. */
const parsers = {
  [types.INT8]: (value: string) => Number(value),
  [types.NUMERIC]: (value: string) => Number(value),
  [types.DATE]: (value: string) => value,
};

function wrap(tx: Transaction | PGlite, enqueued: Promise<unknown>[] = []): Tx {
  const query = async <Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> => {
    const result = await tx.query<Row>(sql, params as unknown[]);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  };
  return {
    query,
    async exec(sql: string): Promise<void> {
      await tx.exec(sql);
    },
    enqueue(sql: string, params: readonly unknown[] = []): void {
      const sent = query(sql, params);
      sent.catch(() => {});
      enqueued.push(sent);
    },
  };
}

/** Runs `work` and then waits for its enqueued statements, so their failure fails the transaction. */
async function withEnqueued<T>(tx: Transaction, work: (tx: Tx) => Promise<T>): Promise<T> {
  const enqueued: Promise<unknown>[] = [];
  const result = await work(wrap(tx, enqueued));
  await Promise.all(enqueued);
  return result;
}

export interface PgliteOptions {
  /** Folder to persist in; `memory://` for a throw-away database. */
  dataDir?: string;
  /** A dump made by `dumpDataDir` to start from (fast test databases). */
  loadDataDir?: Blob | File;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no locking between processes, and two processes writing one folder corrupt it.
 * A lock file with the owner's PID keeps a second process (e.g. the CLI while the server
 * runs) out; a lock left by a dead process is taken over.
 */
function acquireDirectoryLock(dataDir: string): () => void {
  // Beside the folder, not in it: PGlite's initdb expects to own the folder's contents.
  const lockFile = `${dataDir.replace(/\/+$/, '')}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      const release = () => rmSync(lockFile, { force: true });
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (owner && owner !== process.pid && processAlive(owner)) {
        throw new Error(`The embedded database in ${dataDir} is in use by process ${owner}. Stop the server first, or use PostgreSQL (DATABASE_URL) for concurrent access.`);
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}.`);
}

export async function openPglite(options: PgliteOptions): Promise<Database & { pglite: PGlite }> {
  const dataDir = options.dataDir ?? 'memory://';
  let release = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    release = acquireDirectoryLock(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir, parsers });
  } catch (error) {
    release();
    throw error;
  }
  return {
    kind: 'pglite',
    pglite,
    withContext<T>(context: RequestContext, work: (tx: Tx) => Promise<T>): Promise<T> {
      return pglite.transaction(async (tx) => {
        await tx.query(ENTER_CONTEXT_SQL, contextParams(context));
        return withEnqueued(tx, work);
      });
    },
    unsafeOwnerTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      return pglite.transaction((tx) => withEnqueued(tx, work));
    },
    unsafeOwnerQuery<Row>(sql: string, params?: readonly unknown[]) {
      return wrap(pglite).query<Row>(sql, params);
    },
    async close() {
      if (!pglite.closed) await pglite.close();
      release();
    },
  };
}
