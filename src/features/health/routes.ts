/** Liveness (the process answers) and readiness (database reachable, migrations current). */
import type { FastifyInstance } from 'fastify';
import { pendingMigrations, readMigrationFiles } from '../../db/migrate.js';
import type { AppDeps } from '../../platform/deps.js';

export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps): void {
  const files = readMigrationFiles();
  app.get('/healthz', async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      const pending = await pendingMigrations(deps.db, files);
      if (pending.length > 0) return reply.code(503).send({ status: 'migrations_pending', pending: pending.length });
      return reply.send({ status: 'ready', database: deps.db.kind });
    } catch {
      return reply.code(503).send({ status: 'database_unreachable' });
    }
  });
}
