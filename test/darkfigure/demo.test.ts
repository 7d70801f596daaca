/**
 * The demo year: after the case flow's demo data and this feature's, the demo manager's default
 * query (the last calendar year, the six demo sources) shows a real estimate, and seeding again
 * adds nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import '../../src/features/cases/demo.js';
import { DEMO_DISTRICT, DEMO_SECTORS, simulateDemoYear } from '../../src/features/darkfigure/demo.js';
import { defaultPeriod } from '../../src/features/darkfigure/schemas.js';
import { demoSeeders } from '../../src/features/demo/registry.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTeam, createTenant, createUser, type TestUser } from '../support/factories.js';
import { createTestSession, useSession } from '../support/sessions.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

it('simulates the same plausible year every time', () => {
  const first = simulateDemoYear();
  expect(simulateDemoYear().map((r) => [r.sector, r.person?.cpr ?? null])).toEqual(first.map((r) => [r.sector, r.person?.cpr ?? null]));
  const people = new Set(first.flatMap((r) => (r.person ? [r.person.number] : [])));
  expect(people.size).toBeGreaterThanOrEqual(150);
  expect(people.size).toBeLessThanOrEqual(400);
  expect(new Set(first.map((r) => r.sector))).toEqual(new Set(DEMO_SECTORS));
  expect(first.filter((r) => r.person === null).length).toBeGreaterThan(20);
});

it('gives the demo manager an estimate on the default query, and seeds once', { timeout: 60_000 }, async () => {
  const tenant = await createTenant(t.deps, { isDemo: true });
  const teams = {
    unit: await createTeam(t.deps, tenant, { name: 'NSK-enheden', kind: 'unit' }),
    child_welfare: await createTeam(t.deps, tenant, { name: 'Børne- og Ungerådgivningen', kind: 'child_welfare' }),
    job_centre: await createTeam(t.deps, tenant, { name: 'Jobcenter', kind: 'job_centre' }),
    school: await createTeam(t.deps, tenant, { name: 'Demoskolen', kind: 'school' }),
    health: await createTeam(t.deps, tenant, { name: 'Sundhedsplejen', kind: 'health' }),
    partner: await createTeam(t.deps, tenant, { name: 'Bydelsmødre', kind: 'partner' }),
  };
  const users: Record<string, TestUser> = {
    raadgiver: await createUser(t.deps, tenant, { username: 'raadgiver', role: 'adviser', team: teams.unit }),
    raadgiver2: await createUser(t.deps, tenant, { username: 'raadgiver2', role: 'adviser', team: teams.unit }),
    leder: await createUser(t.deps, tenant, { username: 'leder', role: 'manager', team: teams.unit }),
    sagsbehandler: await createUser(t.deps, tenant, { username: 'sagsbehandler', role: 'caseworker', team: teams.child_welfare }),
    jobkonsulent: await createUser(t.deps, tenant, { username: 'jobkonsulent', role: 'caseworker', team: teams.job_centre }),
    laerer: await createUser(t.deps, tenant, { username: 'laerer', role: 'professional', team: teams.school }),
    sundhedsplejerske: await createUser(t.deps, tenant, { username: 'sundhedsplejerske', role: 'professional', team: teams.health }),
  };
  const context = {
    deps: t.deps, tenantId: tenant.id,
    teams: Object.fromEntries(Object.entries(teams).map(([key, team]) => [key, team.id])),
    users: Object.fromEntries(Object.entries(users).map(([key, user]) => [key, user.id])),
  };
  for (const name of ['cases', 'darkfigure']) {
    const seeder = demoSeeders().find((candidate) => candidate.name === name)!;
    await t.db.unsafeOwnerTransaction((tx) => seeder.seed({ ...context, tx, fresh: true }));
  }
  const count = async () => (await t.db.unsafeOwnerQuery<{ n: number }>('select count(*)::int as n from inquiries where tenant_id = $1 and district = $2', [tenant.id, DEMO_DISTRICT])).rows[0].n;
  const seeded = await count();
  expect(seeded).toBe(simulateDemoYear().length);
  await t.db.unsafeOwnerTransaction((tx) => demoSeeders().find((s) => s.name === 'darkfigure')!.seed({ ...context, tx, fresh: false }));
  expect(await count()).toBe(seeded);
  // The demo records are closed, so the unit's inbox is not flooded.
  const open = await t.db.unsafeOwnerQuery<{ n: number }>("select count(*)::int as n from inquiries where tenant_id = $1 and district = $2 and status <> 'closed'", [tenant.id, DEMO_DISTRICT]);
  expect(open.rows[0].n).toBe(0);

  const manager = useSession(TestClient.for(t.app, tenant), await createTestSession(t.deps, users.leder));
  const { from, to } = defaultPeriod();
  const query = `from=${from}&to=${to}&method=stepwise&${DEMO_SECTORS.map((s) => `sectors=${s}`).join('&')}`;
  const started = Date.now();
  const page = await manager.get(`/moerketal?${query}`);
  const elapsed = Date.now() - started;
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('stat-card-value');
  expect(page.body).toContain('Modellen tager højde for, at disse kilder hænger sammen');
  expect(page.body).toContain('Skole og Børne- og Ungerådgivningen har flere personer til fælles end forventet');
  console.info(`darkfigure demo page: ${elapsed} ms`);
});
