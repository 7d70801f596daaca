/**
 * Embedded PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly) persisted in a folder.
 * One connection: PGlite runs transactions one at a time, which is what a single process
 * on a laptop or a small municipality's server needs.
 */
import { PGlite, types, type Results, type Transaction } from '@electric-sql/pglite';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
// The utilities alone: all of node-postgres takes a tenth of a second to load, unused here.
import pgUtils from 'pg/lib/utils.js';
import { join } from 'node:path';
import { ENTER_CONTEXT_SQL, contextParams, statementName, type Database, type QueryResult, type RequestContext, type Tx } from './database.js';

const { escapeLiteral } = pgUtils;

/** Same value types as the node-postgres adapter: int8 and numeric as numbers, dates as text. */
const parsers = {
  [types.INT8]: (value: string) => Number(value),
  [types.NUMERIC]: (value: string) => Number(value),
  [types.DATE]: (value: string) => value,
};

/**
 * Prepared statements for PGlite's one session. PGlite's `query` plans every statement anew
 * (an unnamed statement), and planning a page's one big statement under row-level security
 * costs more than running it (7.7 ms against 2.4 ms for a case page at full size). A request's
 * parameterised statements are therefore prepared once (`PREPARE`) and run with `EXECUTE`,
 * their parameters written as quoted literals of unknown type, which PostgreSQL converts with
 * the parameter's input function exactly as it converts text parameters of the wire protocol.
 */
class PreparedStatements {
  private readonly names = new Map<string, string>();

  async query<Row>(tx: Transaction, sql: string, params: readonly unknown[]): Promise<Results<Row>> {
    // Only what PREPARE accepts; and very large values (an attachment) go the ordinary way
    // rather than as one huge literal.
    if (!PREPARABLE.test(sql)) return tx.query<Row>(sql, params as unknown[]);
    const args = params.map(literal);
    if (args.reduce((total, arg) => total + arg.length, 0) > MAX_INLINE_PARAMETERS) return tx.query<Row>(sql, params as unknown[]);
    let name = this.names.get(sql);
    if (!name) {
      name = statementName(sql);
      if (sql.includes('$$')) throw new Error('PGlite: dollar quoting is not allowed in a request statement');
      // Not transactional: a statement prepared in a transaction that later rolls back stays.
      await tx.exec(`prepare ${name} as ${sql}`);
      this.names.set(sql, name);
    }
    // The simple protocol: through the extended one (parse, describe, bind, describe, execute)
    // PGlite took about twice as long for an EXECUTE as the statement itself runs.
    const [result] = await tx.exec(`execute ${name}(${args.join(', ')})`);
    return result as Results<Row>;
  }
}

const MAX_INLINE_PARAMETERS = 256 * 1024;
const PREPARABLE = /^\s*(select|insert|update|delete|with|values)\b/i;

/** A parameter as node-postgres would send it in text form, then quoted as a literal. */
function literal(value: unknown): string {
  const text = parameterText(value);
  // A lone surrogate ("æ\udfff" from a JSON body) becomes U+FFFD, as node-postgres's UTF-8
  // encoding makes it for PostgreSQL; left in, PGlite miscounted the statement's length (a 500).
  return text === null ? 'null' : escapeLiteral(wellFormed(text));
}

/** String.prototype.toWellFormed (Node 20; not in the ES2023 typings this project compiles against). */
function wellFormed(text: string): string {
  return (text as string & { toWellFormed(): string }).toWellFormed();
}

function parameterText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value)) return arrayText(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function arrayText(values: readonly unknown[]): string {
  const elements = values.map((element) => {
    if (element === null || element === undefined) return 'NULL';
    if (Array.isArray(element)) return arrayText(element);
    return `"${parameterText(element)!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${elements.join(',')}}`;
}

function wrap(tx: Transaction | PGlite, enqueued: Promise<unknown>[] = [], prepared?: PreparedStatements): Tx {
  const query = async <Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> => {
    const result = prepared && params.length > 0
      ? await prepared.query<Row>(tx as Transaction, sql, params)
      : await tx.query<Row>(sql, params as unknown[]);
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
async function withEnqueued<T>(tx: Transaction, work: (tx: Tx) => Promise<T>, prepared?: PreparedStatements): Promise<T> {
  const enqueued: Promise<unknown>[] = [];
  const result = await work(wrap(tx, enqueued, prepared));
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
      const removeFile = () => rmSync(lockFile, { force: true });
      process.once('exit', removeFile);
      // Closed before the process ends: the exit listener goes too (tests open many folders).
      return () => {
        process.removeListener('exit', removeFile);
        removeFile();
      };
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
  // Requests' statements only, as on PostgreSQL; owner work (migrations, backups) is not prepared.
  const prepared = new PreparedStatements();
  return {
    kind: 'pglite',
    pglite,
    withContext<T>(context: RequestContext, work: (tx: Tx) => Promise<T>): Promise<T> {
      return pglite.transaction(async (tx) => {
        await prepared.query(tx, ENTER_CONTEXT_SQL, contextParams(context));
        return withEnqueued(tx, work, prepared);
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
