/** The demo seeder gives every page something to show, and the home panels render per role. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import '../../src/features/cases/demo.js';
import { demoSeeders } from '../../src/features/demo/registry.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTeam, createTenant, createUser, type TestUser } from '../support/factories.js';
import { cprProblem } from '../../src/features/inquiries/identity.js';
import { demoCpr } from '../../src/features/cases/demo.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

it('seeds fictional inquiries and cases that every case-flow page shows', async () => {
  const tenant = await createTenant(t.deps, { isDemo: true });
  const teams = {
    unit: await createTeam(t.deps, tenant, { name: 'NSK-enheden', kind: 'unit' }),
    child_welfare: await createTeam(t.deps, tenant, { name: 'Børne- og Ungerådgivningen', kind: 'child_welfare' }),
    job_centre: await createTeam(t.deps, tenant, { name: 'Jobcenter', kind: 'job_centre' }),
    school: await createTeam(t.deps, tenant, { name: 'Demoskolen', kind: 'school' }),
    health: await createTeam(t.deps, tenant, { name: 'Sundhedsplejen', kind: 'health' }),
  };
  const users: Record<string, TestUser> = {
    raadgiver: await createUser(t.deps, tenant, { username: 'raadgiver', role: 'adviser', team: teams.unit }),
    raadgiver2: await createUser(t.deps, tenant, { username: 'raadgiver2', role: 'adviser', team: teams.unit }),
    sagsbehandler: await createUser(t.deps, tenant, { username: 'sagsbehandler', role: 'caseworker', team: teams.child_welfare }),
    jobkonsulent: await createUser(t.deps, tenant, { username: 'jobkonsulent', role: 'caseworker', team: teams.job_centre }),
    laerer: await createUser(t.deps, tenant, { username: 'laerer', role: 'professional', team: teams.school }),
    sundhedsplejerske: await createUser(t.deps, tenant, { username: 'sundhedsplejerske', role: 'professional', team: teams.health }),
  };
  const seeder = demoSeeders().find((candidate) => candidate.name === 'cases')!;
  await t.db.unsafeOwnerTransaction((tx) => seeder.seed({
    tx, deps: t.deps, tenantId: tenant.id, fresh: true,
    teams: Object.fromEntries(Object.entries(teams).map(([key, team]) => [key, team.id])),
    users: Object.fromEntries(Object.entries(users).map(([key, user]) => [key, user.id])),
  }));
  // Seeding again adds nothing.
  await t.db.unsafeOwnerTransaction((tx) => seeder.seed({ tx, deps: t.deps, tenantId: tenant.id, fresh: false, teams: {}, users: {} }));
  const counts = (await t.db.unsafeOwnerQuery<{ inquiries: number; cases: number }>(
    'select (select count(*)::int from inquiries where tenant_id = $1) as inquiries, (select count(*)::int from cases where tenant_id = $1) as cases', [tenant.id])).rows[0];
  expect(counts).toEqual({ inquiries: 8, cases: 4 });

  const adviser = TestClient.for(t.app, tenant);
  await adviser.loginApi(users.raadgiver);
  const home = await adviser.get('/');
  expect(home.body).toContain('Indbakke');
  expect(home.body).toContain('Mine opgaver');
  expect(home.body).toContain('Testpige Demo');
  const inbox = (await adviser.api('GET', '/api/v1/inquiries')).json().inbox as { acute: boolean; repeat: boolean }[];
  expect(inbox[0].acute).toBe(true);
  expect(inbox.some((item) => item.repeat)).toBe(true);
  const cases = (await adviser.api('GET', '/api/v1/cases?status=all')).json().cases as { id: string; protected: boolean; status: string }[];
  expect(cases.some((c) => c.protected)).toBe(true);
  expect(cases.some((c) => c.status === 'closed')).toBe(true);
  for (const c of cases) {
    const page = await adviser.get(`/sager/${c.id}`);
    expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
    expect(page.body).toContain('DEMO – fiktiv');
  }
  for (const url of ['/henvendelser', '/sager?alle=1', '/opgaver', '/frister', '/soeg?q=testpige']) {
    expect((await adviser.get(url)).statusCode, url).toBe(200);
  }
  const caseworker = TestClient.for(t.app, tenant);
  await caseworker.loginApi(users.sagsbehandler);
  const cwHome = await caseworker.get('/');
  expect(cwHome.body).toContain('Overdragelser til dit team');
  const teacher = TestClient.for(t.app, tenant);
  await teacher.loginApi(users.laerer);
  const teacherHome = await teacher.get('/');
  expect(teacherHome.body).toContain('Mine henvendelser');
  expect(teacherHome.body).not.toContain('Testpige Demo');
});

it('makes demo CPR numbers that pass validation', () => {
  let state = 1;
  const random = () => ((state = (state * 16807) % 2147483647) / 2147483647);
  for (const birth of ['2012-03-15', '2009-01-12', '2003-11-30']) {
    const cpr = demoCpr(birth, random);
    expect(cprProblem(cpr), cpr).toBeNull();
  }
});
