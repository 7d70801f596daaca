/**
 * The hidden-number page on the demo year (issue 6, "In the product"): how long a manager waits
 * for the page, the CSV, the PDF and the bootstrap job, on the embedded database (PGlite) and on
 * PostgreSQL (a fresh database on the server of DATABASE_URL, dropped afterwards).
 *
 * In-process (the application answering through Fastify's inject, no HTTP socket): the figures
 * are the request's own work (database, suppression audit, engine, chart, rendering), not the
 * network. The first page after start is reported apart: it loads GLPK and draws the chart once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import '../src/features/darkfigure/demo.js';
import { DEMO_SECTORS } from '../src/features/darkfigure/demo.js';
import { defaultPeriod } from '../src/features/darkfigure/schemas.js';
import { linkedMayBeShown, suppressCounts } from '../src/features/darkfigure/suppression.js';
import { demoSeeders } from '../src/features/demo/registry.js';
import { createDeps } from '../src/server.js';
import { createTeam, createTenant, createUser } from '../test/support/factories.js';
import { createTestSession } from '../test/support/sessions.js';
import type { Figure } from './figures.js';
import { createBenchDatabase } from './support/installation.js';

const PAGE_GOAL_MS = 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(databaseUrl: string | null, label: string, quick: boolean): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'selvbestemt-bench-darkfigure-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const deps = await createDeps(config);
  try {
    await migrate(deps.db);
    const app = await buildApp(deps);
    await app.ready();
    const tenant = await createTenant(deps, { name: 'Benchkommune', isDemo: true });
    const unit = await createTeam(deps, tenant, { kind: 'unit' });
    const manager = await createUser(deps, tenant, { role: 'manager', team: unit });
    const seeder = demoSeeders().find((candidate) => candidate.name === 'darkfigure')!;
    const seedStarted = performance.now();
    await deps.db.unsafeOwnerTransaction((tx) => seeder.seed({ tx, deps, tenantId: tenant.id, teams: { unit: unit.id }, users: {}, fresh: true }));
    const seedMs = performance.now() - seedStarted;
    const session = await createTestSession(deps, manager);
    const { from, to } = defaultPeriod();
    const query = `from=${from}&to=${to}&method=stepwise&${DEMO_SECTORS.map((s) => `sectors=${s}`).join('&')}`;
    const get = async (url: string) => {
      const started = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { host: tenant.host, cookie: `sb_session=${session.token}` } });
      if (response.statusCode !== 200) throw new Error(`bench darkfigure: ${url} answered ${response.statusCode}`);
      return performance.now() - started;
    };
    const first = await get(`/moerketal?${query}`);
    const runs = quick ? 3 : 10;
    const page: number[] = [];
    for (let i = 0; i < runs; i++) page.push(await get(`/moerketal?${query}`));
    const csv: number[] = [];
    const pdf: number[] = [];
    for (let i = 0; i < Math.max(2, runs / 2); i++) {
      csv.push(await get(`/moerketal/eksport.csv?${query}`));
      pdf.push(await get(`/moerketal/eksport.pdf?${query}`));
    }
    // The bootstrap as the job runs it (inline queue: the same handler, in this process).
    const started = performance.now();
    const response = await app.inject({
      method: 'POST', url: '/moerketal/bootstrap',
      headers: { host: tenant.host, cookie: `sb_session=${session.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `${query}&_csrf=${session.csrfToken}`,
    });
    if (response.statusCode !== 303) throw new Error(`bench darkfigure: bootstrap answered ${response.statusCode}`);
    await deps.jobs!.idle!();
    const bootstrapMs = performance.now() - started;
    await app.close();
    return [
      { name: `demo seeding (${label})`, value: seedMs, unit: 'ms', goal: '< 5000', met: seedMs < 5000 },
      { name: `page, first after start (${label})`, value: first, unit: 'ms', goal: 'reported', met: true },
      { name: `page, median of ${runs} (${label})`, value: median(page), unit: 'ms', goal: `< ${PAGE_GOAL_MS}`, met: median(page) < PAGE_GOAL_MS },
      { name: `CSV export, median (${label})`, value: median(csv), unit: 'ms', goal: `< ${PAGE_GOAL_MS}`, met: median(csv) < PAGE_GOAL_MS },
      { name: `PDF export, median (${label})`, value: median(pdf), unit: 'ms', goal: `< ${2 * PAGE_GOAL_MS}`, met: median(pdf) < 2 * PAGE_GOAL_MS },
      { name: `bootstrap job, 1,000 resamples (${label})`, value: bootstrapMs / 1000, unit: 's', goal: '< 20', met: bootstrapMs < 20_000 },
    ];
  } finally {
    await deps.jobs?.stop?.();
    await deps.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A municipality with ten sources: a simulated year (most people seen by one or two sources, as
 * in the demo) through the small-number audit alone, the part of the page that grows with the
 * number of sources (2^10 − 1 combinations). The year's rule runs once per year and is then
 * remembered; each new choice of sources is audited against the choices shown before it.
 */
function measureTenSources(people: number): Figure[] {
  const k = 10;
  let state = 7;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const cells = new Array<number>(1 << k).fill(0);
  const reach = [0.3, 0.24, 0.18, 0.15, 0.12, 0.105, 0.09, 0.075, 0.06, 0.045];
  for (let person = 0; person < people; person++) {
    let seenBy = 0;
    while (seenBy === 0) for (let source = 0; source < k; source++) if (next() < reach[source]) seenBy |= 1 << source;
    cells[seenBy]++;
  }
  let started = performance.now();
  const year = suppressCounts(k, cells, { everybodyKnown: false });
  const yearMs = performance.now() - started;
  const shown: number[] = [];
  const choiceMs: number[] = [];
  let programs = 0;
  for (const choice of [0b1111111111, 0b1111111110, 0b0000011111, 0b1111100000, 0b0101010101, 0b0000000011]) {
    started = performance.now();
    const answer = linkedMayBeShown(k, cells, year, shown, choice);
    choiceMs.push(performance.now() - started);
    programs += answer.linearPrograms;
    if (answer.shown) shown.push(choice);
  }
  const label = `ten sources, ${people} simulated people`;
  return [
    { name: `audit, the year's rule (${label}, ${year.linearPrograms} programs)`, value: Math.round(yearMs), unit: 'ms', goal: 'reported', met: true },
    { name: `audit, a new choice of sources, median of ${choiceMs.length} (${label}, ${programs} programs in all)`, value: Math.round(median(choiceMs)), unit: 'ms', goal: `< ${PAGE_GOAL_MS}`, met: median(choiceMs) < PAGE_GOAL_MS },
    { name: `audit, a new choice of sources, slowest (${label})`, value: Math.round(Math.max(...choiceMs)), unit: 'ms', goal: 'reported', met: true },
  ];
}

export async function run(options: { quick: boolean }): Promise<Figure[]> {
  const figures = await measure(null, 'PGlite', options.quick);
  figures.push(...measureTenSources(300), ...measureTenSources(800));
  const database = await createBenchDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  try {
    figures.push(...(await measure(database.url, 'PostgreSQL', options.quick)));
  } finally {
    await database.drop();
  }
  return figures;
}
