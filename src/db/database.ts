/**
 * One database interface over PostgreSQL (node-postgres) and embedded PostgreSQL (PGlite).
 * Both speak the same SQL; everything above this file is unaware of which one runs.
 *
 * Access rule: requests run through `withContext`, which executes as the `selvbestemt_app`
 * role (row-level security applies, it cannot be bypassed) with `app.tenant_id` and
 * `app.user_id` set for the transaction. `unsafeOwnerTransaction` runs as the owner and
 * bypasses row-level security: it is for migrations, the audit sealer, backups and the few
 * look-ups that must happen before a tenant is known.
 */
import { createHash } from 'node:crypto';

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

/** A transaction handle; statements run in order on one connection. */
export interface Tx extends Queryable {
  /** Runs several statements without parameters (e.g. a migration file). */
  exec(sql: string): Promise<void>;
  /**
   * Sends a statement whose result nobody reads (the request's audit insert). On PostgreSQL it
   * travels with the next statement, often the commit, in one round trip; if it fails, the
   * transaction fails.
   */
  enqueue(sql: string, params?: readonly unknown[]): void;
}

export interface RequestContext {
  tenantId: string | null;
  userId: string | null;
}

export interface Database {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction as the application role with the given context. */
  withContext<T>(context: RequestContext, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `work` in one transaction as the database owner (bypasses row-level security). */
  unsafeOwnerTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs one statement as the owner outside any explicit transaction (health checks). */
  unsafeOwnerQuery<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  close(): Promise<void>;
}

/** The role requests run as; created by the first migration. It has no BYPASSRLS. */
export const APP_ROLE = 'selvbestemt_app';

/** The one statement that enters a request's context inside an open transaction. */
export const ENTER_CONTEXT_SQL =
  "select set_config('role', $1, true), set_config('app.tenant_id', $2, true), set_config('app.user_id', $3, true)";

export function contextParams(context: RequestContext): string[] {
  return [APP_ROLE, context.tenantId ?? '', context.userId ?? ''];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `begin` and the context in one simple-protocol round trip (the extended protocol allows one
 * statement per message). The values are inlined, so they must be UUIDs: anything else throws.
 */
export function beginWithContextSql(context: RequestContext): string {
  const literal = (value: string | null) => {
    if (value === null) return "''";
    if (!UUID.test(value)) throw new Error('A request context id must be a UUID');
    return `'${value}'`;
  };
  return `begin; select set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', ${literal(context.tenantId)}, true), set_config('app.user_id', ${literal(context.userId)}, true)`;
}

/** Error codes PostgreSQL raises that callers may want to recognise. */
export const PG_ERRORS = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  insufficientPrivilege: '42501',
  raiseException: 'P0001',
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

const statementNames = new Map<string, string>();

/** A stable name per statement text, so a connection parses and plans each statement once. */
export function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `sb_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (statementNames.size < 5000) statementNames.set(sql, name);
  }
  return name;
}
