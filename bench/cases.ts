/**
 * The case-flow figures of issue 3: triage inbox, case page (with its audit write) and search,
 * p95 at 16 connections, on PostgreSQL with 10 tenants of 100,000 inquiries, 20,000 cases,
 * 300,000 timeline events and 2,000,000 audit rows each, and on PGlite with one such tenant.
 *
 * The server runs as `npm start` runs it (dist/main.js in a child process) on data made by
 * bench/generate-cases.ts. Each of the 16 connections is its own logged-in adviser of the
 * measured municipality's NSK unit; case pages and searches rotate over different open cases
 * and over names, CPR numbers and case numbers that exist. Every answer must be 200.
 */
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { currentTotp } from '../src/platform/auth/totp.js';
import { loadOrCreateKeyRing } from '../src/platform/crypto/keys.js';
import type { Figure } from './figures.js';
import { generateCaseData, type GenerateOptions, type GeneratedTenant } from './generate-cases.js';
import { createBenchDatabase, prepareInstallation, type Installation } from './support/installation.js';
import { percentile } from './support/load.js';
import { freePort, spawnNode, waitFor200 } from './support/processes.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const CONNECTIONS = 16;
const FULL: Omit<GenerateOptions, 'tenants'> = { inquiries: 100_000, cases: 20_000, events: 300_000, audit: 2_000_000 };
const QUICK: Omit<GenerateOptions, 'tenants'> = { inquiries: 10_000, cases: 2_000, events: 30_000, audit: 200_000 };

interface Probe { p50: number; p95: number; requests: number; perSecond: number }

/** `amount` requests over 16 connections (one session each), paths taken in turn from `paths`. */
async function load(base: string, cookies: string[], paths: string[], amount: number): Promise<Probe> {
  const times: number[] = [];
  let next = 0;
  let connection = 0;
  let bad = 0;
  const instance = autocannon({
    url: base, connections: CONNECTIONS, amount, timeout: 30,
    setupClient: (client: { setHeaders: (h: Record<string, string>) => void }) => client.setHeaders({ cookie: cookies[connection++ % cookies.length] }),
    // Each request takes the next path, so the connections spread over many cases and queries.
    requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: paths[next++ % paths.length] }) }],
  } as never);
  instance.on('response', (_client: unknown, status: number, _bytes: number, time: number) => {
    if (status !== 200) bad += 1;
    times.push(time);
  });
  const started = performance.now();
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  if (bad > 0 || result.errors > 0 || result.timeouts > 0) throw new Error(`bench/cases: ${bad} answers not 200, ${result.errors} errors, ${result.timeouts} timeouts (${JSON.stringify(result.statusCodeStats)})`);
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), requests: times.length, perSecond: times.length / seconds };
}

async function measureOne(base: string, cookies: string[], paths: string[], seconds: number): Promise<Probe> {
  const probe = await load(base, cookies, paths, CONNECTIONS * 10);
  await load(base, cookies, paths, Math.max(CONNECTIONS * 10, Math.round(probe.perSecond * 3)));
  return load(base, cookies, paths, Math.max(CONNECTIONS * 20, Math.round(probe.perSecond * seconds)));
}

async function measureServer(label: string, installation: Installation, generated: GeneratedTenant, quick: boolean): Promise<Figure[]> {
  const port = await freePort();
  const child = spawnNode(['--enable-source-maps', 'dist/main.js'], { cwd: repoRoot, env: { ...installation.env, PORT: String(port), LOG_LEVEL: 'warn', DEFAULT_TENANT: installation.tenant.slug } });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(`${base}/readyz`, 120_000, child);
    const cookies: string[] = [];
    for (const adviser of installation.advisers) {
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: adviser.username, password: adviser.password, totp: currentTotp(adviser.totpSecret!) }),
      });
      if (login.status !== 200) throw new Error(`bench/cases: login answered ${login.status}: ${await login.text()}`);
      cookies.push(login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; '));
    }
    const seconds = quick ? 4 : 15;
    const inbox = await measureOne(base, cookies, ['/henvendelser'], seconds);
    const casePage = await measureOne(base, cookies, generated.sampleCaseIds.map((id) => `/sager/${id}`), seconds);
    const search = await measureOne(base, cookies, generated.sampleQueries.map((q) => `/soeg?q=${encodeURIComponent(q)}`), seconds);
    const figure = (name: string, probe: Probe, goal: number): Figure[] => [
      { name: `${name}, ${label}, p95 at ${CONNECTIONS} connections`, value: round(probe.p95), unit: 'ms', goal: `< ${goal}`, met: probe.p95 < goal },
      { name: `${name}, ${label}, throughput`, value: Math.round(probe.perSecond), unit: 'req/s', goal: 'none (for reference)', met: true },
    ];
    return [
      ...figure('triage inbox (GET /henvendelser)', inbox, 50),
      ...figure('case page with its audit write (GET /sager/:id)', casePage, 50),
      ...figure('search by name, CPR or case number (GET /soeg)', search, 100),
    ];
  } finally {
    await child.stop();
  }
}

export async function run(options: { quick: boolean }): Promise<Figure[]> {
  if (!existsSync(join(repoRoot, 'dist', 'main.js'))) throw new Error('bench/cases: run `npm run build` first (npm run bench does)');
  const size = options.quick ? QUICK : FULL;
  const figures: Figure[] = [];
  const log = (line: string) => console.error(`bench/cases:${line}`);

  // PostgreSQL: 10 tenants (2 when quick) in a scratch database.
  const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = await createBenchDatabase(postgresUrl);
  try {
    const installation = await prepareInstallation({ databaseUrl: database.url, advisers: CONNECTIONS });
    const keys = loadOrCreateKeyRing(join(installation.dataDir, 'secrets.json'));
    const db = openPostgres(database.url, 4);
    const tenants = options.quick ? 2 : 10;
    const started = performance.now();
    let generated: GeneratedTenant[];
    try {
      generated = await generateCaseData(db, keys, { ...size, tenants, firstTenantId: installation.tenant.id, unitUserIds: installation.advisers.map((a) => a.id), log });
    } finally {
      await db.close();
    }
    figures.push({ name: `case data generation, PostgreSQL, ${tenants} tenants × ${size.inquiries.toLocaleString('en')} inquiries`, value: Math.round((performance.now() - started) / 1000), unit: 's', goal: 'none (for reference)', met: true });
    figures.push(...await measureServer(`PostgreSQL, ${tenants} tenants`, installation, generated[0], options.quick));
  } finally {
    await database.drop();
  }

  // PGlite: one tenant of the same size.
  const installation = await prepareInstallation({ advisers: CONNECTIONS });
  const keys = loadOrCreateKeyRing(join(installation.dataDir, 'secrets.json'));
  const db = await openPglite({ dataDir: join(installation.dataDir, 'pglite') });
  const started = performance.now();
  let generated: GeneratedTenant[];
  try {
    generated = await generateCaseData(db, keys, { ...size, tenants: 1, firstTenantId: installation.tenant.id, unitUserIds: installation.advisers.map((a) => a.id), log });
  } finally {
    await db.close();
  }
  figures.push({ name: `case data generation, PGlite, 1 tenant × ${size.inquiries.toLocaleString('en')} inquiries`, value: Math.round((performance.now() - started) / 1000), unit: 's', goal: 'none (for reference)', met: true });
  figures.push(...await measureServer('PGlite, 1 tenant', installation, generated[0], options.quick));
  return figures;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
