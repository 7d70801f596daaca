/**
 * Screening on a case (issue 3's cases): the assessment is attached to the case, its level is
 * recorded in the case's risk history, and the action plan's steps become the case's tasks and
 * "do not" items in one action. The cases feature does its own access checks.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLANS } from '../../src/features/action-plans/default-plans.js';
import { DOMAIN_KEYS } from '../../src/features/screening/instrument/definition.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTeam, createTenant, createUser, tenantDigest, type TestTenant, type TestUser } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function apiClient(tenant: TestTenant, user: TestUser): Promise<TestClient> {
  const client = TestClient.for(t.app, tenant);
  expect((await client.loginApi(user)).statusCode).toBe(200);
  return client;
}

async function setup() {
  const tenant = await createTenant(t.deps);
  const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
  const school = await createTeam(t.deps, tenant, { kind: 'school' });
  const teacher = await createUser(t.deps, tenant, { role: 'professional', team: school, group: 'school_daycare' });
  const adviser = await createUser(t.deps, tenant, { role: 'adviser', team: unit, group: 'unit' });
  const teacherApi = await apiClient(tenant, teacher);
  const concern = await teacherApi.api('POST', '/api/v1/inquiries', {
    ageGroup: 'child', sourceSector: 'school',
    identity: { name: 'Testpige Æblerød', cpr: '1503124321', schoolOrWorkplace: 'Demoskolen', district: 'Vollsmose' },
    forms: ['education_work_leisure'], controllers: ['father'], redFlags: [],
    description: 'Eleven må ikke komme med på lejrskole, og faren læser hendes beskeder.',
  });
  expect(concern.statusCode, concern.body).toBe(201);
  const adviserApi = await apiClient(tenant, adviser);
  const inquiry = (await adviserApi.api('GET', `/api/v1/inquiries/${concern.json().id}`)).json();
  const opened = await adviserApi.api('POST', `/api/v1/inquiries/${concern.json().id}/case`, { version: inquiry.version });
  expect(opened.statusCode, opened.body).toBe(201);
  return { tenant, teacher, adviser, adviserApi, teacherApi, caseId: opened.json().caseId as string };
}

function fields(body: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const m of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) values[m[1]] = m[2];
  delete values._csrf;
  return values;
}

describe('screening on a case', () => {
  it('records the level on the case and turns the plan into tasks and "do not" items in one action', async () => {
    const { tenant, adviserApi, caseId } = await setup();
    const form = await adviserApi.getPage(`/vurdering/ny?caseId=${caseId}`);
    expect(form.body).toContain(`name="caseId" value="${caseId}"`);
    const ratings = Object.fromEntries(DOMAIN_KEYS.map((key) => [`rating_${key}`, key === 'privacy' || key === 'relations_digital' ? '2' : '0']));
    const saved = await adviserApi.postForm('/vurdering/ny', { ...fields(form.body), ...ratings, finalLevel: '' });
    expect(saved.statusCode, saved.body).toBe(303);
    const resultUrl = String(saved.headers.location).split('?')[0];
    const screeningId = resultUrl.split('/').pop()!;
    const result = await adviserApi.getPage(resultUrl);
    expect(result.body).toContain('Registrér niveauet på sagen');
    expect(result.body).toContain('Opret sagens opgaver ud fra handleplanen');

    const level = await adviserApi.postForm(`/vurdering/${screeningId}/sag-niveau`, {});
    expect(level.statusCode, level.body).toBe(303);
    const risk = await t.db.unsafeOwnerQuery<{ level: number; assessment_id: string }>(
      'select level, assessment_id::text from case_risk_levels where case_id = $1', [caseId]);
    expect(risk.rows).toEqual([{ level: 2, assessment_id: screeningId }]);

    const tasks = await adviserApi.postForm('/handleplaner/unit/2/opgaver', { caseId, number: '1', screeningId });
    expect(tasks.statusCode, tasks.body).toBe(303);
    expect(String(tasks.headers.location)).toBe(`/vurdering/${screeningId}?notice=tasks`);
    const plan = DEFAULT_PLANS.unit[2];
    const created = await t.db.unsafeOwnerQuery<{ n: number; earliest: string }>(
      "select count(*)::int as n, min(due_date)::text as earliest from case_tasks where case_id = $1 and source = 'action_plan'", [caseId]);
    expect(created.rows[0].n).toBe(plan.filter((s) => s.kind !== 'dont').length);
    const doNots = await t.db.unsafeOwnerQuery<{ n: number }>('select count(*)::int as n from case_do_not where case_id = $1', [caseId]);
    expect(doNots.rows[0].n).toBe(plan.filter((s) => s.kind === 'dont').length);
    const audit = await t.db.unsafeOwnerQuery<{ n: number }>(
      "select count(*)::int as n from audit_events where tenant_id = $1 and action = 'action_plan.to_case' and entity_id = $2", [tenant.id, caseId]);
    expect(audit.rows[0].n).toBe(1);
  });

  it('refuses a case the user cannot see, and case actions to a professional, changing nothing', async () => {
    const { tenant, teacher, adviserApi, caseId } = await setup();
    const form = await adviserApi.getPage(`/vurdering/ny?caseId=${randomUUID()}`);
    const ratings = Object.fromEntries(DOMAIN_KEYS.map((key) => [`rating_${key}`, '1']));
    const before = await tenantDigest(t.deps, tenant.id);
    const unknown = await adviserApi.postForm('/vurdering/ny', { ...fields(form.body), ...ratings, finalLevel: '' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Sagen eller henvendelsen findes ikke, eller du har ikke adgang til den.');
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);

    // The teacher screens on her own; she can neither attach her assessment to the case nor act on it.
    const teacherPages = TestClient.for(t.app, tenant);
    await teacherPages.loginForm(teacher);
    const teacherForm = await teacherPages.getPage(`/vurdering/ny?caseId=${caseId}`);
    const refused = await teacherPages.postForm('/vurdering/ny', { ...fields(teacherForm.body), ...ratings, finalLevel: '' });
    expect(refused.statusCode).toBe(400);
    const own = await teacherPages.postForm('/vurdering/ny', { ...fields(teacherForm.body), caseId: '', context: 'standalone', ...ratings, finalLevel: '' });
    expect(own.statusCode).toBe(303);
    const screeningId = String(own.headers.location).split('?')[0].split('/').pop()!;
    const snapshot = await tenantDigest(t.deps, tenant.id);
    expect((await teacherPages.postForm(`/vurdering/${screeningId}/sag-niveau`, {})).statusCode).toBe(404);
    expect((await teacherPages.postForm('/handleplaner/school_daycare/1/opgaver', { caseId, number: '1' })).statusCode).toBe(404);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(snapshot);
  });
});
