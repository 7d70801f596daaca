/**
 * Action plans against hostile or mistaken input: the editor is never sized from a posted
 * number, a malformed or repeated address parameter answers a translated 400, numbers beyond
 * what the database holds are field errors with the form and text kept, and the "create tasks"
 * button redirects only to an assessment the user can see on the same case.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_KEYS } from '../../src/features/screening/instrument/definition.js';
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

async function setup() {
  const tenant = await createTenant(t.deps);
  const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
  const school = await createTeam(t.deps, tenant, { kind: 'school' });
  const manager = await createUser(t.deps, tenant, { role: 'manager', team: unit, group: 'unit' });
  const teacher = await createUser(t.deps, tenant, { role: 'professional', team: school, group: 'school_daycare' });
  return { tenant, unit, school, manager, teacher };
}

const stepRows = (body: string) => body.match(/class="edit-block plan-edit-step"/g)?.length ?? 0;

describe('the plan editor is sized from a capped row count', () => {
  it('refuses a posted row count above the limit quickly, with a small page that keeps the text', async () => {
    const { tenant, manager } = await setup();
    const client = await loggedIn(tenant, manager);
    await client.getPage('/handleplaner/unit/2/rediger');
    const before = await tenantDigest(t.deps, tenant.id);
    for (const rows of ['5000', '200000', '99999999999', '1e400', '-1', 'abc']) {
      const started = Date.now();
      const refused = await client.postForm('/handleplaner/unit/2/rediger', {
        version: '1', rows, changeNote: 'Min ændringsnote', step0_kind: 'now', step0_da: 'Mit trin, der ikke må gå tabt',
      });
      expect(refused.statusCode, rows).toBe(400);
      expect(Date.now() - started, rows).toBeLessThan(5_000);
      expect(refused.body.length, rows).toBeLessThan(300_000);
      expect(stepRows(refused.body), rows).toBeLessThanOrEqual(43);
      expect(stepRows(refused.body), rows).toBeGreaterThanOrEqual(1);
      expect(refused.body, rows).toContain('Mit trin, der ikke må gå tabt');
      expect(refused.body, rows).toContain('Min ændringsnote');
      // The hidden field carries a usable count again, so saving once more works.
      const hiddenRows = /<input type="hidden" name="rows" value="(\d+)"/.exec(refused.body)?.[1];
      expect(Number(hiddenRows), rows).toBeGreaterThanOrEqual(1);
      expect(Number(hiddenRows), rows).toBeLessThanOrEqual(43);
    }
    // A repeated field is refused the same way.
    const repeated = await client.postForm('/handleplaner/unit/2/rediger', { version: '1', rows: ['3', '200000'], changeNote: 'x', step0_kind: 'now', step0_da: 'Trin' });
    expect(repeated.statusCode).toBe(400);
    expect(stepRows(repeated.body)).toBeLessThanOrEqual(43);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });

  it('keeps steps typed in rows beyond the plan when the row count was tampered with', async () => {
    const { tenant, manager } = await setup();
    const client = await loggedIn(tenant, manager);
    await client.getPage('/handleplaner/unit/2/rediger');
    const refused = await client.postForm('/handleplaner/unit/2/rediger', {
      version: '1', rows: '200000', changeNote: 'Note', step0_kind: 'now', step0_da: 'Første', step20_kind: 'now', step20_da: 'Tyvende række', step999_da: 'Uden for grænsen',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Tyvende række');
    expect(stepRows(refused.body)).toBe(21);
  });
});

describe('numbers beyond what the database holds', () => {
  it('are field errors in the plan editor, with the form and the typed text kept', async () => {
    const { tenant, manager } = await setup();
    const client = await loggedIn(tenant, manager);
    const editor = await client.getPage('/handleplaner/unit/2/rediger');
    const rows = /<input type="hidden" name="rows" value="(\d+)"/.exec(editor.body)![1];
    const before = await tenantDigest(t.deps, tenant.id);
    for (const version of ['99999999999', '2147483648', '99999999999999999999']) {
      const refused = await client.postForm('/handleplaner/unit/2/rediger', { version, rows, changeNote: 'Note', step0_kind: 'now', step0_da: 'Tekst, der skal blive stående' });
      expect(refused.statusCode, version).toBe(400);
      expect(refused.body, version).toContain('Må højst være 2147483647.');
      expect(refused.body, version).not.toContain('9007199254740991');
      expect(refused.body, version).toContain('Tekst, der skal blive stående');
    }
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });

  it('are refused in feedback and the plan address without a server error', async () => {
    const { tenant, teacher } = await setup();
    const client = await loggedIn(tenant, teacher);
    await client.getPage('/handleplaner/school_daycare/2');
    const before = await tenantDigest(t.deps, tenant.id);
    const feedback = await client.postForm('/handleplaner/school_daycare/2/feedback', { number: '99999999999', stepKey: 'notify-133', useful: 'no', comment: 'Min kommentar' });
    expect(feedback.statusCode).toBe(400);
    expect(feedback.body).toContain('Ugyldig værdi.');
    const page = await client.get('/handleplaner/school_daycare/2?version=99999999999');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('»version«');
    const api = await client.api('GET', '/api/v1/action-plans/school_daycare/2?version=99999999999');
    expect(api.statusCode).toBe(400);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });
});

describe('the plan address', () => {
  it('answers a translated 400 naming a repeated or malformed parameter, and ignores unknown notices', async () => {
    const { tenant, teacher } = await setup();
    const client = await loggedIn(tenant, teacher);
    for (const [query, name] of [['udskrift=1&udskrift=2', 'udskrift'], ['notice=a&notice=b', 'notice'], ['version=1&version=2', 'version'], ['version=abc', 'version']]) {
      const page = await client.get(`/handleplaner/unit/1?${query}`);
      expect(page.statusCode, query).toBe(400);
      expect(page.body, query).toContain(`Adressen kan ikke forstås: »${name}« har en ugyldig værdi eller står der mere end én gang.`);
    }
    client.cookies.set('sb_lang', 'en');
    const english = await client.get('/handleplaner/unit/1?udskrift=1&udskrift=2');
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('The address cannot be understood: “udskrift” has an invalid value or appears more than once.');
    client.cookies.delete('sb_lang');
    for (const notice of ['toString', 'constructor', '__proto__', 'nonsense']) {
      const page = await client.get(`/handleplaner/unit/1?notice=${notice}`);
      expect(page.statusCode, notice).toBe(200);
      expect(page.body, notice).not.toContain('alert-success');
    }
    expect((await client.get('/handleplaner/unit/1?notice=feedback')).body).toContain('alert-success');
    expect((await client.get('/handleplaner/unit/1?version=999')).statusCode).toBe(404);
  });
});

async function caseWithScreening() {
  const { tenant, unit, school, teacher } = await setup();
  const adviser = await createUser(t.deps, tenant, { role: 'adviser', team: unit, group: 'unit' });
  const teacherApi = TestClient.for(t.app, tenant);
  expect((await teacherApi.loginApi(teacher)).statusCode).toBe(200);
  const concern = await teacherApi.api('POST', '/api/v1/inquiries', {
    ageGroup: 'child', sourceSector: 'school',
    identity: { name: 'Testpige Æblerød', cpr: '1503124321', schoolOrWorkplace: 'Demoskolen', district: 'Vollsmose' },
    forms: ['education_work_leisure'], controllers: ['father'], redFlags: [],
    description: 'Eleven må ikke komme med på lejrskole, og faren læser hendes beskeder.',
  });
  expect(concern.statusCode, concern.body).toBe(201);
  const adviserClient = TestClient.for(t.app, tenant);
  expect((await adviserClient.loginApi(adviser)).statusCode).toBe(200);
  const inquiry = (await adviserClient.api('GET', `/api/v1/inquiries/${concern.json().id}`)).json();
  const opened = await adviserClient.api('POST', `/api/v1/inquiries/${concern.json().id}/case`, { version: inquiry.version });
  expect(opened.statusCode, opened.body).toBe(201);
  const caseId = opened.json().caseId as string;
  const hidden = (body: string) => {
    const values: Record<string, string> = {};
    for (const m of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) values[m[1]] = m[2];
    delete values._csrf;
    return values;
  };
  const screen = async (client: TestClient, url: string, extra: Record<string, string> = {}) => {
    const form = await client.getPage(url);
    const ratings = Object.fromEntries(DOMAIN_KEYS.map((key) => [`rating_${key}`, key === 'privacy' ? '2' : '0']));
    const saved = await client.postForm('/vurdering/ny', { ...hidden(form.body), ...ratings, finalLevel: '', ...extra });
    expect(saved.statusCode, saved.body).toBe(303);
    return String(saved.headers.location).split('?')[0].split('/').pop()!;
  };
  const onCase = await screen(adviserClient, `/vurdering/ny?caseId=${caseId}`);
  const teacherPages = await loggedIn(tenant, teacher);
  const standalone = await screen(teacherPages, '/vurdering/ny', { caseId: '', context: 'standalone' });
  await adviserClient.getPage(`/vurdering/${onCase}`);
  return { tenant, school, adviser, adviserClient, caseId, onCase, standalone };
}

describe('creating tasks from a plan', () => {
  it('refuses an assessment that does not exist, is not visible or is not on the case, creating nothing', async () => {
    const { tenant, adviserClient, caseId, onCase, standalone } = await caseWithScreening();
    const before = await tenantDigest(t.deps, tenant.id);
    for (const screeningId of ['00000000-0000-0000-0000-000000000000', randomUUID(), standalone]) {
      const refused = await adviserClient.postForm('/handleplaner/unit/2/opgaver', { caseId, number: '1', screeningId });
      expect(refused.statusCode, screeningId).toBe(400);
      expect(refused.body, screeningId).toContain('Vurderingen findes ikke, hører ikke til sagen, eller du har ikke adgang til den. Der er ikke oprettet opgaver.');
      expect(refused.headers.location).toBeUndefined();
    }
    const huge = await adviserClient.postForm('/handleplaner/unit/2/opgaver', { caseId, number: '99999999999', screeningId: onCase });
    expect(huge.statusCode).toBe(400);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);

    const done = await adviserClient.postForm('/handleplaner/unit/2/opgaver', { caseId, number: '1', screeningId: onCase });
    expect(done.statusCode, done.body).toBe(303);
    expect(String(done.headers.location)).toBe(`/vurdering/${onCase}?notice=tasks`);
    const without = await adviserClient.postForm('/handleplaner/unit/2/opgaver', { caseId, number: '1' });
    expect(String(without.headers.location)).toBe('/handleplaner/unit/2?notice=tasks');
  });
});
