/** Background jobs: tracked runs report progress and results, inline and on pg-boss. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from '../../src/db/database.js';
import { inlineQueue, startPgBossQueue } from '../../src/platform/jobs/queues.js';
import { registerJob } from '../../src/platform/jobs/registry.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createTenant, createUser } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

registerJob({
  name: 'test.sum',
  handler: async (context, data) => {
    const n = Number(data.n);
    let sum = 0;
    for (let i = 1; i <= n; i++) {
      sum += i;
      await context.reportProgress(i, n);
    }
    if (n < 0) throw new Error('test.negative');
    return { sum };
  },
});

async function trackedRun(tenantId: string, userId: string): Promise<string> {
  const { rows } = await t.db.unsafeOwnerQuery<{ id: string }>(
    "insert into job_runs (tenant_id, kind, requested_by) values ($1, 'test.sum', $2) returning id::text",
    [tenantId, userId],
  );
  return rows[0].id;
}

async function runRow(id: string) {
  const { rows } = await t.db.unsafeOwnerQuery<{ status: string; progress_done: number; progress_total: number; result: unknown; error_key: string | null }>(
    'select status, progress_done, progress_total, result, error_key from job_runs where id = $1',
    [id],
  );
  return rows[0];
}

describe('jobs', () => {
  it('runs inline, records progress and the result', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant);
    const queue = inlineQueue(t.deps);
    const runId = await trackedRun(tenant.id, user.id);
    await queue.send('test.sum', { runId, tenantId: tenant.id, n: 100 });
    await queue.idle!();
    expect(await runRow(runId)).toMatchObject({ status: 'done', progress_done: 100, progress_total: 100, result: { sum: 5050 } });
  });

  it('records a failure with its message key', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant);
    const queue = inlineQueue(t.deps);
    const runId = await trackedRun(tenant.id, user.id);
    await queue.send('test.sum', { runId, tenantId: tenant.id, n: -1 });
    await queue.idle!();
    expect(await runRow(runId)).toMatchObject({ status: 'failed', error_key: 'test.negative' });
  });

  it('runs on pg-boss against the real database', async () => {
    const tenant = await createTenant(t.deps);
    const user = await createUser(t.deps, tenant);
    const db = t.db as Database & { pglite?: PGlite };
    const queue = await startPgBossQueue(t.deps, db.pglite ? { pglite: db.pglite } : { connectionString: process.env.DATABASE_URL });
    try {
      const runId = await trackedRun(tenant.id, user.id);
      await queue.send('test.sum', { runId, tenantId: tenant.id, n: 10 });
      const deadline = Date.now() + 20_000;
      while ((await runRow(runId)).status !== 'done' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(await runRow(runId)).toMatchObject({ status: 'done', result: { sum: 55 } });
    } finally {
      await queue.stop!();
    }
  });
});

describe('nightly database maintenance', () => {
  it('vacuums and analyses the embedded database, which has no autovacuum, and leaves PostgreSQL to its own', async () => {
    const { executeJob } = await import('../../src/platform/jobs/execute.js');
    const { DATABASE_MAINTENANCE_JOB } = await import('../../src/platform/jobs/maintenance.js');
    const { jobDefinition } = await import('../../src/platform/jobs/registry.js');
    expect(jobDefinition(DATABASE_MAINTENANCE_JOB)?.schedule).toBe('40 2 * * *');
    const lastVacuum = async () => (await t.db.unsafeOwnerQuery<{ at: Date | null; analysed: Date | null }>(
      "select last_vacuum as at, last_analyze as analysed from pg_stat_user_tables where relname = 'inquiries'")).rows[0];
    const before = await lastVacuum();
    const result = await executeJob(t.deps, DATABASE_MAINTENANCE_JOB, {}, new AbortController().signal);
    if (t.db.kind === 'pglite') {
      expect(result).toMatchObject({ vacuumedMs: expect.any(Number) });
      const after = await lastVacuum();
      expect(after.at).not.toBeNull();
      expect(after.analysed).not.toBeNull();
      expect(after.at).not.toEqual(before.at);
    } else {
      expect(result).toEqual({ skipped: 'postgres has autovacuum' });
    }
  });
});
