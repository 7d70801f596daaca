/**
 * The real application for tests, built on a real database, answering through Fastify's
 * `inject` (no port). Each test file gets its own app; each test its own tenant (factories).
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { keyRingFromMaster } from '../../src/platform/crypto/keys.js';
import type { AppDeps } from '../../src/platform/deps.js';
import { createLogger } from '../../src/platform/log.js';
import { TenantResolver } from '../../src/platform/tenants.js';
import { openTestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  db: Database;
  /** Every log line written so far (for the redaction tests). */
  logLines: string[];
  close: () => Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'info', DATA_DIR: '/nonexistent-test-data-dir', ...overrides });
}

export async function createTestApp(
  options: {
    env?: Record<string, string>;
    db?: Database;
    /** Adds test-only routes or hooks before the app is sealed (e.g. a route that fails on purpose). */
    beforeReady?: (app: FastifyInstance, deps: AppDeps) => void | Promise<void>;
  } = {},
): Promise<TestApp> {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(String(chunk));
      callback();
    },
  });
  const config = testConfig(options.env);
  const db = options.db ?? (await openTestDatabase());
  const deps: AppDeps = {
    config,
    db,
    keys: keyRingFromMaster(randomBytes(32)),
    log: createLogger(config.LOG_LEVEL, sink),
    tenants: new TenantResolver(db, undefined),
  };
  const app = await buildApp(deps);
  if (options.beforeReady) await options.beforeReady(app, deps);
  await app.ready();
  return {
    app, deps, db, logLines,
    close: async () => {
      await app.close();
      if (!options.db) await db.close();
    },
  };
}
