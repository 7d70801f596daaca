/**
 * Starting and stopping Selvbestemt: configuration → keys → database (migrated) → web
 * application → listening, plus the audit sealer. Used by `npm start`, `npm run demo`, the
 * end-to-end tests and the benchmarks, so all of them run the same thing.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { sealAuditEvents } from './platform/audit/chain.js';
import { startingQueue, startPgBossQueue } from './platform/jobs/queues.js';
import type { PGlite } from '@electric-sql/pglite';
import { loadOrCreateKeyRing, type KeyRing } from './platform/crypto/keys.js';
import type { AppDeps } from './platform/deps.js';
import { createLogger } from './platform/log.js';
import { TenantResolver } from './platform/tenants.js';

export interface RunningServer {
  app: FastifyInstance;
  deps: AppDeps;
  url: string;
  stop: () => Promise<void>;
}

export interface ServerOptions {
  config: Config;
  log?: Logger;
  db?: Database;
  keys?: KeyRing;
  /** Runs after migrations and before listening (demo data, first-administrator link). */
  prepare?: (deps: AppDeps) => Promise<void>;
  listen?: boolean;
}

/** Builds dependencies shared by the server and the CLI. */
export async function createDeps(config: Config, overrides: { log?: Logger; db?: Database; keys?: KeyRing } = {}): Promise<AppDeps> {
  const log = overrides.log ?? createLogger(config.LOG_LEVEL);
  const keys = overrides.keys ?? loadOrCreateKeyRing(config.keyFile);
  const db = overrides.db ?? (await openDatabase(config));
  return { config, db, keys, log, tenants: new TenantResolver(db, config.DEFAULT_TENANT) };
}

/** Seals the audit log on a timer; one sealer per database wins the advisory lock. */
export function startAuditSealer(deps: AppDeps): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running
      .then(() => (stopped ? 0 : sealAuditEvents(deps.db)))
      .catch((error: unknown) => deps.log.error({ err: error }, 'audit sealing failed'));
  }, deps.config.AUDIT_SEAL_INTERVAL_SECONDS * 1000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const deps = await createDeps(options.config, options);
  const applied = await migrate(deps.db);
  if (applied.length > 0) deps.log.info({ migrations: applied.length }, 'database migrated');
  if (options.prepare) await options.prepare(deps);
  const app = await buildApp(deps);
  if (options.config.JOBS_ENABLED) {
    // Not awaited: /readyz does not wait for the job queue (decision 0006); jobs sent before it
    // is up wait for it.
    const starting = startPgBossQueue(deps, deps.db.kind === 'pglite'
      ? { pglite: (deps.db as Database & { pglite: PGlite }).pglite }
      : { connectionString: options.config.DATABASE_URL });
    starting.catch((error: unknown) => deps.log.error({ err: error }, 'the job queue did not start'));
    deps.jobs = startingQueue(starting);
  }
  const stopSealer = startAuditSealer(deps);
  let url = '';
  if (options.listen !== false) {
    url = await app.listen({ port: options.config.PORT, host: options.config.HOST });
  } else {
    await app.ready();
  }
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close(); // stops accepting, lets requests in flight finish
      await deps.jobs?.stop?.();
      await stopSealer();
      await sealAuditEvents(deps.db).catch(() => 0);
      await deps.db.close();
    })());
  return { app, deps, url, stop };
}
