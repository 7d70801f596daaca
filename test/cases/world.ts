/**
 * A small municipality for case-flow tests: the NSK unit, child welfare (BUR), a job centre,
 * a school and a partner organisation, with one user per role that matters, and logged-in
 * API clients. Each call makes a new tenant, so tests run in parallel without sharing rows.
 */
import type { TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTeam, createTenant, createUser, type TestTeam, type TestTenant, type TestUser } from '../support/factories.js';

export interface World {
  tenant: TestTenant;
  teams: { unit: TestTeam; bur: TestTeam; job: TestTeam; school: TestTeam; partner: TestTeam };
  users: { adviser: TestUser; adviser2: TestUser; caseworker: TestUser; jobworker: TestUser; teacher: TestUser; partner: TestUser; manager: TestUser; admin: TestUser };
}

export async function makeWorld(t: TestApp): Promise<World> {
  const tenant = await createTenant(t.deps);
  const unit = await createTeam(t.deps, tenant, { name: 'NSK-enheden', kind: 'unit' });
  const bur = await createTeam(t.deps, tenant, { name: 'Børne- og Ungerådgivningen', kind: 'child_welfare' });
  const job = await createTeam(t.deps, tenant, { name: 'Jobcentret', kind: 'job_centre' });
  const school = await createTeam(t.deps, tenant, { name: 'Demoskolen', kind: 'school' });
  const partner = await createTeam(t.deps, tenant, { name: 'Bydelsmødrene', kind: 'partner' });
  const [adviser, adviser2, caseworker, jobworker, teacher, partnerUser, manager, admin] = await Promise.all([
    createUser(t.deps, tenant, { role: 'adviser', team: unit }),
    createUser(t.deps, tenant, { role: 'adviser', team: unit }),
    createUser(t.deps, tenant, { role: 'caseworker', team: bur }),
    createUser(t.deps, tenant, { role: 'caseworker', team: job }),
    createUser(t.deps, tenant, { role: 'professional', team: school, group: 'school_daycare' }),
    createUser(t.deps, tenant, { role: 'partner', team: partner }),
    createUser(t.deps, tenant, { role: 'manager', team: unit }),
    createUser(t.deps, tenant, { role: 'admin', team: unit }),
  ]);
  return { tenant, teams: { unit, bur, job, school, partner }, users: { adviser, adviser2, caseworker, jobworker, teacher, partner: partnerUser, manager, admin } };
}

/** An API client logged in as `user` (session cookie + CSRF header). */
export async function clientFor(t: TestApp, world: World, user: TestUser): Promise<TestClient> {
  const client = TestClient.for(t.app, world.tenant);
  const response = await client.loginApi(user);
  if (response.statusCode !== 200) throw new Error(`login failed for ${user.username}: ${response.statusCode} ${response.body}`);
  return client;
}

/** A concern about a fictional child, as a school would share it. */
export function childConcern(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ageGroup: 'child',
    sourceSector: 'school',
    identity: { name: 'Testpige Æblerød', cpr: '1503124321', schoolOrWorkplace: 'Demoskolen', district: 'Vollsmose' },
    forms: ['education_work_leisure', 'partner_choice'],
    controllers: ['father'],
    redFlags: [],
    description: 'Eleven fortæller, at hun ikke må deltage i lejrskolen, og at faren læser hendes beskeder.',
    ...overrides,
  };
}
