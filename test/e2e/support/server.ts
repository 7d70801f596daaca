/**
 * The real Selvbestemt server for browser journeys: `startServer` from src/server.ts (the
 * same code `npm start` runs) on a free port on 127.0.0.1, with its own throw-away database:
 * PGlite in a temporary data directory by default (unpacked from a migrated snapshot, see
 * database.ts), or a fresh PostgreSQL database created on the server named by DATABASE_URL
 * (and dropped again by `stop`). Migrations run at start either way, as in production.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { loadConfig } from '../../../src/config.js';
import { ensureFirstAdminLink } from '../../../src/features/setup/first-admin.js';
import type { AppDeps } from '../../../src/platform/deps.js';
import { createLogger } from '../../../src/platform/log.js';
import { startServer } from '../../../src/server.js';
import { openMigratedPglite } from './database.js';

export interface E2eServer {
  /** Base URL of the default tenant, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** The server's dependencies, for factories (`createTenant(server.deps)` …) and assertions. */
  deps: AppDeps;
  /** `/setup/<token>` on `url` when started with `firstAdmin: true`, else null. */
  firstAdminLink: string | null;
  /** Every log line the server wrote (JSON), for assertions such as "no errors were logged". */
  logLines: string[];
  /** Base URL for a tenant made by the factories (its `*.test` host name, this port). */
  urlFor: (tenant: { host: string }) => string;
  /** Log lines at level error or worse (pino level ≥ 50). */
  errorLogs: () => string[];
  /** Stops the server, closes the database and removes the data directory / drops the database. */
  stop: () => Promise<void>;
}

export interface E2eServerOptions {
  /** Create the installation's tenant and a first-administrator link, as `npm start` does. */
  firstAdmin?: boolean;
  /** Extra settings (the same variables as `src/config.ts`), e.g. `{ SESSION_IDLE_MINUTES: '1' }`. */
  env?: Record<string, string>;
}

/** Creates an empty database beside the one in DATABASE_URL; returns its URL and a drop function. */
async function freshPostgresDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `selvbestemt_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Starts the server; call `stop()` in `afterAll`. */
export async function startE2eServer(options: E2eServerOptions = {}): Promise<E2eServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'selvbestemt-e2e-'));
  const postgres = process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL) : null;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
    AUDIT_SEAL_INTERVAL_SECONDS: '0.5',
    // The installation's own tenant (made by ensureFirstAdminLink) answers on 127.0.0.1 even
    // after the factories add tenants of their own (those answer on their *.test host names).
    DEFAULT_TENANT: 'kommune',
    ...(postgres ? { DATABASE_URL: postgres.url, DATABASE_POOL_SIZE: '5' } : {}),
    ...options.env,
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(String(chunk));
      callback();
    },
  });
  let firstAdminToken: string | null = null;
  // The same folder `npm start` would use (DATA_DIR/pglite), unpacked from a migrated snapshot.
  const db = postgres ? undefined : await openMigratedPglite(join(dataDir, 'pglite'));
  let server;
  try {
    server = await startServer({
      config,
      log: createLogger(config.LOG_LEVEL, sink),
      db,
      prepare: async (deps) => {
        if (options.firstAdmin) firstAdminToken = (await ensureFirstAdminLink(deps.db, config.DEFAULT_TENANT))?.token ?? null;
      },
    });
  } catch (error) {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
    throw error;
  }
  const running = server;
  const port = Number(new URL(running.url).port);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    deps: running.deps,
    firstAdminLink: firstAdminToken ? `${url}/setup/${firstAdminToken}` : null,
    logLines,
    urlFor: (tenant) => `http://${tenant.host}:${port}`,
    errorLogs: () => logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50),
    stop: async () => {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await postgres?.drop();
    },
  };
}
