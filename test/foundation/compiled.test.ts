/**
 * The compiled server and command as `npm start` and `npx selvbestemt` run them: the bundle in
 * dist/ (scripts/build.mjs), in child processes. The rest of the suite runs the sources, so
 * this is where a file the bundle cannot find (migrations, web assets, DKFDS, chunks loaded on
 * demand) would show. PGlite in a fresh data folder; with DATABASE_URL, a fresh PostgreSQL
 * database as well.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnNode, waitFor200 } from '../../bench/support/processes.js';
import { openPostgres } from '../../src/db/postgres.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_URL = process.env.DATABASE_URL;
const scratch = mkdtempSync(join(tmpdir(), 'selvbestemt-dist-'));
let databaseToDrop: string | null = null;

beforeAll(() => {
  // What `npm start` does first (prestart), so the test runs today's sources, not an old build.
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

afterAll(async () => {
  if (databaseToDrop && SERVER_URL) {
    const admin = openPostgres(SERVER_URL, 1);
    await admin.unsafeOwnerQuery(`drop database if exists ${databaseToDrop} with (force)`);
    await admin.close();
  }
  rmSync(scratch, { recursive: true, force: true });
});

/** A fresh database for the compiled server: a PGlite folder, or a new PostgreSQL database. */
async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(join(scratch, 'data-'));
  if (kind === 'pglite') return { DATA_DIR: dataDir };
  const name = `sb_dist_${randomBytes(5).toString('hex')}`;
  const admin = openPostgres(SERVER_URL!, 1);
  await admin.unsafeOwnerQuery(`create database ${name}`);
  await admin.close();
  databaseToDrop = name;
  const url = new URL(SERVER_URL!);
  url.pathname = `/${name}`;
  return { DATA_DIR: dataDir, DATABASE_URL: url.href };
}

function runCommand(args: string[], env: Record<string, string>): { status: number | null; output: string } {
  try {
    const output = execFileSync(process.execPath, ['bin/selvbestemt.js', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number | null; stdout: string; stderr: string };
    return { status: failed.status, output: failed.stdout + failed.stderr };
  }
}

const kinds: Array<'pglite' | 'postgres'> = SERVER_URL ? ['pglite', 'postgres'] : ['pglite'];

describe.each(kinds)('the compiled server and command (%s)', (kind) => {
  it('starts on an empty database, prints the first-administrator link, serves pages and every kind of asset, and stops on SIGTERM', async () => {
    const env = await freshDatabase(kind);
    const port = await freePort();
    let stdout = '';
    const child = spawnNode(['dist/main.js'], { cwd: ROOT, env: { ...env, PORT: String(port), LOG_LEVEL: 'warn' }, onStdout: (text) => (stdout += text) });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor200(`${base}/readyz`, 60_000, child);
      const link = /\/setup\/([A-Za-z0-9_-]+)/.exec(stdout);
      expect(link, stdout).not.toBeNull();
      const setup = await fetch(`${base}/setup/${link![1]}`);
      expect(setup.status).toBe(200);
      expect(await setup.text()).toContain('<html lang="da"');
      for (const asset of ['/static/dkfds/css/dkfds.min.css', '/static/app/app.css', '/hjaelp/static/site.css']) {
        const response = await fetch(`${base}${asset}`);
        expect(response.status, asset).toBe(200);
        expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
      }
      const missing = await fetch(`${base}/ingen-side`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('Siden findes ikke');
    } finally {
      await child.stop();
    }
    expect(child.process.exitCode, child.stderr()).toBe(0);

    // The command shares the bundle's chunks: a second migrate finds nothing to do, and the
    // audit chain the server started verifies.
    const migrate = runCommand(['migrate'], env);
    expect(migrate.status, migrate.output).toBe(0);
    const verify = runCommand(['audit', 'verify'], env);
    expect(verify.status, verify.output).toBe(0);
  }, 120_000);

  it('the command answers an unknown sub-command with its usage and exit code 2', () => {
    const unknown = runCommand(['nonsense'], { DATA_DIR: join(scratch, 'unused') });
    expect(unknown.status).toBe(2);
    expect(unknown.output).toContain('Usage: selvbestemt');
  });
});

it('says in one line why it cannot start when another server has the embedded database open, and exits 1', async () => {
  const env = await freshDatabase('pglite');
  const firstPort = await freePort();
  const first = spawnNode(['dist/main.js'], { cwd: ROOT, env: { ...env, PORT: String(firstPort), LOG_LEVEL: 'warn' } });
  try {
    await waitFor200(`http://127.0.0.1:${firstPort}/readyz`, 60_000, first);
    const second = spawnSync(process.execPath, ['dist/main.js'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env, PORT: String(await freePort()), LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 60_000 });
    expect(second.status).toBe(1);
    expect(second.stderr.trim()).toMatch(/^Selvbestemt could not start: The embedded database in .* is in use by process \d+\./);
    expect(second.stderr, 'no stack trace').not.toContain('    at ');
  } finally {
    await first.stop();
  }
}, 120_000);
