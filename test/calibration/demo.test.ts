/**
 * The demo content: at least ten good vignettes spanning every level, a closed round whose
 * results page renders, and an open round the demo teacher can answer.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import '../../src/features/calibration/demo.js';
import { DEMO_VIGNETTES } from '../../src/features/calibration/demo-vignettes.js';
import { demoSeeders } from '../../src/features/demo/registry.js';
import type { ProfessionalGroup, Role } from '../../src/platform/access/roles.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTenant, createUser, type TestUser } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DEMO_STAFF: [string, Role, ProfessionalGroup | undefined][] = [
  ['raadgiver', 'adviser', 'unit'], ['raadgiver2', 'adviser', 'unit'], ['leder', 'manager', 'unit'], ['sagsbehandler', 'caseworker', 'child_welfare'],
  ['jobkonsulent', 'caseworker', 'job_uu'], ['laerer', 'professional', 'school_daycare'], ['sundhedsplejerske', 'professional', 'health_visitor'],
  ['partner', 'partner', 'civil_society'],
];

it('has at least ten fictional vignettes spanning all four levels', () => {
  expect(DEMO_VIGNETTES.length).toBeGreaterThanOrEqual(10);
  expect(new Set(DEMO_VIGNETTES.map((v) => v.expectedLevel))).toEqual(new Set([0, 1, 2, 3]));
  for (const vignette of DEMO_VIGNETTES) {
    expect(vignette.body, vignette.title).toMatch(/fiktiv/);
    expect(vignette.teachingNote.length, vignette.title).toBeGreaterThan(40);
  }
});

it('seeds a closed round with results and an open round the teacher can answer, once', async () => {
  const tenant = await createTenant(t.deps, { isDemo: true });
  const staff: Record<string, TestUser> = {};
  for (const [username, role, group] of DEMO_STAFF) staff[username] = await createUser(t.deps, tenant, { username, role, group });
  const seeder = demoSeeders().find((s) => s.name === 'calibration')!;
  const users = Object.fromEntries(Object.entries(staff).map(([name, user]) => [name, user.id]));
  for (let run = 0; run < 2; run++) {
    await t.db.unsafeOwnerTransaction((tx) => seeder.seed({ tx, deps: t.deps, tenantId: tenant.id, teams: {}, users, fresh: run === 0 }));
  }
  const counts = await t.db.unsafeOwnerQuery<{ vignettes: number; rounds: number; answers: number }>(
    `select (select count(*)::int from calibration_vignettes where tenant_id = $1) as vignettes,
            (select count(*)::int from calibration_rounds where tenant_id = $1) as rounds,
            (select count(*)::int from calibration_answers where tenant_id = $1) as answers`,
    [tenant.id],
  );
  expect(counts.rows[0]).toEqual({ vignettes: DEMO_VIGNETTES.length, rounds: 2, answers: DEMO_STAFF.length * DEMO_VIGNETTES.length });

  const adviser = TestClient.for(t.app, tenant);
  await adviser.loginForm(staff.raadgiver);
  const list = await adviser.get('/kalibrering');
  const closedId = /href="\/kalibrering\/runder\/([0-9a-f-]{36})\/resultater"/.exec(list.body)![1];
  const results = await adviser.get(`/kalibrering/runder/${closedId}/resultater`);
  expect(results.statusCode).toBe(200);
  expect(results.body).toContain('8 deltagere har givet 96 svar på 12 vignetter.');

  const teacher = TestClient.for(t.app, tenant);
  await teacher.loginForm(staff.laerer);
  const home = await teacher.get('/');
  expect(home.body).toContain('Forår 2026');
});
