/**
 * Action plans through the pages: shown after a screening for the user's own group, browsable,
 * printable, edited by the unit into new versions with a change log, and feedback per step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLANS } from '../../src/features/action-plans/default-plans.js';
import { dueDate } from '../../src/features/action-plans/case-link.js';
import { PROFESSIONAL_GROUPS } from '../../src/platform/access/roles.js';
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
  const school = await createTeam(t.deps, tenant, { kind: 'school' });
  const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
  const teacher = await createUser(t.deps, tenant, { role: 'professional', team: school, group: 'school_daycare' });
  const adviser = await createUser(t.deps, tenant, { role: 'adviser', team: unit, group: 'unit' });
  return { tenant, teacher, adviser };
}

function editorValues(body: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const m of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) values[m[1]] = m[2];
  for (const m of body.matchAll(/<textarea class="form-input" id="field-([^"]+)" name="[^"]+"[^>]*>([^<]*)<\/textarea>/g)) values[m[1]] = decode(m[2]);
  for (const m of body.matchAll(/<input class="form-input[^"]*" id="field-([^"]+)" name="[^"]+" type="number" value="([^"]*)"/g)) values[m[1]] = m[2];
  for (const m of body.matchAll(/<select class="form-select" id="field-([^"]+)" name="[^"]+"[^>]*>([\s\S]*?)<\/select>/g)) {
    values[m[1]] = /<option value="([^"]*)" selected/.exec(m[2])?.[1] ?? '';
  }
  delete values._csrf;
  return values;
}

function decode(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe('the built-in plans', () => {
  it('cover every group and level with concrete steps, deadlines and at least one "do not" from level 1', () => {
    for (const group of PROFESSIONAL_GROUPS) {
      DEFAULT_PLANS[group].forEach((steps, level) => {
        expect(steps.length, `${group} ${level}`).toBeGreaterThanOrEqual(3);
        expect(new Set(steps.map((s) => s.key)).size, `${group} ${level}: unique keys`).toBe(steps.length);
        if (level >= 1) expect(steps.some((s) => s.kind === 'dont'), `${group} ${level}`).toBe(true);
        if (level === 3) expect(steps.map((s) => s.key), `${group} 3`).toContain('call-112');
      });
    }
  });

  it('counts due dates from now in Copenhagen time', () => {
    const now = new Date('2026-03-28T22:30:00Z'); // 23:30 in Copenhagen
    expect(dueDate(undefined, now)).toBe('2026-03-28');
    expect(dueDate({ amount: 1, unit: 'hours' }, now)).toBe('2026-03-29');
    expect(dueDate({ amount: 2, unit: 'days' }, now)).toBe('2026-03-30');
  });
});

describe('plans after a screening and on their own', () => {
  it("shows the teacher her own group's plan at the assessed level on the result page", async () => {
    const { tenant, teacher } = await setup();
    const client = await loggedIn(tenant, teacher);
    const form = await client.getPage('/vurdering/ny');
    const fields: Record<string, string> = {};
    for (const m of form.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]] = m[2];
    delete fields._csrf;
    for (const key of DOMAIN_KEYS) fields[`rating_${key}`] = key === 'partner_choice' ? '3' : '0';
    const saved = await client.postForm('/vurdering/ny', { ...fields, finalLevel: '' });
    const result = await client.get(String(saved.headers.location));
    expect(result.body).toContain('Din handleplan (Skole og dagtilbud) ved &quot;Negativ social kontrol&quot;');
    expect(result.body).toContain('Send en skriftlig underretning til Børne- og Ungerådgivningen');
    expect(result.body).toContain('Frist: inden for 24 timer');
    expect(result.body).toContain('Brug ikke familiemedlemmer, venner eller bekendte som tolk');
    expect(result.body).toContain('href="/handleplaner/school_daycare/2"');
  });

  it('lists every plan, shows one with its steps and a print version without forms', async () => {
    const { tenant, teacher } = await setup();
    const client = await loggedIn(tenant, teacher);
    const overview = await client.get('/handleplaner');
    expect(overview.statusCode).toBe(200);
    for (const group of PROFESSIONAL_GROUPS) expect(overview.body).toContain(`href="/handleplaner/${group}/3"`);
    const plan = await client.get('/handleplaner/health_visitor/3');
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain('Er der fare for liv eller helbred lige nu, så ring 112.');
    expect(plan.body).toContain('Var dette trin nyttigt?');
    const print = await client.get('/handleplaner/health_visitor/3?udskrift=1');
    expect(print.body).toContain('plan-print');
    expect(print.body).toContain('Er der fare for liv eller helbred lige nu, så ring 112.');
    expect(print.body).not.toContain('Var dette trin nyttigt?');
    const json = await client.api('GET', '/api/v1/action-plans/health_visitor/3');
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ group: 'health_visitor', level: 3, number: 1 });
    expect(json.json().steps[0]).toMatchObject({ key: 'call-112', kind: 'now' });
    expect((await client.get('/handleplaner/nobody/3')).statusCode).toBe(404);
    expect((await client.get('/handleplaner/leisure/4')).statusCode).toBe(404);
  });
});

describe('feedback per step', () => {
  it('stores one answer per user and step, which the unit reads per step and the professional does not', async () => {
    const { tenant, teacher, adviser } = await setup();
    const client = await loggedIn(tenant, teacher);
    const page = await client.getPage('/handleplaner/school_daycare/2');
    expect(page.statusCode).toBe(200);
    const yes = await client.postForm('/handleplaner/school_daycare/2/feedback', { number: '1', stepKey: 'notify-133', useful: 'yes' });
    expect(yes.statusCode).toBe(303);
    const comment = 'Det var svært at vide, hvornår jeg skulle ringe';
    const no = await client.postForm('/handleplaner/school_daycare/2/feedback', { number: '1', stepKey: 'notify-133', useful: 'no', comment });
    expect(no.statusCode).toBe(303);
    const { rows } = await t.db.unsafeOwnerQuery<{ useful: boolean; comment_enc: string }>(
      'select useful, comment_enc from action_plan_feedback where tenant_id = $1', [tenant.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].useful).toBe(false);
    expect(rows[0].comment_enc).not.toContain('svært');
    const own = await client.get('/handleplaner/school_daycare/2');
    expect(own.body).toContain('Du har svaret, at trinnet ikke var nyttigt.');
    expect(own.body).not.toContain(comment);

    const unit = await loggedIn(tenant, adviser);
    const summary = await unit.get('/handleplaner/school_daycare/2');
    expect(summary.body).toContain('0 har svaret nyttigt, 1 ikke nyttigt.');
    expect(summary.body).toContain(comment);
    expect(summary.body).not.toContain(teacher.displayName);

    const bad = await client.postForm('/handleplaner/school_daycare/2/feedback', { number: '1', stepKey: 'no-such-step', useful: 'yes' });
    expect(bad.statusCode).toBe(404);
    const noChoice = await client.postForm('/handleplaner/school_daycare/2/feedback', { number: '1', stepKey: 'notify-133' });
    expect(noChoice.statusCode).toBe(400);
    expect(noChoice.body).toContain('Vælg, om trinnet var nyttigt.');
  });
});

describe('editing plans', () => {
  it('saves a new version with a change log; the old version stays readable and feedback follows kept steps', async () => {
    const { tenant, teacher, adviser } = await setup();
    const teacherClient = await loggedIn(tenant, teacher);
    await teacherClient.getPage('/handleplaner/leisure/1');
    await teacherClient.postForm('/handleplaner/leisure/1/feedback', { number: '1', stepKey: 'talk-alone', useful: 'yes' });

    const unit = await loggedIn(tenant, adviser);
    const editor = await unit.getPage('/handleplaner/leisure/1/rediger');
    expect(editor.statusCode).toBe(200);
    const values = editorValues(editor.body);
    const steps = DEFAULT_PLANS.leisure[1];
    const removed = steps.findIndex((s) => s.key === 'leisure-photos');
    const changed = steps.findIndex((s) => s.key === 'talk-alone');
    values[`step${removed}_da`] = '';
    values[`step${removed}_en`] = '';
    values[`step${changed}_da`] = 'Tal med den unge alene efter træning, hvor ingen andre kan høre med.';
    const added = steps.length;
    Object.assign(values, { [`step${added}_kind`]: 'contact', [`step${added}_da`]: 'Ring til klubbens SSP-kontaktperson.', [`step${added}_amount`]: '3', [`step${added}_unit`]: 'days' });
    values.changeNote = 'Mere konkret samtaletrin; SSP-kontakt tilføjet.';
    const saved = await unit.postForm('/handleplaner/leisure/1/rediger', values);
    expect(saved.statusCode).toBe(303);

    const current = await unit.get('/handleplaner/leisure/1');
    expect(current.body).toContain('Version 2, gældende fra');
    expect(current.body).toContain('Tal med den unge alene efter træning');
    expect(current.body).toContain('Ring til klubbens SSP-kontaktperson.');
    expect(current.body).toContain('Frist: inden for 3 dage');
    expect(current.body).not.toContain('Del ikke billeder eller holdlister');
    expect(current.body).toContain('Mere konkret samtaletrin; SSP-kontakt tilføjet.');
    // The teacher's answer on version 1 is still counted for the kept step.
    expect(current.body).toContain('1 har svaret nyttigt, 0 ikke nyttigt.');
    const old = await unit.get('/handleplaner/leisure/1?version=1');
    expect(old.body).toContain('Du ser en tidligere version (1) af handleplanen.');
    expect(old.body).toContain('Del ikke billeder eller holdlister');
  });

  it('refuses bad steps and a stale version with clear messages, keeps the typed text and changes nothing', async () => {
    const { tenant, adviser } = await setup();
    const unit = await loggedIn(tenant, adviser);
    const editor = await unit.getPage('/handleplaner/job_uu/2/rediger');
    const values = { ...editorValues(editor.body), changeNote: 'Test' };
    const before = await tenantDigest(t.deps, tenant.id);
    const cases: [Record<string, string>, string][] = [
      [{ step0_amount: '0', step0_unit: 'days' }, 'Fristen skal være et helt tal fra 1 til 365.'],
      [{ step0_amount: '2', step0_unit: 'weeks' }, 'Vælg, om fristen er i timer eller dage.'],
      [{ step0_da: '', step0_en: 'Only English' }, 'Skriv trinnet på dansk.'],
      [{ step0_kind: 'maybe' }, 'Vælg en af mulighederne.'],
      [{ changeNote: '' }, 'Skal udfyldes.'],
    ];
    for (const [override, message] of cases) {
      const refused = await unit.postForm('/handleplaner/job_uu/2/rediger', { ...values, ...override });
      expect(refused.statusCode, message).toBe(400);
      expect(refused.body).toContain(message);
    }
    const stale = await unit.postForm('/handleplaner/job_uu/2/rediger', { ...values, version: '99', step1_da: 'Min nye tekst, der ikke må gå tabt' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('En anden har gemt handleplanen, mens du redigerede.');
    expect(stale.body).toContain('Min nye tekst, der ikke må gå tabt');
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });

  it('refuses editing to everyone outside the unit and administration, and plans to the DPO', async () => {
    const { tenant, teacher } = await setup();
    const caseworker = await createUser(t.deps, tenant, { role: 'caseworker', group: 'child_welfare' });
    const dpo = await createUser(t.deps, tenant, { role: 'dpo' });
    const clients = [await loggedIn(tenant, teacher), await loggedIn(tenant, caseworker)];
    const dpoClient = await loggedIn(tenant, dpo);
    await clients[0].get('/handleplaner'); // the built-in plans exist before the digest
    const before = await tenantDigest(t.deps, tenant.id);
    for (const client of clients) {
      expect((await client.get('/handleplaner/leisure/1/rediger')).statusCode).toBe(404);
      const posted = await client.postForm('/handleplaner/leisure/1/rediger', { version: '1', rows: '1', changeNote: 'x', step0_kind: 'now', step0_da: 'Forsøg' });
      expect(posted.statusCode).toBe(404);
    }
    expect((await dpoClient.get('/handleplaner')).statusCode).toBe(404);
    expect((await dpoClient.get('/handleplaner/leisure/1')).statusCode).toBe(404);
    expect((await dpoClient.api('GET', '/api/v1/action-plans/leisure/1')).statusCode).toBe(404);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });
});
