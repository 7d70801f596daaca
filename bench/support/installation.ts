/**
 * A prepared installation for the benchmarks: a data directory (key file, and the PGlite
 * database unless PostgreSQL is used), migrated, with one municipality and the users the
 * benchmarks log in as. Written with the project's own code, as the test factories do, and
 * closed again before the server process opens it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { migrate } from '../../src/db/migrate.js';
import { createDeps } from '../../src/server.js';
import { createTenant, createUser, type TestTenant, type TestUser } from '../../test/support/factories.js';

export interface Installation {
  dataDir: string;
  /** Environment for `node dist/main.js` (without PORT). */
  env: Record<string, string>;
  tenant: TestTenant;
  /** Need a TOTP code at login (as every role reading personal data does). */
  advisers: TestUser[];
  /** Log in with the password alone: they measure the password hash without the TOTP step. */
  professionals: TestUser[];
}

/** E.g. one adviser per connection of a page load and one professional per login client. */
export async function prepareInstallation(options: { databaseUrl?: string; advisers?: number; professionals?: number } = {}): Promise<Installation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'selvbestemt-bench-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const config = loadConfig({ ...env, LOG_LEVEL: 'warn' });
  const deps = await createDeps(config);
  try {
    await migrate(deps.db);
    const tenant = await createTenant(deps, { name: 'Benchkommune' });
    const advisers: TestUser[] = [];
    for (let i = 0; i < (options.advisers ?? 0); i++) advisers.push(await createUser(deps, tenant, { role: 'adviser' }));
    const professionals: TestUser[] = [];
    for (let i = 0; i < (options.professionals ?? 0); i++) professionals.push(await createUser(deps, tenant, { role: 'professional', group: 'school_daycare' }));
    return { dataDir, env, tenant, advisers, professionals };
  } finally {
    await deps.db.close();
  }
}

/** A new, empty PostgreSQL database beside the one in `baseUrl`, and a function that drops it. */
export async function createBenchDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `selvbestemt_bench_${randomBytes(4).toString('hex')}`;
  const withAdmin = async (sql: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await withAdmin(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => withAdmin(`drop database if exists ${name} with (force)`) };
}

/** Runs one query as the database owner (for checks after a run, e.g. counting audit rows). */
export async function ownerQuery<Row>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Row[];
  } finally {
    await client.end();
  }
}
