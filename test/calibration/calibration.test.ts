/**
 * Calibration rounds through the pages: vignettes, a round, answers that nobody sees before
 * answering, and a results page whose figures equal the agreement library's on the raw answers.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeRoundStatistics, VARIABLES } from '../../src/features/calibration/statistics.js';
import { DOMAIN_KEYS } from '../../src/features/screening/instrument/definition.js';
import { computeAgreement, type Rating } from '../../src/stats/agreement/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTeam, createTenant, createUser, tenantDigest, type TestTenant, type TestUser } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function loggedIn(tenant: TestTenant, user: TestUser): Promise<TestClient> {
  const client = TestClient.for(t.app, tenant);
  expect((await client.loginForm(user)).statusCode).toBe(303);
  return client;
}

function hidden(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]] = m[2];
  delete fields._csrf;
  return fields;
}

function ratings(steps: number[]): Record<string, string> {
  return Object.fromEntries(DOMAIN_KEYS.map((key, i) => [`rating_${key}`, String(steps[i] ?? 0)]));
}

async function setup() {
  const tenant = await createTenant(t.deps);
  const unitTeam = await createTeam(t.deps, tenant, { kind: 'unit' });
  const school = await createTeam(t.deps, tenant, { kind: 'school' });
  const adviser = await createUser(t.deps, tenant, { role: 'adviser', team: unitTeam, group: 'unit' });
  const teachers = await Promise.all([0, 1, 2].map(() => createUser(t.deps, tenant, { role: 'professional', team: school, group: 'school_daycare' })));
  const nurse = await createUser(t.deps, tenant, { role: 'professional', group: 'health_visitor' });
  return { tenant, adviser, teachers, nurse };
}

async function writeVignette(unit: TestClient, title: string, expectedLevel: number) {
  await unit.getPage('/kalibrering/vignetter/ny');
  const response = await unit.postForm('/kalibrering/vignetter/ny', {
    title, expectedLevel: String(expectedLevel),
    body: `${title}: en fiktiv elev fortæller om hjemmet, og læreren undrer sig over fraværet.`,
  });
  expect(response.statusCode).toBe(303);
}

async function startRound(unit: TestClient, tenant: TestTenant, name: string): Promise<string> {
  const { rows } = await t.db.unsafeOwnerQuery<{ id: string }>('select id::text from calibration_vignettes where tenant_id = $1 order by created_at', [tenant.id]);
  await unit.getPage('/kalibrering/runder/ny');
  const response = await unit.postForm('/kalibrering/runder/ny', { name, groups: ['school_daycare'], vignetteIds: rows.map((r) => r.id) });
  expect(response.statusCode).toBe(303);
  return String(response.headers.location).split('/').pop()!;
}

async function answer(client: TestClient, roundId: string, position: number, form: Record<string, string | string[]>) {
  const page = await client.getPage(`/kalibrering/runder/${roundId}/vignet/${position}`);
  expect(page.statusCode).toBe(200);
  return client.postForm(`/kalibrering/runder/${roundId}/vignet/${position}`, { ...hidden(page.body), finalLevel: '', ...form });
}

describe('a calibration round', () => {
  it('hides results until a participant has answered everything, then shows alpha, kappa and charts', async () => {
    const { tenant, adviser, teachers } = await setup();
    const unit = await loggedIn(tenant, adviser);
    await writeVignette(unit, 'Lejrskolen', 1);
    await writeVignette(unit, 'Sommerferien', 3);
    const roundId = await startRound(unit, tenant, 'Forår 2026');
    const [anna, bo, carl] = await Promise.all(teachers.map((teacher) => loggedIn(tenant, teacher)));

    // Anna answers the first vignette only: the results are still closed to her.
    expect((await answer(anna, roundId, 1, ratings([1, 1]))).statusCode).toBe(303);
    const early = await anna.get(`/kalibrering/runder/${roundId}/resultater`);
    expect(early.statusCode).toBe(404);
    expect((await anna.api('GET', `/api/v1/calibration/rounds/${roundId}/results`)).statusCode).toBe(404);
    const roundPage = await anna.get(`/kalibrering/runder/${roundId}`);
    expect(roundPage.body).toContain('Resultaterne kan ses, når du selv har svaret på alle vignetterne i runden.');

    // Bo answers both; his second answer page shows only his own empty form, never Anna's answer.
    expect((await answer(bo, roundId, 1, ratings([1, 2]))).statusCode).toBe(303);
    const boSecond = await bo.getPage(`/kalibrering/runder/${roundId}/vignet/2`);
    expect(boSecond.body).not.toMatch(/name="rating_[a-z_]+" value="\d" class="form-radio" checked/);
    expect(boSecond.body).not.toMatch(/name="redFlags" value="[a-z_]+" class="form-checkbox" checked/);
    expect((await answer(bo, roundId, 2, { ...ratings([0]), redFlags: 'travel_abroad' })).statusCode).toBe(303);
    expect((await answer(anna, roundId, 2, { ...ratings([0]), redFlags: 'travel_abroad' })).statusCode).toBe(303);
    expect((await answer(carl, roundId, 1, ratings([0, 1]))).statusCode).toBe(303);
    expect((await answer(carl, roundId, 2, { ...ratings([3]), redFlags: ['travel_abroad', 'forced_marriage'] })).statusCode).toBe(303);

    const results = await anna.get(`/kalibrering/runder/${roundId}/resultater`);
    expect(results.statusCode).toBe(200);
    expect(results.body).toContain('3 deltagere har givet 6 svar på 2 vignetter.');
    expect(results.body).toContain('Krippendorffs alfa for niveauet');
    expect(results.body).toContain('role="img" aria-labelledby="chart-domains-title chart-domains-desc"');
    expect(results.body).not.toMatch(/\sstyle=/);

    // The page's figures are the agreement library's figures on the raw answers.
    const { rows } = await t.db.unsafeOwnerQuery<{ subject: string; rater: string; level: number }>(
      'select round_vignette_id::text as subject, user_id::text as rater, final_level as level from calibration_answers where round_id = $1', [roundId]);
    const expected = computeAgreement(rows.map((r) => ({ subject: r.subject, rater: r.rater, value: r.level })));
    const shown = (value: number | null, digits: number) => (value === null ? '–' : new Intl.NumberFormat('da-DK', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value));
    expect(expected.krippendorffAlpha.ordinal).not.toBeNull();
    expect(results.body).toContain(`<p class="stat-card-value">${shown(expected.krippendorffAlpha.ordinal, 3)}</p>`);
    expect(results.body).toContain(`<p class="stat-card-value">${shown(expected.fleissKappa, 3)}</p>`);
    expect(results.body).toContain(`<p class="stat-card-value">${shown(expected.percentAgreement! * 100, 1)} %</p>`);

    // The unit sees them too, and the API gives the same figures (aggregates only).
    expect((await unit.get(`/kalibrering/runder/${roundId}/resultater`)).statusCode).toBe(200);
    const json = await anna.api('GET', `/api/v1/calibration/rounds/${roundId}/results`);
    expect(json.statusCode).toBe(200);
    const level = json.json().variables.find((v: { key: string }) => v.key === 'level');
    expect(Math.abs(level.krippendorffAlpha.ordinal - expected.krippendorffAlpha.ordinal!)).toBeLessThan(1e-12);
    expect(json.json().vignettes).toHaveLength(2);
    expect(JSON.stringify(json.json())).not.toContain(teachers[0].id);
  });

  it('refuses a second answer, bad answers, uninvited groups and a closed round, changing nothing', async () => {
    const { tenant, adviser, teachers, nurse } = await setup();
    const unit = await loggedIn(tenant, adviser);
    await writeVignette(unit, 'Fodboldholdet', 2);
    await writeVignette(unit, 'Telefonen', 1);
    const roundId = await startRound(unit, tenant, 'Efterår 2026');
    const teacher = await loggedIn(tenant, teachers[0]);
    const nurseClient = await loggedIn(tenant, nurse);
    const page = await teacher.getPage(`/kalibrering/runder/${roundId}/vignet/1`);
    const form = { ...hidden(page.body), finalLevel: '', ...ratings([2, 2]) };
    expect((await teacher.postForm(`/kalibrering/runder/${roundId}/vignet/1`, form)).statusCode).toBe(303);

    const before = await tenantDigest(t.deps, tenant.id);
    const twice = await teacher.postForm(`/kalibrering/runder/${roundId}/vignet/1`, form);
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Du har allerede svaret på denne vignet. Et svar kan ikke ændres.');
    const outOfRange = await teacher.postForm(`/kalibrering/runder/${roundId}/vignet/2`, { ...form, rating_privacy: '5' });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.body).toContain('Trinnet skal være et helt tal fra 0 til 3.');
    const lower = await teacher.postForm(`/kalibrering/runder/${roundId}/vignet/2`, { ...form, finalLevel: '0' });
    expect(lower.statusCode).toBe(400);
    expect(lower.body).toContain('Du kan ikke sænke niveauet under det beregnede niveau 2.');
    for (const url of [`/kalibrering/runder/${roundId}`, `/kalibrering/runder/${roundId}/vignet/1`, `/kalibrering/runder/${roundId}/resultater`]) {
      expect((await nurseClient.get(url)).statusCode, url).toBe(404);
    }
    expect((await nurseClient.postForm(`/kalibrering/runder/${roundId}/vignet/2`, form)).statusCode).toBe(404);
    expect((await teacher.get('/kalibrering/vignetter')).statusCode).toBe(404);
    expect((await teacher.postForm('/kalibrering/runder/ny', { name: 'x', groups: 'leisure', vignetteIds: [] })).statusCode).toBe(404);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);

    const roundPage = await unit.getPage(`/kalibrering/runder/${roundId}`);
    const version = /name="version" value="(\d+)"/.exec(roundPage.body)![1];
    expect((await unit.postForm(`/kalibrering/runder/${roundId}/luk`, { version })).statusCode).toBe(303);
    const closed = await teacher.postForm(`/kalibrering/runder/${roundId}/vignet/2`, form);
    expect(closed.statusCode).toBe(404);
  });

  it('refuses bad vignettes and rounds with clear messages', async () => {
    const { tenant, adviser } = await setup();
    const unit = await loggedIn(tenant, adviser);
    await unit.getPage('/kalibrering/vignetter/ny');
    const before = await tenantDigest(t.deps, tenant.id);
    const noLevel = await unit.postForm('/kalibrering/vignetter/ny', { title: 'Uden niveau', body: 'En fiktiv sag med tekst nok til at blive gemt.', expectedLevel: '' });
    expect(noLevel.statusCode).toBe(400);
    expect(noLevel.body).toContain('Vælg et niveau fra 0 til 3.');
    const tooShort = await unit.postForm('/kalibrering/vignetter/ny', { title: 'Kort', body: 'For kort.', expectedLevel: '1' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('Skal være mindst 20 tegn.');
    await unit.getPage('/kalibrering/runder/ny');
    const noGroups = await unit.postForm('/kalibrering/runder/ny', { name: 'Tom runde', vignetteIds: [randomUUID(), randomUUID()] });
    expect(noGroups.statusCode).toBe(400);
    expect(noGroups.body).toContain('Vælg mindst én faggruppe.');
    const unknown = await unit.postForm('/kalibrering/runder/ny', { name: 'Fremmede', groups: 'leisure', vignetteIds: [randomUUID(), randomUUID()] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Vælg en af mulighederne.');
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });
});

describe('round statistics', () => {
  it('equal the agreement library on the same answers for every variable, and are recomputed after a new answer', async () => {
    const { tenant, adviser } = await setup();
    const groups = ['school_daycare', 'school_daycare', 'school_daycare', 'health_visitor', 'health_visitor', 'health_visitor', 'leisure'] as const;
    const raters = await Promise.all(groups.map((group) => createUser(t.deps, tenant, { role: 'professional', group })));
    const unit = await loggedIn(tenant, adviser);
    for (const [i, level] of [0, 1, 2, 3, 2, 1].entries()) await writeVignette(unit, `Vignet ${i + 1}`, level);
    const { rows: vignetteRows } = await t.db.unsafeOwnerQuery<{ id: string }>('select id::text from calibration_vignettes where tenant_id = $1', [tenant.id]);
    await unit.getPage('/kalibrering/runder/ny');
    const created = await unit.postForm('/kalibrering/runder/ny', { name: 'Tal', groups: ['school_daycare', 'health_visitor', 'leisure'], vignetteIds: vignetteRows.map((r) => r.id) });
    const roundId = String(created.headers.location).split('/').pop()!;
    const { rows: roundVignettes } = await t.db.unsafeOwnerQuery<{ id: string }>('select id::text from calibration_round_vignettes where round_id = $1 order by position', [roundId]);

    // A deterministic spread of answers, with some vignettes left unanswered (missing values).
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const [r, rater] of raters.entries()) {
      for (const [v, vignette] of roundVignettes.entries()) {
        if ((r + v) % 5 === 4) continue;
        const steps = DOMAIN_KEYS.map(() => Math.min(3, Math.floor(next() * 4)));
        const flags = [0, 0, 0, 0, 0, 0].map(() => (next() < 0.15 ? 1 : 0));
        const computed = flags.some(Boolean) ? 3 : steps.some((s) => s >= 3) || steps.filter((s) => s >= 2).length >= 2 ? 2 : steps.some((s) => s >= 1) ? 1 : 0;
        const final = Math.min(3, computed + (next() < 0.2 ? 1 : 0));
        await t.db.unsafeOwnerQuery(
          `insert into calibration_answers (tenant_id, round_id, round_vignette_id, user_id, professional_group, ratings, red_flags, computed_level, final_level)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [tenant.id, roundId, vignette.id, rater.id, groups[r], steps, flags, computed, final],
        );
      }
    }
    await t.db.unsafeOwnerQuery('update calibration_rounds set answers_version = 100 where id = $1', [roundId]);

    const stats = await t.db.withContext({ tenantId: tenant.id, userId: null }, (tx) => computeRoundStatistics(tx, roundId));
    const { rows: answers } = await t.db.unsafeOwnerQuery<{ subject: string; rater: string; group: string; ratings: number[]; red_flags: number[]; final_level: number }>(
      'select round_vignette_id::text as subject, user_id::text as rater, professional_group as group, ratings, red_flags, final_level from calibration_answers where round_id = $1',
      [roundId],
    );
    const longForm = (index: number, filter: (a: (typeof answers)[number]) => boolean = () => true): Rating[] =>
      answers.filter(filter).map((a) => ({ subject: a.subject, rater: a.rater, value: [...a.ratings, ...a.red_flags, a.final_level][index] }));
    VARIABLES.forEach((variable, index) => {
      const expected = computeAgreement(longForm(index));
      const actual = stats.variables[index];
      expect(actual.key).toBe(variable.key);
      for (const metric of ['nominal', 'ordinal', 'interval'] as const) {
        if (expected.krippendorffAlpha[metric] === null) expect(actual.krippendorffAlpha[metric]).toBeNull();
        else expect(Math.abs(actual.krippendorffAlpha[metric]! - expected.krippendorffAlpha[metric]!), `${variable.key} ${metric}`).toBeLessThan(1e-12);
      }
      expect(actual.fleissKappa).toBe(expected.fleissKappa);
      expect(Math.abs((actual.percentAgreement ?? 0) - (expected.percentAgreement ?? 0))).toBeLessThan(1e-12);
      expect([actual.subjects, actual.raters, actual.ratings]).toEqual([expected.subjects, expected.raters, expected.ratings]);
    });
    // Per group: the same, on each group's own answers; the group of one is suppressed.
    const school = stats.groups.find((g) => g.group === 'school_daycare')!;
    const schoolExpected = computeAgreement(longForm(VARIABLES.length - 1, (a) => a.group === 'school_daycare'));
    expect(Math.abs(school.level!.krippendorffAlpha.ordinal! - schoolExpected.krippendorffAlpha.ordinal!)).toBeLessThan(1e-12);
    expect(stats.groups.find((g) => g.group === 'leisure')).toEqual({ group: 'leisure', raters: 1, level: null, variables: null });
    // Lowest agreement first.
    const percents = stats.vignettesLowestFirst.map((s) => s.percentAgreement ?? 2);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));

    // The page caches the figures for this answers_version and recomputes after a new answer.
    expect((await unit.get(`/kalibrering/runder/${roundId}/resultater`)).statusCode).toBe(200);
    const cached = await t.db.unsafeOwnerQuery<{ answers_version: number }>('select answers_version from calibration_round_stats where round_id = $1', [roundId]);
    expect(cached.rows[0].answers_version).toBe(100);
    const late = await createUser(t.deps, tenant, { role: 'professional', group: 'school_daycare' });
    const lateClient = await loggedIn(tenant, late);
    expect((await answer(lateClient, roundId, 1, ratings([3, 3, 3]))).statusCode).toBe(303);
    const after = await unit.get(`/kalibrering/runder/${roundId}/resultater`);
    expect(after.body).toContain(`${raters.length + 1} deltagere har givet ${answers.length + 1} svar`);
    const recached = await t.db.unsafeOwnerQuery<{ answers_version: number }>('select answers_version from calibration_round_stats where round_id = $1', [roundId]);
    expect(recached.rows[0].answers_version).toBe(101);
  });

  it('draws the trend across closed rounds', async () => {
    const { tenant, adviser, teachers } = await setup();
    const unit = await loggedIn(tenant, adviser);
    await writeVignette(unit, 'Første', 1);
    await writeVignette(unit, 'Anden', 2);
    const first = await startRound(unit, tenant, 'Runde 1');
    const clients = await Promise.all(teachers.map((teacher) => loggedIn(tenant, teacher)));
    for (const client of clients) {
      await answer(client, first, 1, ratings([1]));
      await answer(client, first, 2, ratings([2, 2]));
    }
    const roundPage = await unit.getPage(`/kalibrering/runder/${first}`);
    await unit.postForm(`/kalibrering/runder/${first}/luk`, { version: /name="version" value="(\d+)"/.exec(roundPage.body)![1] });
    const second = await startRound(unit, tenant, 'Runde 2');
    const results = await unit.get(`/kalibrering/runder/${second}/resultater`);
    expect(results.statusCode).toBe(200);
    expect(results.body).toContain('aria-labelledby="chart-trend-title chart-trend-desc"');
    expect(results.body).toContain('<th scope="row">Runde 1</th>');
    expect(results.body).toContain('<th scope="row">Runde 2</th>');
    unit.cookies.set('sb_lang', 'en');
    const english = await unit.get(`/kalibrering/runder/${first}/resultater`);
    expect(english.body).toContain('Agreement on the level over time');
  });
});
