/**
 * The foundation's figures (issue 2), measured on the server as `npm start` runs it
 * (`node --enable-source-maps dist/main.js` in a child process, so the load generator here
 * and the server do not share an event loop):
 *
 * - baseline: a bare Fastify route returning a constant, 32 connections;
 * - the authenticated home page, which writes its audit row, 32 connections each with its own
 *   logged-in adviser, on PostgreSQL (goal: p95 < 25 ms and throughput ≥ 25 % of the
 *   baseline's, measured in the same run) and on PGlite (for reference); every request must
 *   answer 200, and the audit log must hold exactly one row per answered request;
 * - `npm start` on an existing PGlite database: time from spawn to the first 200 from /readyz
 *   (goal < 3 s) and resident memory once started (goal < 450 MB);
 * - login with the password hash (POST /api/v1/auth/login, 8 clients, each its own user of a
 *   role without a second factor): logins per second divided by the CPU cores the server
 *   process used meanwhile (goal ≥ 20);
 * - Argon2id verification per core for each of OWASP's equivalent parameter sets, to show what
 *   the chosen one costs next to the others.
 *
 * PostgreSQL: a fresh database on the server of DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test), dropped afterwards. PGlite: temporary data dirs.
 * Runs are by request count (see support/load.ts), sized from a probe to last about the
 * warm-up and load durations below.
 */
import argon2 from 'argon2';
import { existsSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../src/db/pglite.js';
import { currentTotp } from '../src/platform/auth/totp.js';
import { PASSWORD_HASH_OPTIONS } from '../src/platform/auth/password.js';
import type { Figure } from './figures.js';
import type { TestUser } from '../test/support/factories.js';
import { createBenchDatabase, ownerQuery, prepareInstallation, type Installation } from './support/installation.js';
import { measure, type LoadResult, type Measured } from './support/load.js';
import { cpuSeconds, freePort, residentMb, spawnNode, waitFor200, type Child } from './support/processes.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const CONNECTIONS = 32;
const LOGIN_CLIENTS = 8;
const HOME_P95_GOAL_MS = 25;
const HOME_SHARE_GOAL = 0.25;
const READY_GOAL_MS = 3000;
const RSS_GOAL_MB = 450;
const LOGINS_PER_CORE_GOAL = 20;
const NO_GOAL = 'none (for reference)';

/** OWASP's Password Storage Cheat Sheet: Argon2id settings of equal strength (memory in KiB). */
const OWASP_ARGON2ID = [
  { memoryCost: 47_104, timeCost: 1 },
  { memoryCost: 19_456, timeCost: 2 },
  { memoryCost: 12_288, timeCost: 3 },
  { memoryCost: 9_216, timeCost: 4 },
  { memoryCost: 7_168, timeCost: 5 },
];

interface Durations {
  warmup: number;
  load: number;
  starts: number;
  argon2: number;
}

export async function run(options: { quick: boolean }): Promise<Figure[]> {
  if (!existsSync(join(repoRoot, 'dist', 'main.js'))) throw new Error('bench/foundation: run `npm run build` first (npm run bench does)');
  const durations: Durations = options.quick ? { warmup: 1, load: 3, starts: 3, argon2: 1 } : { warmup: 3, load: 10, starts: 5, argon2: 3 };
  const figures: Figure[] = [];

  const baseline = (await measureBaseline(durations)).result;
  figures.push({ name: `bare Fastify route (baseline), ${CONNECTIONS} connections, throughput`, value: round(baseline.perSecond), unit: 'req/s', goal: NO_GOAL, met: true });
  figures.push({ name: `bare Fastify route (baseline), ${CONNECTIONS} connections, p95 latency`, value: round(baseline.p95, 2), unit: 'ms', goal: NO_GOAL, met: true });

  const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = await createBenchDatabase(postgresUrl);
  try {
    const installation = await prepareInstallation({ databaseUrl: database.url, advisers: CONNECTIONS, professionals: LOGIN_CLIENTS });
    const server = await startApp(installation);
    try {
      const home = await measureHome(server, installation, durations);
      const rows = await ownerQuery<{ count: number }>(database.url, "select count(*)::int as count from audit_events where tenant_id = $1 and action = 'page.home.view'", [installation.tenant.id]);
      figures.push(...homeFigures('PostgreSQL', home, rows[0].count, baseline));
      figures.push(...(await measureLogin(server, installation, durations)));
    } finally {
      await server.child.stop();
      rmSync(installation.dataDir, { recursive: true, force: true });
    }
  } finally {
    await database.drop();
  }

  const installation = await prepareInstallation({ advisers: CONNECTIONS, professionals: 0 });
  try {
    const server = await startApp(installation);
    let home: Measured;
    try {
      home = await measureHome(server, installation, durations);
    } finally {
      await server.child.stop();
    }
    const db = await openPglite({ dataDir: join(installation.dataDir, 'pglite') });
    const { rows } = await db.unsafeOwnerQuery<{ count: number }>("select count(*)::int as count from audit_events where tenant_id = $1 and action = 'page.home.view'", [installation.tenant.id]);
    await db.close();
    figures.push(...homeFigures('PGlite', home, rows[0].count, baseline));
    // The same data directory, now an existing database with rows in it, for the start figures.
    figures.push(...(await measureStart(installation, durations)));
  } finally {
    rmSync(installation.dataDir, { recursive: true, force: true });
  }

  figures.push(...(await measureArgon2(durations)));
  return figures;
}

interface RunningApp {
  child: Child;
  url: string;
}

/** `npm start` without the build step: the compiled server with the installation's settings. */
async function startApp(installation: Installation): Promise<RunningApp> {
  const port = await freePort();
  const child = spawnNode(['--enable-source-maps', 'dist/main.js'], { cwd: repoRoot, env: { ...installation.env, PORT: String(port) } });
  const url = `http://127.0.0.1:${port}`;
  await waitFor200(`${url}/readyz`, 30_000, child);
  return { child, url };
}

async function measureBaseline(durations: Durations): Promise<Measured> {
  let url = '';
  const child = spawnNode([join(repoRoot, 'bench', 'support', 'bare-fastify.mjs')], { cwd: repoRoot, env: {}, onStdout: (text) => (url ||= text.trim().split('\n')[0]) });
  try {
    const deadline = Date.now() + 10_000;
    while (!url && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!url) throw new Error(`the baseline server did not start: ${child.stderr()}`);
    return await measure('baseline', { url }, CONNECTIONS, { warmup: durations.warmup, load: durations.load });
  } finally {
    await child.stop();
  }
}

/** Logs a user in through the JSON API (password + TOTP code) and returns the session cookie. */
async function sessionCookie(server: RunningApp, user: TestUser): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password, totp: currentTotp(user.totpSecret!) }),
  });
  if (response.status !== 200) throw new Error(`login for the home benchmark answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).find((pair) => pair.startsWith('sb_session='));
  if (!cookie) throw new Error('login for the home benchmark set no session cookie');
  return cookie;
}

/** 32 connections, each with the session of its own adviser, on the home page. */
async function measureHome(server: RunningApp, installation: Installation, durations: Durations): Promise<Measured> {
  const cookies: string[] = [];
  for (const adviser of installation.advisers) cookies.push(await sessionCookie(server, adviser));
  const check = await fetch(`${server.url}/`, { headers: { cookie: cookies[0] }, redirect: 'manual' });
  const body = await check.text();
  if (check.status !== 200 || !body.includes(installation.advisers[0].displayName)) {
    throw new Error(`the home page did not answer as a logged-in user (status ${check.status})`);
  }
  const measured = await measure('home', { url: `${server.url}/`, perConnection: cookies.map((cookie) => ({ headers: { cookie } })) }, CONNECTIONS, durations);
  return { ...measured, totalRequests: measured.totalRequests + 1 };
}

function homeFigures(database: 'PostgreSQL' | 'PGlite', home: Measured, auditRows: number, baseline: LoadResult): Figure[] {
  const label = `home page, logged in, with its audit row (${database}), ${CONNECTIONS} connections`;
  const share = home.result.perSecond / baseline.perSecond;
  const goals = database === 'PostgreSQL';
  return [
    { name: `${label}, p95 latency`, value: round(home.result.p95, 2), unit: 'ms', goal: goals ? `< ${HOME_P95_GOAL_MS}` : NO_GOAL, met: goals ? home.result.p95 < HOME_P95_GOAL_MS : true },
    { name: `${label}, p50 latency`, value: round(home.result.p50, 2), unit: 'ms', goal: NO_GOAL, met: true },
    { name: `${label}, throughput`, value: round(home.result.perSecond), unit: 'req/s', goal: NO_GOAL, met: true },
    { name: `${label}, throughput as share of the bare baseline's`, value: round(share * 100, 1), unit: '%', goal: goals ? `≥ ${HOME_SHARE_GOAL * 100}` : NO_GOAL, met: goals ? share >= HOME_SHARE_GOAL : true },
    { name: `home page audit rows per answered request (${database}, ${home.totalRequests} requests)`, value: round(auditRows / home.totalRequests, 4), unit: 'rows', goal: '= 1', met: auditRows === home.totalRequests },
  ];
}

/** Spawns the server on the existing PGlite database several times; time to ready and memory. */
async function measureStart(installation: Installation, durations: Durations): Promise<Figure[]> {
  const times: number[] = [];
  const memory: number[] = [];
  for (let i = 0; i < durations.starts; i++) {
    const port = await freePort();
    const started = performance.now();
    const child = spawnNode(['--enable-source-maps', 'dist/main.js'], { cwd: repoRoot, env: { ...installation.env, PORT: String(port) } });
    try {
      await waitFor200(`http://127.0.0.1:${port}/readyz`, 30_000, child);
      times.push(performance.now() - started);
      // Memory once started and settled (the audit sealer has run once), not just at the first answer.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      memory.push(residentMb(child.process.pid!));
    } finally {
      await child.stop();
    }
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const slowest = times[times.length - 1];
  const largest = Math.max(...memory);
  const label = `npm start on an existing PGlite database (node dist/main.js), ${times.length} starts`;
  return [
    { name: `${label}: spawn to first 200 from /readyz, median`, value: Math.round(median), unit: 'ms', goal: `< ${READY_GOAL_MS}`, met: median < READY_GOAL_MS },
    { name: `${label}: spawn to first 200 from /readyz, slowest`, value: Math.round(slowest), unit: 'ms', goal: `< ${READY_GOAL_MS}`, met: slowest < READY_GOAL_MS },
    { name: `${label}: resident memory 1.5 s after ready, largest`, value: Math.round(largest), unit: 'MB', goal: `< ${RSS_GOAL_MB}`, met: largest < RSS_GOAL_MB },
  ];
}

function argon2Label(options: { memoryCost: number; timeCost: number; parallelism: number }): string {
  return `Argon2id m=${options.memoryCost} KiB, t=${options.timeCost}, p=${options.parallelism}`;
}

/**
 * Password logins through the API on PostgreSQL by `LOGIN_CLIENTS` concurrent clients. The
 * server's CPU time over the run tells how many cores it used; the figure is logins/s per core.
 */
async function measureLogin(server: RunningApp, installation: Installation, durations: Durations): Promise<Figure[]> {
  const request = {
    url: `${server.url}/api/v1/auth/login`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    perConnection: installation.professionals.map((user) => ({ body: JSON.stringify({ username: user.username, password: user.password }) })),
  };
  const pid = server.child.process.pid!;
  let cpuBefore = 0;
  // The CPU count starts after the probe and warm-up: measure() reports the last run, and the
  // figure divides that run's rate by the cores the server used during it (its CPU time over the
  // run's wall time up to the last answer; the server is idle after that).
  const measured = await measure('login', request, LOGIN_CLIENTS, { warmup: durations.warmup, load: durations.load }, () => {
    cpuBefore = cpuSeconds(pid);
  });
  const cores = (cpuSeconds(pid) - cpuBefore) / measured.result.seconds;
  const result = measured.result;
  const perCore = result.perSecond / cores;
  const label = `login with the password hash (${argon2Label(PASSWORD_HASH_OPTIONS)}), PostgreSQL, ${LOGIN_CLIENTS} clients`;
  return [
    { name: `${label}: logins per second per core used by the server`, value: round(perCore, 1), unit: 'logins/s/core', goal: `≥ ${LOGINS_PER_CORE_GOAL}`, met: perCore >= LOGINS_PER_CORE_GOAL },
    { name: `${label}: logins per second`, value: round(result.perSecond, 1), unit: 'logins/s', goal: NO_GOAL, met: true },
    { name: `${label}: CPU cores used by the server process (of ${cpus().length})`, value: round(cores, 2), unit: 'cores', goal: NO_GOAL, met: true },
    { name: `${label}: p95 latency`, value: round(result.p95, 1), unit: 'ms', goal: NO_GOAL, met: true },
  ];
}

/** Argon2id verifications per core for each OWASP setting, as many at once as there are cores. */
async function measureArgon2(durations: Durations): Promise<Figure[]> {
  const figures: Figure[] = [];
  const parallel = cpus().length;
  for (const setting of OWASP_ARGON2ID) {
    const options = { type: argon2.argon2id, parallelism: 1, ...setting } as const;
    const hash = await argon2.hash('korrekt-hest-batteri-klips', options);
    let count = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const deadline = started + durations.argon2 * 1000;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (performance.now() < deadline) {
          if (!(await argon2.verify(hash, 'korrekt-hest-batteri-klips'))) throw new Error('argon2 verify failed');
          count++;
        }
      }),
    );
    const wall = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpuBefore);
    const cores = (used.user + used.system) / 1e6 / wall;
    const chosen = setting.memoryCost === PASSWORD_HASH_OPTIONS.memoryCost && setting.timeCost === PASSWORD_HASH_OPTIONS.timeCost;
    figures.push({
      name: `${argon2Label({ ...setting, parallelism: 1 })} (OWASP)${chosen ? ' [configured]' : ''}: verifications per second per core`,
      value: round(count / wall / cores, 1),
      unit: 'verify/s/core',
      goal: NO_GOAL,
      met: true,
    });
  }
  return figures;
}

function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
