/**
 * PostgreSQL server through a node-postgres pool. Each `withContext` call takes a
 * connection, opens a transaction, switches to the application role and sets the tenant and
 * user for that transaction only, so a pooled connection never carries one request's
 * context into the next.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { beginWithContextSql, type Database, type QueryResult, type RequestContext, type Tx } from './database.js';

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

const statementNames = new Map<string, string>();

/** A stable name per statement text, so each pooled connection parses and plans it once. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `sb_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (statementNames.size < 5000) statementNames.set(sql, name);
  }
  return name;
}

function wrap(client: pg.PoolClient | pg.Pool, options: { prepare?: boolean } = {}): Tx {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      // Requests' parameterised statements are prepared per connection (planning a query under
      // row-level security costs about as much as running it); owner work is not.
      const result = options.prepare && params.length > 0
        ? await client.query({ name: statementName(sql), text: sql, values: params as unknown[] })
        : await client.query(sql, params as unknown[]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

export function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // An idle client's error (server restart) must not crash the process; the pool drops it.
  pool.on('error', () => {});

  async function inTransaction<T>(context: RequestContext | null, work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query(context ? beginWithContextSql(context) : 'begin');
      const result = await work(wrap(client, { prepare: context !== null }));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    kind: 'postgres',
    withContext: (context, work) => inTransaction(context, work),
    unsafeOwnerTransaction: (work) => inTransaction(null, work),
    unsafeOwnerQuery: (sql, params) => wrap(pool).query(sql, params),
    close: () => pool.end(),
  };
}
