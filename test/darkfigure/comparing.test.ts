/**
 * Comparing queries (decision 0402): a manager who asks for several choices of sources in the
 * same year must not be able to subtract one answer from another to work out a small number.
 * Every list total and pair overlap is shown the same way in every choice, and a choice's number
 * of people linked is shown only when, together with the numbers already shown for the year, it
 * gives nothing small away; periods are calendar years. On the real database, both orders, and
 * two requests at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/db/migrate.js';
import type { SourceSector } from '../../src/features/darkfigure/schemas.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTestSession, useSession } from '../support/sessions.js';
import { buildWorld, insertRecords, recordsForCells, type World } from './world.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ALL: SourceSector[] = ['school', 'health_visitor', 'child_welfare', 'ssp_police'];
const THREE = ALL.slice(0, 3);
/**
 * Every combination of the four sources has 5 or more people, except "SSP/police and no other
 * source" (bit 3 alone): 2 people. The number linked by all four minus the number linked by the
 * first three is exactly those 2.
 */
const CELLS = { 1: 30, 2: 20, 3: 6, 4: 25, 5: 9, 6: 5, 7: 6, 8: 2, 9: 6, 10: 7, 11: 5, 12: 7, 13: 5, 14: 5, 15: 5 };
const TOTAL = Object.values(CELLS).reduce((a, b) => a + b, 0);
const DAY = new Date('2025-05-20T10:00:00Z');
const query = (sectors: SourceSector[]) => `from=2025-01-01&to=2025-12-31&method=independence&${sectors.map((s) => `sectors=${s}`).join('&')}`;

interface Counts {
  linked: { value: number | null; display: string; suppressed: string | null };
  lists: { sector: string; count: { value: number | null; display: string } }[];
  pairs: { a: string; b: string; count: { value: number | null; display: string } }[];
}

async function world(): Promise<{ world: World; manager: TestClient }> {
  const w = await buildWorld(t.deps);
  await insertRecords(t.deps, w, recordsForCells(ALL, CELLS, DAY));
  return { world: w, manager: useSession(TestClient.for(t.app, w.tenant), await createTestSession(t.deps, w.manager)) };
}

async function counts(manager: TestClient, sectors: SourceSector[]): Promise<Counts> {
  const response = await manager.api('GET', `/api/v1/darkfigure?${query(sectors)}`);
  expect(response.statusCode).toBe(200);
  return response.json().counts as Counts;
}

describe('two choices of sources in the same year', () => {
  it('shows the four sources’ number linked, and then hides the three sources’ (it would give the 2 away)', async () => {
    const { manager } = await world();
    const four = await counts(manager, ALL);
    expect(four.linked.value).toBe(TOTAL);
    const three = await counts(manager, THREE);
    expect(three.linked).toEqual({ value: null, display: '–', suppressed: 'hidden' });
    const page = await manager.get(`/moerketal?${query(THREE)}`);
    expect(page.body).toContain('Personer set af mindst én af kilderne: –.');
    expect(page.body).toContain('antal set af mindst én af de valgte kilder, som sammen med årets andre tal (også dem, der allerede er vist for andre valg af kilder) ville afsløre et lille tal');
    expect(page.body).not.toContain('stat-card-value');
    // Asking again gives the same answers.
    expect((await counts(manager, ALL)).linked.value).toBe(TOTAL);
    expect((await counts(manager, THREE)).linked.display).toBe('–');
  });

  it('in the other order, shows the three sources’ number and then hides the four sources’', async () => {
    const { manager } = await world();
    const three = await counts(manager, THREE);
    expect(three.linked.value).toBe(TOTAL - CELLS[8]);
    expect((await counts(manager, ALL)).linked.display).toBe('–');
  });

  it('shows every list total and pair overlap the same way whichever sources are chosen', async () => {
    const { manager } = await world();
    const four = await counts(manager, ALL);
    for (const choice of [THREE, ALL.slice(1), ['school', 'ssp_police'] as SourceSector[]]) {
      const some = await counts(manager, choice);
      for (const list of some.lists) expect(list.count, list.sector).toEqual(four.lists.find((l) => l.sector === list.sector)!.count);
      for (const pair of some.pairs) expect(pair.count, `${pair.a}:${pair.b}`).toEqual(four.pairs.find((p) => p.a === pair.a && p.b === pair.b)!.count);
    }
  });

  it('lets only one of two requests at the same moment show its number linked', async () => {
    const { world: w, manager } = await world();
    const other = useSession(TestClient.for(t.app, w.tenant), await createTestSession(t.deps, w.manager));
    const [four, three] = await Promise.all([counts(manager, ALL), counts(other, THREE)]);
    expect([four.linked.display, three.linked.display].filter((display) => display === '–')).toHaveLength(1);
    const { rows } = await t.db.unsafeOwnerQuery<{ sectors: string[] }>('select sectors from darkfigure_releases where tenant_id = $1', [w.tenant.id]);
    expect(rows).toHaveLength(1);
  });

  it('notes only choices whose number was shown, and nothing of another municipality', async () => {
    const first = await world();
    const second = await world();
    await counts(first.manager, ALL);
    await counts(first.manager, THREE);
    // The second municipality's own first choice is judged on its own.
    expect((await counts(second.manager, THREE)).linked.value).toBe(TOTAL - CELLS[8]);
    const { rows } = await t.db.unsafeOwnerQuery<{ tenant_id: string; sectors: string[] }>(
      'select tenant_id, sectors from darkfigure_releases where tenant_id = any($1) order by tenant_id', [[first.world.tenant.id, second.world.tenant.id]]);
    expect(rows.filter((row) => row.tenant_id === first.world.tenant.id).map((row) => row.sectors)).toEqual([[...ALL].sort()]);
    expect(rows.filter((row) => row.tenant_id === second.world.tenant.id).map((row) => row.sectors)).toEqual([[...THREE].sort()]);
  });
});

describe('a coarser choice of sources', () => {
  it('never shows a list total and an overlap whose difference is 1–4 people, nor a combination of its own of 1–4', async () => {
    // Exploratory review, 2026-11-26: school only 2 and school + SSP 2, so "school, not child
    // welfare" is 4; choosing school and child welfare showed 24 and 20.
    const w = await buildWorld(t.deps);
    const three: SourceSector[] = ['school', 'child_welfare', 'ssp_police'];
    await insertRecords(t.deps, w, recordsForCells(three, { 1: 2, 2: 10, 3: 10, 4: 10, 5: 2, 6: 10, 7: 10 }, DAY));
    const manager = useSession(TestClient.for(t.app, w.tenant), await createTestSession(t.deps, w.manager));
    for (const choice of [['school', 'child_welfare'], ['school', 'ssp_police'], three] as SourceSector[][]) {
      const shown = await counts(manager, choice);
      const list = (sector: string) => shown.lists.find((l) => l.sector === sector)!.count.value;
      for (const pair of shown.pairs) {
        for (const [one, other] of [[pair.a, pair.b], [pair.b, pair.a]]) {
          const total = list(one);
          if (total !== null && pair.count.value !== null) expect(total - pair.count.value, `${one} not ${other} in ${choice.join(',')}`).not.toBeOneOf([1, 2, 3, 4]);
        }
      }
      // With the number linked shown, "only on the first list" of a two-source choice is linked − the other list's total.
      if (choice.length === 2 && shown.linked.value !== null) {
        const [a, b] = choice;
        for (const [one, other] of [[a, b], [b, a]]) {
          const otherTotal = list(other);
          if (otherTotal !== null) expect(shown.linked.value - otherTotal, `${one} only`).not.toBeOneOf([1, 2, 3, 4]);
        }
      }
    }
  });
});

describe('what was shown before the rule (migration 0403)', () => {
  it('notes every whole-year choice in the audit log as shown, and removes stored bootstrap results that carry a seed', async () => {
    const { world: w, manager } = await world();
    expect((await counts(manager, ALL)).linked.value).toBe(TOTAL);
    // As if the view had happened before darkfigure_releases existed, with an old bootstrap run.
    await t.db.unsafeOwnerQuery('delete from darkfigure_releases where tenant_id = $1', [w.tenant.id]);
    const oldResult = { method: 'independence', observed: TOTAL, resamples: 1000, seed: 1234, unseen: {}, total: {}, notEstimable: 0, noBca: false };
    const { rows } = await t.db.unsafeOwnerQuery<{ id: string }>(
      `insert into job_runs (tenant_id, kind, requested_by, visible_roles, status, input, result, progress_done, progress_total, finished_at)
       values ($1, 'darkfigure.bootstrap', $2, '{manager}', 'done', $3, $4, 1, 1, now()) returning id::text`,
      [w.tenant.id, w.manager.id, JSON.stringify({ from: '2025-01-01', to: '2025-12-31', sectors: ALL, method: 'independence' }), JSON.stringify(oldResult)]);
    const migration = readFileSync(join(MIGRATIONS_DIR, '0403_darkfigure_earlier_results.sql'), 'utf8');
    await t.db.unsafeOwnerTransaction((tx) => tx.exec(migration));
    const released = await t.db.unsafeOwnerQuery<{ sectors: string[] }>('select sectors from darkfigure_releases where tenant_id = $1', [w.tenant.id]);
    expect(released.rows.map((row) => row.sectors)).toEqual([[...ALL].sort()]);
    expect((await counts(manager, THREE)).linked.display).toBe('–');
    const run = await t.db.unsafeOwnerQuery<{ result: unknown }>('select result from job_runs where id = $1', [rows[0].id]);
    expect(run.rows[0].result).toBeNull();
    const page = await manager.get(`/moerketal/bootstrap/${rows[0].id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Resultatet af denne beregning er fjernet');
  });
});

describe('the period', () => {
  it('is a calendar year: the page takes a year, links and the API the year’s first and last day', async () => {
    const { manager } = await world();
    const sectors = ALL.map((s) => `sectors=${s}`).join('&');
    const byYear = await manager.get(`/moerketal?year=2025&method=independence&${sectors}`);
    expect(byYear.statusCode).toBe(200);
    expect(byYear.body).toContain('stat-card-value');
    expect(byYear.body).toMatch(/<option value="2025" selected>2025<\/option>/);
    expect((await manager.get(`/moerketal/eksport.csv?year=2025&method=independence&${sectors}`)).statusCode).toBe(200);
    for (const year of ['1999', '2100', 'abc', '2025-01', '']) {
      const refused = await manager.get(`/moerketal?year=${year}&${sectors}`);
      expect(refused.statusCode, year).toBe(400);
      expect(refused.body).toContain(`Vælg et år mellem 2000 og ${new Date().getFullYear()}.`);
    }
    const months = await manager.api('GET', `/api/v1/darkfigure?from=2025-02-01&to=2025-12-31&${sectors}`);
    expect(months.statusCode).toBe(400);
    expect(JSON.stringify(months.json())).toContain('skriv startdatoen som årets første dag');
    const twoYears = await manager.api('GET', `/api/v1/darkfigure?from=2024-01-01&to=2025-12-31&${sectors}`);
    expect(twoYears.statusCode).toBe(400);
    expect(JSON.stringify(twoYears.json())).toContain('Perioden skal være et helt kalenderår');
  });
});
