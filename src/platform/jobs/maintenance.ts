/**
 * Nightly upkeep of the embedded database. PostgreSQL's autovacuum keeps a server's tables
 * vacuumed and their statistics current; PGlite runs PostgreSQL in single-user mode, where no
 * autovacuum runs, so without this its tables would never be vacuumed (dead rows pile up and
 * the visibility map stays empty, so no index-only scan) nor analysed after they grow (the
 * planner keeps the row counts of a new database). On PostgreSQL the job does nothing.
 */
import { registerJob } from './registry.js';

export const DATABASE_MAINTENANCE_JOB = 'database.maintenance';

registerJob({
  name: DATABASE_MAINTENANCE_JOB,
  // 02:40 UTC, at night in Denmark. It holds the embedded database's one connection while it
  // runs: seconds for a municipality's data once the tables have been vacuumed before.
  schedule: '40 2 * * *',
  expireInSeconds: 3600,
  handler: async ({ deps }) => {
    if (deps.db.kind !== 'pglite') return { skipped: 'postgres has autovacuum' };
    const started = Date.now();
    await deps.db.unsafeOwnerQuery('vacuum (analyze)');
    return { vacuumedMs: Date.now() - started };
  },
});
