/**
 * PostgreSQL server through a node-postgres pool. Each `withContext` call takes a
 * connection, opens a transaction, switches to the application role and sets the tenant and
 * user for that transaction only, so a pooled connection never carries one request's
 * context into the next.
 */
import pg from 'pg';
import { beginWithContextSql, statementName, type Database, type QueryResult, type RequestContext, type Tx } from './database.js';

const typeParsers: Record<number, (value: string) => unknown> = {
  20: (value) => Number(value), // int8: counts and ids stay below 2^53
  1700: (value) => Number(value), // numeric
  1082: (value) => value, // date: keep "YYYY-MM-DD", never shift by a time zone
};

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return typeParsers[oid] ?? pg.types.getTypeParser(oid, format);
  },
};

/**
 * One pooled connection in pipeline mode. A statement may be held back (`hold`) until the next
 * one is sent; both then leave in one network write, and PostgreSQL reads them in one go. The
 * transaction's `begin` waits for its first statement this way, and an enqueued statement (the
 * audit insert) for the commit: on a busy two-core server each write and each wake-up of the
 * other side costs more than a small statement itself (decision 0007).
 */
class Line {
  private held = false;
  private readonly socket: { cork?: () => void; uncork?: () => void } | undefined;

  constructor(readonly client: pg.PoolClient) {
    // node-postgres corks this socket itself around each statement's messages; holding a
    // statement back is one more cork, released when the next statement has been written.
    this.socket = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
  }

  send(sql: string, params: readonly unknown[] | undefined, options: { prepare?: boolean; hold?: boolean } = {}): Promise<pg.QueryResult> {
    if (options.hold && !this.held && this.socket?.cork) {
      this.socket.cork();
      this.held = true;
    }
    const query = options.prepare && params && params.length > 0
      ? this.client.query({ name: statementName(sql), text: sql, values: params as unknown[] })
      : this.client.query(sql, params as unknown[] | undefined);
    if (!options.hold) this.release();
    return query;
  }

  /** Sends whatever is held back. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.socket?.uncork?.();
  }
}

function wrap(line: Line, enqueued: Promise<unknown>[], options: { prepare?: boolean } = {}): Tx {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      // Requests' parameterised statements are prepared per connection (planning a query under
      // row-level security costs about as much as running it); owner work is not.
      const result = await line.send(sql, params, { prepare: options.prepare });
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await line.send(sql, undefined);
    },
    enqueue(sql: string, params: readonly unknown[] = []): void {
      enqueued.push(watched(line.send(sql, params, { prepare: options.prepare, hold: true })));
    },
  };
}

/** A statement's promise that is awaited later: no unhandled rejection in the meantime. */
function watched<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** Owner queries outside a transaction: a connection of their own for each. */
async function ownerQuery<Row>(pool: pg.Pool, sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
  const result = await pool.query(sql, params as unknown[]);
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
}

export function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types, pipeline: true });
  // An idle client's error (server restart) must not crash the process; the pool drops it.
  pool.on('error', () => {});

  async function inTransaction<T>(context: RequestContext | null, work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    const line = new Line(client);
    // `begin` and the statements enqueued during the work are checked with the commit.
    const enqueued: Promise<unknown>[] = [watched(line.send(context ? beginWithContextSql(context) : 'begin', undefined, { hold: true }))];
    try {
      const result = await work(wrap(line, enqueued, { prepare: context !== null }));
      const commit = line.send('commit', undefined);
      // A failed statement aborts the transaction, and PostgreSQL then answers the commit with
      // a rollback, not an error: the enqueued statements' own answers decide.
      await Promise.all([...enqueued, commit]);
      return result;
    } catch (error) {
      await line.send('rollback', undefined).catch(() => {});
      throw error;
    } finally {
      line.release();
      client.release();
    }
  }

  return {
    kind: 'postgres',
    withContext: (context, work) => inTransaction(context, work),
    unsafeOwnerTransaction: (work) => inTransaction(null, work),
    unsafeOwnerQuery: (sql, params) => ownerQuery(pool, sql, params),
    close: () => pool.end(),
  };
}
