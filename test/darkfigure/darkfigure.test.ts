/**
 * The hidden-number page end to end on the real database: a manager's estimate equals the
 * engine's on the same table, small counts never reach the page, the CSV or the PDF, the
 * bootstrap job's result equals the engine's bootstrap, other roles and municipalities get 404,
 * and bad input is refused with a translated message and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureTable } from '../../src/features/darkfigure/analysis.js';
import { bootstrapSeed, summarise } from '../../src/features/darkfigure/job.js';
import type { SourceSector } from '../../src/features/darkfigure/schemas.js';
import { personKey } from '../../src/features/inquiries/identity.js';
import { bootstrapInterval, estimate } from '../../src/stats/mse/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { tenantFingerprint } from '../support/digest.js';
import { createTestSession, useSession } from '../support/sessions.js';
import type { TestUser } from '../support/factories.js';
import { pdfText } from './pdf-text.js';
import { buildWorld, denseCells, fakeCpr, insertRecords, recordsForCells, type World } from './world.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const LISTS: SourceSector[] = ['school', 'health_visitor', 'child_welfare', 'ssp_police'];
/**
 * People per combination (bit 0 school, 1 health visitor, 2 child welfare, 3 SSP/police).
 * School ∩ health visitor = 3 and health visitor ∩ SSP = 1: both must show as "<5".
 */
const CELLS = { 1: 30, 2: 20, 3: 2, 4: 25, 5: 9, 6: 5, 7: 1, 8: 18, 9: 6, 10: 1, 12: 7, 13: 3 };
const DAY = new Date('2025-06-15T10:00:00Z');
const QUERY = `from=2025-01-01&to=2025-12-31&method=stepwise&${LISTS.map((s) => `sectors=${s}`).join('&')}`;

async function client(world: World, user: TestUser, lang?: 'en'): Promise<TestClient> {
  const c = useSession(TestClient.for(t.app, world.tenant), await createTestSession(t.deps, user));
  if (lang) c.cookies.set('sb_lang', lang);
  return c;
}

/** A world with the designed table, plus records that must not count (duplicates, other sectors, outside the period). */
async function seededWorld(): Promise<World> {
  const world = await buildWorld(t.deps);
  await insertRecords(t.deps, world, recordsForCells(LISTS, CELLS, DAY));
  const repeat = fakeCpr();
  await insertRecords(t.deps, world, [
    // One more school-only person, reported twice by the school and once as a school case: counts once.
    { sector: 'school', cpr: repeat, receivedAt: DAY },
    { sector: 'school', cpr: repeat, receivedAt: new Date('2025-09-01T10:00:00Z') },
    { sector: 'school', cpr: repeat, receivedAt: DAY, asCase: true },
    // Outside the period, and a source not chosen: not counted.
    { sector: 'health_visitor', cpr: fakeCpr(), receivedAt: new Date('2024-12-31T22:30:00Z') }, // 23:30 on 31 Dec in Copenhagen
    { sector: 'job_centre', cpr: fakeCpr(), receivedAt: DAY },
    // Without a person key: 7 records left out (one of them a case).
    ...Array.from({ length: 6 }, () => ({ sector: 'school' as const, cpr: null, receivedAt: DAY })),
    { sector: 'ssp_police', cpr: null, receivedAt: DAY, asCase: true },
  ]);
  return world;
}

function expectedTable() {
  const cells = denseCells(4, { ...CELLS, 1: CELLS[1] + 1 });
  return captureTable({ lists: LISTS, cells, linked: cells.reduce((a, b) => a + b, 0), unlinkedRecords: 7 });
}

/** The cells of the overlap table, row by row, as shown. */
function matrix(body: string): string[][] {
  const table = /<table class="table table--zebra darkfigure-matrix">([\s\S]*?)<\/table>/.exec(body)?.[1] ?? '';
  const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1);
  return rows.map((row) => [...row[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((cell) => cell[1].replace('&lt;', '<')));
}

const kilo = (value: number) => Math.round(value).toLocaleString('da-DK');

describe('the hidden-number page for a manager', () => {
  let world: World;
  beforeAll(async () => {
    world = await seededWorld();
  });

  it('shows the engine’s estimate, the overlap table with small counts suppressed, the model, warnings and notes', async () => {
    const manager = await client(world, world.manager);
    const response = await manager.get(`/moerketal?${QUERY}`);
    expect(response.statusCode).toBe(200);
    const direct = estimate(expectedTable(), { method: 'stepwise' });
    expect(response.body).toContain(`<p class="stat-card-value">${kilo(direct.unseen.estimate)}</p>`);
    expect(response.body).toContain(`<p class="stat-card-value">${kilo(direct.total.estimate)}</p>`);
    expect(response.body).toContain(`95 %-interval: ${kilo(direct.unseen.ci95.profile[0]!)} – ${kilo(direct.unseen.ci95.profile[1]!)}`);
    expect(matrix(response.body)).toEqual([
      ['52', '<5', '13', '9'],
      ['<5', '29', '6', '<5'],
      ['13', '6', '50', '10'],
      ['9', '<5', '10', '35'],
    ]);
    expect(response.body).toContain('Personer set af mindst én af kilderne: 128.');
    expect(response.body).toContain('7 henvendelser og sager fra de valgte kilder');
    expect(response.body).toContain('Små overlap: under 5 fælles personer for Skole og Sundhedspleje; Sundhedspleje og SSP eller politi.');
    // The engine's own warning names the exact small counts; the page must not.
    expect(direct.warnings.map((w) => w.text.da).join(' ')).toMatch(/\(3\)|\(1\)/);
    expect(response.body).not.toMatch(/\((1|2|3|4)\)/);
    expect(response.body).toContain('Antagelse: lukket population');
    expect(response.body).toMatch(/<svg [^>]*role="img" aria-labelledby="darkfigure-chart-title darkfigure-chart-desc"/);
    expect(response.body).not.toMatch(/ style="/);
    // The API gives the same, exactly.
    const json = (await manager.api('GET', `/api/v1/darkfigure?${QUERY}`)).json();
    // In whole people, like the page: the engine's last decimals depend on more than the shown counts.
    const whole = (bounds: readonly (number | null)[]) => bounds.map((bound) => (bound === null ? null : Math.round(bound)));
    expect(json.estimate.unseen).toEqual({ estimate: Math.round(direct.unseen.estimate), profile: whole(direct.unseen.ci95.profile), wald: whole(direct.unseen.ci95.wald) });
    expect(json.counts.pairs.find((p: { a: string; b: string }) => p.a === 'school' && p.b === 'health_visitor').count).toEqual({ value: null, display: '<5', suppressed: 'small' });
    expect(json.counts.linked).toEqual({ value: 128, display: '128', suppressed: null });
  });

  it('is complete in English, and the API takes the sources comma-separated too', async () => {
    const english = await client(world, world.manager, 'en');
    const response = await english.get(`/moerketal?${QUERY}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1>Hidden number</h1>');
    expect(response.body).toContain('Small overlaps: fewer than 5 people in common for School and Health visitor; Health visitor and SSP or police.');
    expect(response.body).toContain('Assumption: a closed population.');
    expect(response.body).not.toMatch(/darkfigure\.[a-z]|sector\.[a-z]/);
    const danish = await (await client(world, world.manager)).get(`/moerketal?${QUERY}`);
    expect(danish.body).not.toMatch(/darkfigure\.[a-z]|sector\.[a-z]/);
    const manager = await client(world, world.manager);
    const repeated = (await manager.api('GET', `/api/v1/darkfigure?${QUERY}`)).json();
    const commas = (await manager.api('GET', `/api/v1/darkfigure?from=2025-01-01&to=2025-12-31&sectors=${LISTS.join(',')}`)).json();
    expect(commas.estimate).toEqual(repeated.estimate);
  });

  it('audits every view and export without personal data', async () => {
    const manager = await client(world, world.manager);
    await manager.get(`/moerketal?${QUERY}`);
    await manager.get(`/moerketal/eksport.csv?${QUERY}`);
    const { rows } = await t.db.unsafeOwnerQuery<{ action: string; details: Record<string, unknown>; actor_user_id: string }>(
      `select action, details, actor_user_id from audit_events where tenant_id = $1 and action like 'darkfigure.%' order by id`, [world.tenant.id]);
    expect(rows.map((row) => row.action)).toEqual(expect.arrayContaining(['darkfigure.view', 'darkfigure.export']));
    for (const row of rows) {
      expect(row.actor_user_id).toBe(world.manager.id);
      expect(Object.keys(row.details).sort()).toEqual(expect.arrayContaining(['from', 'method', 'sectors', 'to']));
      expect(JSON.stringify(row.details)).not.toMatch(/[0-9a-f]{64}/); // no person key
    }
  });

  it('audits a read whose data are refused (400) on the API as on the page', async () => {
    const manager = await client(world, world.manager);
    const views = async () => (await t.db.unsafeOwnerQuery<{ n: number }>(
      "select count(*)::int as n from audit_events where tenant_id = $1 and action = 'darkfigure.view' and outcome = 'ok'", [world.tenant.id])).rows[0].n;
    const small = 'from=2025-01-01&to=2025-12-31&sectors=school&sectors=daycare';
    const before = await views();
    expect((await manager.get(`/moerketal?${small}`)).statusCode).toBe(400);
    expect(await views()).toBe(before + 1);
    expect((await manager.api('GET', `/api/v1/darkfigure?${small}`)).statusCode).toBe(400);
    expect(await views()).toBe(before + 2);
  });

  it('exports CSV and a one-page PDF with the same suppressed figures', async () => {
    const manager = await client(world, world.manager);
    const csv = await manager.get(`/moerketal/eksport.csv?${QUERY}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.startsWith('\uFEFFafsnit;navn;værdi;nedre;øvre')).toBe(true);
    expect(csv.body).toContain('antal;Skole og Sundhedspleje;<5;;');
    expect(csv.body).toContain('antal;Sundhedspleje og SSP eller politi;<5;;');
    expect(csv.body).toContain('antal;Skole og Børne- og Ungerådgivningen;13;;');
    expect(csv.body).toContain('antal;set af mindst én kilde;128;;');
    const direct = estimate(expectedTable(), { method: 'stepwise' });
    expect(csv.body).toContain(`skøn;Mørketal (ikke set) – 95 % profil-likelihood;${kilo(direct.unseen.estimate)};${kilo(direct.unseen.ci95.profile[0]!)};${kilo(direct.unseen.ci95.profile[1]!)}`);
    for (const line of csv.body.split('\r\n').filter((l) => l.startsWith('antal;'))) expect(line).not.toMatch(/;[0-4];/);

    const pdf = await manager.request({ method: 'GET', url: `/moerketal/eksport.pdf?${QUERY}` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { pages, lines } = await pdfText(pdf.rawPayload);
    expect(pages).toBe(1);
    const row = (name: string) => lines.find((line) => line[0] === name)?.slice(1);
    expect(row('Skole')).toEqual(['52', '<5', '13', '9']);
    expect(row('Sundhedspleje')).toEqual(['<5', '29', '6', '<5']);
    expect(row('SSP eller politi')).toEqual(['9', '<5', '10', '35']);
    expect(lines.flat().join(' ')).toContain(`Mørketal: ${kilo(direct.unseen.estimate)}`);
  });

  it('runs the bootstrap as a job whose result equals the engine’s bootstrap', { timeout: 120_000 }, async () => {
    const manager = await client(world, world.manager);
    const page = await manager.getPage(`/moerketal?${QUERY}`);
    expect(page.body).toContain('action="/moerketal/bootstrap"');
    const started = await manager.postForm('/moerketal/bootstrap', {
      from: '2025-01-01', to: '2025-12-31', method: 'stepwise', sectors: LISTS,
    });
    expect(started.statusCode).toBe(303);
    const runPath = String(started.headers.location);
    expect(runPath).toMatch(/^\/moerketal\/bootstrap\/[0-9a-f-]{36}$/);
    await t.deps.jobs!.idle!();
    const runId = runPath.split('/').pop()!;
    const run = (await manager.api('GET', `/api/v1/jobs/${runId}`)).json();
    expect(run.status).toBe('done');
    // Reading the result is audited; another user's run, or none, is the same audited 404.
    const jobReads = await t.db.unsafeOwnerQuery<{ outcome: string }>(
      "select outcome from audit_events where tenant_id = $1 and action = 'job.read' and entity_id = $2", [world.tenant.id, runId]);
    expect(jobReads.rows.map((row) => row.outcome)).toEqual(['ok']);
    const adviser = await client(world, world.adviser);
    expect((await adviser.api('GET', `/api/v1/jobs/${runId}`)).statusCode).toBe(404);
    expect((await manager.api('GET', `/api/v1/jobs/${randomUUID()}`)).statusCode).toBe(404);
    const refused = await t.db.unsafeOwnerQuery<{ n: number }>(
      "select count(*)::int as n from audit_events where tenant_id = $1 and action = 'job.read' and outcome = 'denied'", [world.tenant.id]);
    expect(refused.rows[0].n).toBe(2);
    expect(run.progressDone).toBe(run.progressTotal);
    const table = expectedTable();
    // The seed is keyed with the municipality's secret: the same data give the same interval,
    // but nobody without the key can replay the resampling.
    const seed = bootstrapSeed(t.deps.keys.key('darkfigure-bootstrap', world.tenant.id),
      { from: '2025-01-01', to: '2025-12-31', sectors: LISTS, method: 'stepwise' }, denseCells(4, { ...CELLS, 1: CELLS[1] + 1 }));
    expect(seed).not.toBe(bootstrapSeed(t.deps.keys.key('darkfigure-bootstrap', 'another'), { from: '2025-01-01', to: '2025-12-31', sectors: LISTS, method: 'stepwise' }, denseCells(4, { ...CELLS, 1: CELLS[1] + 1 })));
    const direct = summarise(estimate(table, { method: 'stepwise' }), await bootstrapInterval(table, { method: 'stepwise', resamples: 1000, seed }));
    expect(run.result).toEqual(direct);
    expect(JSON.stringify(run.result)).not.toMatch(/seed|\d\.\d/);

    const status = await manager.get(runPath);
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Beregningen er færdig.');
    expect(status.body).toContain('95 % bootstrap (BCa)');
    expect(status.body).not.toContain('Data er ændret');
    const withBootstrap = await manager.get(`/moerketal/eksport.csv?${QUERY}&bootstrap=${runId}`);
    expect(withBootstrap.statusCode).toBe(200);
    expect(withBootstrap.body).toContain('95 % bootstrap (BCa)');

    // Another manager in the municipality may watch it; another municipality's manager may not.
    const colleague = await client(world, world.manager);
    expect((await colleague.get(runPath)).statusCode).toBe(200);
    const other = await buildWorld(t.deps);
    expect((await (await client(other, other.manager)).get(runPath)).statusCode).toBe(404);
    expect((await (await client(other, other.manager)).api('GET', `/api/v1/jobs/${runId}`)).statusCode).toBe(404);
  });

  it('answers 404 to every other role, and shows another municipality nothing of this one', async () => {
    for (const user of [world.professional, world.adviser, world.partner]) {
      const c = await client(world, user);
      const before = await tenantFingerprint(t.deps, world.tenant.id);
      expect((await c.get(`/moerketal?${QUERY}`)).statusCode, user.role).toBe(404);
      expect((await c.get(`/moerketal/eksport.csv?${QUERY}`)).statusCode, user.role).toBe(404);
      expect((await c.get(`/moerketal/eksport.pdf?${QUERY}`)).statusCode, user.role).toBe(404);
      expect((await c.api('GET', `/api/v1/darkfigure?${QUERY}`)).statusCode, user.role).toBe(404);
      expect((await c.postForm('/moerketal/bootstrap', { from: '2025-01-01', to: '2025-12-31', sectors: LISTS })).statusCode, user.role).toBe(404);
      expect(await tenantFingerprint(t.deps, world.tenant.id)).toBe(before);
      expect((await c.get('/')).body).not.toContain('href="/moerketal"');
    }
    expect((await (await client(world, world.manager)).get('/')).body).toContain('href="/moerketal"');
    // A manager elsewhere sees her own (empty) municipality, never these people.
    const other = await buildWorld(t.deps);
    const response = await (await client(other, other.manager)).get(`/moerketal?${QUERY}`);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Under 5 personer med personnøgle fra: ');
  });
});

describe('linking', () => {
  it('counts a case under its subject’s current key when the CPR number was added after the case was opened', async () => {
    const world = await buildWorld(t.deps);
    await insertRecords(t.deps, world, recordsForCells(LISTS, CELLS, DAY));
    const cpr = fakeCpr();
    await insertRecords(t.deps, world, [{ sector: 'school', cpr, receivedAt: DAY }]);
    // A child-welfare case opened without a CPR number; the subject's number was added later.
    const { rows } = await t.db.unsafeOwnerQuery<{ id: string }>(
      `insert into cases (tenant_id, reference, owner_team_id, age_group, source_sector, person_key, opened_at)
       values ($1, 'S-T-subject', $2, 'child', 'child_welfare', null, $3) returning id::text`, [world.tenant.id, world.unit.id, DAY]);
    await t.db.unsafeOwnerQuery(
      `insert into case_persons (tenant_id, case_id, role, name_enc, person_key) values ($1, $2, 'subject', 'x', $3)`,
      [world.tenant.id, rows[0].id, personKey(t.deps, world.tenant.id, cpr)]);
    const json = (await (await client(world, world.manager)).api('GET', `/api/v1/darkfigure?${QUERY}`)).json();
    const pair = json.counts.pairs.find((p: { a: string; b: string }) => p.a === 'school' && p.b === 'child_welfare');
    expect(pair.count.value).toBe(13 + 1);
    expect(json.counts.linked.value).toBe(127 + 1);
    expect(json.counts.unlinkedRecords.display).toBe('<5');
  });

  it('shows nothing when a handful of people are spread so thin that a source has fewer than 5', async () => {
    const world = await buildWorld(t.deps);
    await insertRecords(t.deps, world, recordsForCells(LISTS, { 1: 1, 3: 3, 11: 1, 13: 2, 14: 1 }, DAY));
    const response = await (await client(world, world.manager)).get(`/moerketal?${QUERY}`);
    expect(response.statusCode).toBe(400);
    // Child welfare has 3, SSP 2: named together, whatever their number (0 is not told apart from 1–4).
    expect(response.body).toContain('Under 5 personer med personnøgle fra: Børne- og Ungerådgivningen, SSP eller politi.');
    expect(response.body).not.toContain('darkfigure-matrix');
  });
});

describe('an estimate that does not exist', () => {
  it('says so in words, with the overlap table, when two sources have nobody in common', async () => {
    const world = await buildWorld(t.deps);
    await insertRecords(t.deps, world, recordsForCells(['school', 'ssp_police'], { 1: 10, 2: 10 }, DAY));
    const response = await (await client(world, world.manager)).get('/moerketal?from=2025-01-01&to=2025-12-31&sectors=school&sectors=ssp_police');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Mørketallet kan ikke skønnes med disse data: for modellen (hovedeffekter) findes der ikke et endeligt skøn.');
    // The list totals are shown as in every other choice of sources; the number linked (which
    // with them would give the overlap of 0 away) is hidden.
    expect(matrix(response.body)).toEqual([['10', '<5'], ['<5', '10']]);
    expect(response.body).toContain('Personer set af mindst én af kilderne: –.');
    expect(response.body).not.toContain('stat-card-value');
  });
});

describe('an estimate that would reveal a small count', () => {
  it('is withheld with the reason, and cannot be exported or bootstrapped', async () => {
    const world = await buildWorld(t.deps);
    // School ∩ health visitor = 3 enters the stepwise model: its estimate would give the 3 away.
    await insertRecords(t.deps, world, recordsForCells(LISTS, { 1: 40, 2: 25, 3: 3, 4: 30, 5: 12, 6: 6, 8: 22, 9: 8, 10: 6, 12: 9, 13: 4, 14: 2 }, DAY));
    const manager = await client(world, world.manager);
    const response = await manager.getPage(`/moerketal?${QUERY}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Der vises ikke et skøn');
    expect(response.body).toContain('fælles for Skole og Sundhedspleje');
    expect(response.body).not.toContain('stat-card-value');
    expect(matrix(response.body)[0][1]).toBe('<5');
    expect((await manager.get(`/moerketal/eksport.csv?${QUERY}`)).statusCode).toBe(422);
    const bootstrap = await manager.postForm('/moerketal/bootstrap', { from: '2025-01-01', to: '2025-12-31', method: 'stepwise', sectors: LISTS });
    expect(bootstrap.statusCode).toBe(400);
    const { rows } = await t.db.unsafeOwnerQuery('select 1 from job_runs where tenant_id = $1', [world.tenant.id]);
    expect(rows).toHaveLength(0);
    // With independent sources the small overlap is no part of the model: the estimate is shown.
    const independence = await manager.get(`/moerketal?${QUERY.replace('method=stepwise', 'method=independence')}`);
    expect(independence.body).toContain('stat-card-value');
  });
});

describe('a bootstrap refused for a withheld estimate', () => {
  it('notes no choice of sources, by the page or the API (nothing was shown)', async () => {
    const world = await buildWorld(t.deps);
    await insertRecords(t.deps, world, recordsForCells(LISTS, { 1: 40, 2: 25, 3: 3, 4: 30, 5: 12, 6: 6, 8: 22, 9: 8, 10: 6, 12: 9, 13: 4, 14: 2 }, DAY));
    const manager = await client(world, world.manager);
    const page = await manager.postForm('/moerketal/bootstrap', { from: '2025-01-01', to: '2025-12-31', method: 'stepwise', sectors: LISTS });
    expect(page.statusCode).toBe(400);
    const api = await manager.api('POST', '/api/v1/darkfigure/bootstrap', { from: '2025-01-01', to: '2025-12-31', method: 'stepwise', sectors: LISTS });
    expect(api.statusCode).toBe(400);
    const { rows } = await t.db.unsafeOwnerQuery('select 1 from darkfigure_releases where tenant_id = $1', [world.tenant.id]);
    expect(rows).toHaveLength(0);
  });
});

describe('bad input', () => {
  let world: World;
  beforeAll(async () => {
    world = await seededWorld();
  });

  const cases: [string, string, string, string][] = [
    ['a period of part of a year', 'from=2025-03-01&to=2025-12-31&sectors=school&sectors=ssp_police', 'skriv startdatoen som årets første dag, ÅÅÅÅ-01-01', 'write the start date as the first day of the year, YYYY-01-01'],
    ['an end before the start', 'from=2025-12-31&to=2025-01-01&sectors=school&sectors=ssp_police', 'skriv slutdatoen som årets sidste dag, ÅÅÅÅ-12-31', 'write the end date as the last day of the year, YYYY-12-31'],
    ['a date that does not exist', 'from=2025-02-30&to=2025-12-31&sectors=school&sectors=ssp_police', 'skriv startdatoen som årets første dag', 'write the start date as the first day of the year'],
    ['a year before the platform', 'from=1999-01-01&to=1999-12-31&sectors=school&sectors=ssp_police', '(tidligst 2000-01-01)', '(2000-01-01 or later)'],
    ['a period of two years', 'from=2024-01-01&to=2025-12-31&sectors=school&sectors=ssp_police', 'Perioden skal være et helt kalenderår', 'The period must be a whole calendar year'],
    ['one list', 'from=2025-01-01&to=2025-12-31&sectors=school', 'Vælg mindst 2 kilder.', 'Choose at least 2 sources.'],
    ['more than ten lists', `from=2025-01-01&to=2025-12-31&${'sectors=school&'.repeat(11)}`, 'Vælg højst 10 kilder.', 'Choose at most 10 sources.'],
    ['an unknown source', 'from=2025-01-01&to=2025-12-31&sectors=school&sectors=police_station', 'Vælg en af mulighederne.', 'Choose one of the options.'],
    // Every chosen source is named: "under 5 linked" would tell apart what together holds 5 (analysis.test.ts).
    ['a period without linked people', 'from=2023-01-01&to=2023-12-31&sectors=school&sectors=ssp_police', 'Under 5 personer med personnøgle fra: Skole, SSP eller politi.', 'Fewer than 5 people with a person key from: School, SSP or police.'],
    ['a source nobody is linked from', 'from=2025-01-01&to=2025-12-31&sectors=school&sectors=daycare', 'Under 5 personer med personnøgle fra: Dagtilbud.', 'Fewer than 5 people with a person key from: Day-care.'],
  ];

  it.each(cases)('refuses %s with a translated message on the page, the API and the exports, and changes nothing', async (_name, query, danish, english) => {
    const manager = await client(world, world.manager);
    const inEnglish = await client(world, world.manager, 'en');
    const before = await tenantFingerprint(t.deps, world.tenant.id);
    const page = await manager.get(`/moerketal?${query}`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain(danish);
    expect(page.body).toContain('error-summary');
    const english_ = await inEnglish.get(`/moerketal?${query}`);
    expect(english_.statusCode).toBe(400);
    expect(english_.body).toContain(english);
    const apiResponse = await manager.api('GET', `/api/v1/darkfigure?${query}`, undefined, { 'accept-language': 'en' });
    expect(apiResponse.statusCode).toBe(400);
    expect(JSON.stringify(apiResponse.json())).toContain(english.replace(/"/g, '\\"'));
    expect((await manager.get(`/moerketal/eksport.pdf?${query}`)).statusCode).toBe(400);
    const params = new URLSearchParams(query);
    const body = { from: params.get('from'), to: params.get('to'), sectors: params.getAll('sectors') };
    const bootstrap = await manager.api('POST', '/api/v1/darkfigure/bootstrap', body);
    expect(bootstrap.statusCode).toBe(400);
    expect(await tenantFingerprint(t.deps, world.tenant.id)).toBe(before);
  });
});
