/**
 * The two job queues. pg-boss in the server (PostgreSQL: its own small pool; PGlite: through
 * the embedded database's one connection), and an inline queue for tests that runs each job
 * right after it is sent.
 */
import type PgBoss from 'pg-boss';
import type { PGlite } from '@electric-sql/pglite';
import type { AppDeps } from '../deps.js';
import { executeJob } from './execute.js';
// Platform jobs register here, so every queue knows them.
import './maintenance.js';
import { jobDefinitions, type JobPayload, type JobQueue } from './registry.js';

function pgliteAdapter(pglite: PGlite): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      if (!values || values.length === 0) {
        const results = await pglite.exec(text);
        return { rows: results.length > 0 ? results[results.length - 1].rows : [] };
      }
      const result = await pglite.query(text, values as unknown[]);
      return { rows: result.rows as unknown[] };
    },
  };
}

export async function startPgBossQueue(deps: AppDeps, options: { pglite?: PGlite; connectionString?: string }): Promise<JobQueue> {
  // Loaded here, not at start: the server answers before the queue is up (decision 0006), and
  // pg-boss with its dependencies takes a tenth of a second to load.
  const { default: PgBossQueue } = await import('pg-boss');
  const abort = new AbortController();
  const boss = new PgBossQueue({
    ...(options.pglite ? { db: pgliteAdapter(options.pglite) } : { connectionString: options.connectionString, max: 4 }),
    schema: 'pgboss',
    application_name: 'selvbestemt-jobs',
  });
  boss.on('error', (error: Error) => deps.log.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const definition of jobDefinitions()) {
    await boss.createQueue(definition.name).catch(() => {}); // exists already
    await boss.work(definition.name, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) =>
      executeJob(deps, definition.name, (job.data ?? {}) as JobPayload, abort.signal),
    );
    if (definition.schedule) await boss.schedule(definition.name, definition.schedule, {}, { tz: 'UTC' });
  }
  return {
    async send(name, data) {
      const definition = jobDefinitions().find((candidate) => candidate.name === name);
      await boss.send(name, data, {
        expireInSeconds: definition?.expireInSeconds ?? 900,
        retryLimit: 1,
        singletonKey: typeof data.runId === 'string' ? data.runId : undefined,
      });
    },
    async stop() {
      abort.abort();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/**
 * The server's queue while pg-boss is still starting: the server answers requests before it is
 * up (starting it takes a good part of a second on the embedded database), and a job sent
 * meanwhile waits for it. If it cannot start, sending fails with that error.
 */
export function startingQueue(starting: Promise<JobQueue>): JobQueue {
  starting.catch(() => {}); // reported where it is started; here only awaited
  return {
    async send(name, data) {
      await (await starting).send(name, data);
    },
    async stop() {
      const queue = await starting.catch(() => null);
      await queue?.stop?.();
    },
  };
}

/** Runs each job in the same process right after `send` (tests; `idle()` waits for them). */
export function inlineQueue(deps: AppDeps): JobQueue {
  let pending: Promise<unknown> = Promise.resolve();
  const abort = new AbortController();
  return {
    async send(name, data) {
      pending = pending.then(() => executeJob(deps, name, data, abort.signal).catch(() => undefined));
    },
    idle: () => pending.then(() => undefined),
    async stop() {
      abort.abort();
      await pending;
    },
  };
}
