/**
 * The case flow's rules administered by a municipality (/admin/regler and /api/v1/flow-rules):
 * the page shows the national defaults in plain Danish; a new value is a new version that
 * reaches only clocks started (and cases closed) after it; bad input and stale versions store
 * nothing; only administrators get in; another municipality never sees or feels the change.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkingDays, type HolidayCalendar } from '../../src/features/clocks/calendar.js';
import { computeDue, ZONE } from '../../src/features/clocks/clocks.js';
import { AftercareSchedule, ClockRule, loadFlowRules } from '../../src/features/clocks/rules.js';
import { ROLES } from '../../src/platform/access/roles.js';
import { childConcern, clientFor, makeWorld, type World } from '../cases/world.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient, type Response } from '../support/client.js';
import { createUser, tenantDigest, type TestTenant, type TestUser } from '../support/factories.js';
import { createTestSession, useSession } from '../support/sessions.js';

const RECEIPT = 'clock.receipt_confirmation';
const ACUTE = 'clock.acute_assessment';
const CHILD_ASSESSMENT = 'clock.child_assessment';
const AFTERCARE = 'aftercare.schedule';
const CALENDAR = 'calendar.holidays';

/** How the page writes a unit in Danish (the words are the UI's, the figures come from the database). */
const DANISH_UNIT: Record<string, string> = { hours: 'timer', working_days: 'hverdage', calendar_days: 'kalenderdage', months: 'måneder' };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function owner<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await t.db.unsafeOwnerQuery<Row>(sql, params)).rows;
}

/** The national default rows, as migration 0100 stored them. */
async function nationalDefault(key: string): Promise<{ version: number; body: Record<string, unknown>; note: string }> {
  const [row] = await owner<{ version: number; body: Record<string, unknown>; note: string }>(
    'select version, body, note from flow_rules where tenant_id is null and key = $1 order by version desc limit 1', [key]);
  return row;
}

async function defaultClock(key: string): Promise<ClockRule> {
  return ClockRule.parse((await nationalDefault(key)).body);
}

async function defaultCalendar(tenant: TestTenant): Promise<HolidayCalendar> {
  return (await t.db.withContext({ tenantId: tenant.id, userId: null }, (tx) => loadFlowRules(tx, tenant.id))).calendar;
}

async function signedIn(tenant: TestTenant, user: TestUser): Promise<TestClient> {
  return useSession(TestClient.for(t.app, tenant), await createTestSession(t.deps, user));
}

async function tenantRules(tenant: TestTenant): Promise<{ key: string; version: number; body: Record<string, unknown>; note: string | null; created_by: string | null }[]> {
  return owner('select key, version, body, note, created_by from flow_rules where tenant_id = $1 order by key, version', [tenant.id]);
}

async function changeAudits(tenant: TestTenant): Promise<{ entity_id: string; details: Record<string, unknown>; actor_user_id: string }[]> {
  return owner("select entity_id, details, actor_user_id from audit_events where tenant_id = $1 and action = 'admin.flow_rule.change' order by id", [tenant.id]);
}

async function share(client: TestClient, body = childConcern()): Promise<string> {
  const response = await client.api('POST', '/api/v1/inquiries', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function receiptClock(inquiryId: string): Promise<{ startedAt: Date; dueAt: Date; version: number }> {
  const [row] = await owner<{ started_at: Date; due_at: Date; rule_version: number }>(
    'select started_at, due_at, rule_version from clocks where inquiry_id = $1 and rule_key = $2', [inquiryId, RECEIPT]);
  return { startedAt: new Date(row.started_at), dueAt: new Date(row.due_at), version: row.rule_version };
}

async function ruleFromApi(client: TestClient, key: string) {
  const response = await client.api('GET', '/api/v1/flow-rules');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().rules as { key: string; version: number; source: string; value: Record<string, unknown>; versions: unknown[] }[]).find((rule) => rule.key === key)!;
}

/** A page's HTML with the entities for quotes and ampersands decoded (texts are compared as read). */
function text(response: Response): string {
  return response.body.replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('the page of rules', () => {
  it('shows the national defaults in plain Danish and English, with version, source, legal note and history', async () => {
    const world = await makeWorld(t);
    const admin = await signedIn(world.tenant, world.users.admin);
    const page = await admin.get('/admin/regler');
    expect(page.statusCode).toBe(200);
    const body = text(page);
    expect(body).toContain('Regler for frister og efterværn');
    for (const key of [ACUTE, RECEIPT, CHILD_ASSESSMENT]) {
      const { amount, unit } = (await defaultClock(key)).duration;
      expect(body).toContain(`${amount} ${DANISH_UNIT[unit]}`);
      expect(body).toContain((await nationalDefault(key)).note);
      expect(body).toContain(`href="/admin/regler/${key}"`);
    }
    const months = AftercareSchedule.parse((await nationalDefault(AFTERCARE)).body).months;
    expect(body).toContain(`Opfølgning ${months.slice(0, -1).join(', ')} og ${months[months.length - 1]} måneder efter lukning`);
    expect(body).toContain('Ingen ekstra lukkedage');
    expect(body).toContain('Langfredag');
    expect(body).toContain('lørdag og søndag');
    expect(body).toContain(`Version ${(await nationalDefault(RECEIPT)).version} – national standard`);
    expect(body).toContain('Versioner');
    // Decision 0113: a change reaches only clocks that start after it.
    expect(body).toContain('En ændring gælder derfor kun frister, der starter, efter at ændringen er gemt.');
    expect(body).toContain('href="/admin/regler"'); // the menu item

    admin.cookies.set('sb_lang', 'en');
    const english = text(await admin.get('/admin/regler'));
    const receipt = (await defaultClock(RECEIPT)).duration;
    expect(english).toContain('Rules for deadlines and aftercare');
    expect(english).toContain(`${receipt.amount} working days`);
    expect(english).toContain('A change therefore applies only to deadlines that start after the change is saved.');
    expect(english).toContain('national default');
    // The national holidays are stored under their Danish names and named in English here.
    expect(english).toContain('Good Friday');
    expect(english).toContain('General Prayer Day (until 2023)');
    expect(english).toContain('Saturday and Sunday');
    expect(english).not.toMatch(/Langfredag|Påskedag|Juledag|bededag|Barnets lov §|Efterværn:/);
    expect(english).toContain('Danish Children’s Act § 133: receipt of a concern from a professional is confirmed within 6 working days.');
    expect(body).toContain('Store bededag (til og med 2023)');
  });

  it('lists the same rules through the API, all five, national and version 1', async () => {
    const world = await makeWorld(t);
    const admin = await signedIn(world.tenant, world.users.admin);
    const response = await admin.api('GET', '/api/v1/flow-rules');
    expect(response.statusCode).toBe(200);
    const rules = response.json().rules as { key: string; version: number; source: string; value: Record<string, unknown>; legalNote: string; versions: unknown[] }[];
    expect(rules.map((rule) => rule.key)).toEqual([ACUTE, RECEIPT, CHILD_ASSESSMENT, AFTERCARE, CALENDAR]);
    for (const rule of rules) {
      const stored = await nationalDefault(rule.key);
      expect(rule).toMatchObject({ version: stored.version, source: 'national', legalNote: stored.note });
      expect(rule.versions).toHaveLength(1);
    }
    expect(rules[1].value).toEqual((await defaultClock(RECEIPT)).duration);
  });
});

describe('changing a rule', () => {
  it('gives a new concern the new receipt deadline, leaves a running clock alone, and is recorded with author, history and audit', async () => {
    const world = await makeWorld(t);
    const [teacher, admin] = await Promise.all([clientFor(t, world, world.users.teacher), signedIn(world.tenant, world.users.admin)]);
    const calendar = await defaultCalendar(world.tenant);
    const before = await receiptClock(await share(teacher));
    const national = await nationalDefault(RECEIPT);
    const longer = (national.body.duration as { amount: number }).amount + 2;

    const form = await admin.getPage(`/admin/regler/${RECEIPT}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="basedOnVersion" value="${national.version}"`);
    expect(form.body).toContain('Ændringen gælder kun frister, der starter, efter at du har gemt.');
    const saved = await admin.postForm(`/admin/regler/${RECEIPT}`, { basedOnVersion: String(national.version), amount: String(longer), unit: 'working_days', note: 'Byrådets beslutning om kvittering' });
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
    expect(saved.headers.location).toBe(`/admin/regler?notice=saved#rule-${RECEIPT}`);

    // A new row: the municipality's own, the next version, the rest of the rule untouched.
    const rows = await tenantRules(world.tenant);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: RECEIPT, version: national.version + 1, note: 'Byrådets beslutning om kvittering', created_by: world.users.admin.id });
    expect(rows[0].body).toEqual({ ...national.body, duration: { amount: longer, unit: 'working_days' } });
    const audits = await changeAudits(world.tenant);
    expect(audits).toHaveLength(1);
    expect(audits[0].details).toEqual({ key: RECEIPT, version: national.version + 1 });
    expect(audits[0].actor_user_id).toBe(world.users.admin.id);

    // A concern shared now is due `longer` working days later; the earlier one keeps its due time.
    const after = await receiptClock(await share(teacher));
    expect(after.version).toBe(national.version + 1);
    expect(after.dueAt.getTime()).toBe(computeDue(after.startedAt, { amount: longer, unit: 'working_days' }, calendar).getTime());
    const expectedLocal = new WorkingDays(calendar).addWorkingDays(DateTime.fromJSDate(after.startedAt, { zone: ZONE }).toISODate()!, longer);
    expect(DateTime.fromJSDate(after.dueAt, { zone: ZONE }).toISODate()).toBe(expectedLocal);
    const earlier = await receiptClock((await owner<{ inquiry_id: string }>('select inquiry_id from clocks where tenant_id = $1 and rule_key = $2 and rule_version = $3', [world.tenant.id, RECEIPT, national.version]))[0].inquiry_id);
    expect(earlier.dueAt.getTime()).toBe(before.dueAt.getTime());

    // The page tells the story.
    const page = text(await admin.get('/admin/regler?notice=saved'));
    expect(page).toContain('Den nye version er gemt og gælder fra nu.');
    expect(page).toContain(`${longer} hverdage`);
    expect(page).toContain(`Version ${national.version + 1} – kommunens egen`);
    expect(page).toContain('Byrådets beslutning om kvittering');
    expect(page).toContain(world.users.admin.displayName);
    expect(page).toContain(national.note); // the legal note stays visible

    const api = await ruleFromApi(admin, RECEIPT);
    expect(api).toMatchObject({ version: national.version + 1, source: 'municipality', value: { amount: longer, unit: 'working_days' } });
    expect(api.versions).toHaveLength(2);
  });

  it('changes the aftercare months for cases closed afterwards', async () => {
    const world = await makeWorld(t);
    const [teacher, adviser, admin] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), signedIn(world.tenant, world.users.admin)]);
    const national = await nationalDefault(AFTERCARE);
    const defaults = AftercareSchedule.parse(national.body).months;
    // A schedule unlike the default: every default month plus one, and fewer of them.
    const months = defaults.slice(0, 2).map((month) => month + 1);
    const changed = await admin.api('POST', `/api/v1/flow-rules/${AFTERCARE}`, { basedOnVersion: national.version, months, note: 'Tættere opfølgning' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ key: AFTERCARE, version: national.version + 1, source: 'municipality', value: { months } });

    const inquiryId = await share(teacher);
    const inquiry = (await adviser.api('GET', `/api/v1/inquiries/${inquiryId}`)).json();
    const caseId = (await adviser.api('POST', `/api/v1/inquiries/${inquiryId}/case`, { version: inquiry.version })).json().caseId as string;
    const detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    const closed = await adviser.api('POST', `/api/v1/cases/${caseId}/close`, { reason: 'goal_reached', outcome: 'Pigen går i klub igen.', aftercare: true, version: detail.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toEqual({ aftercareTasks: months.length });
    const tasks = await owner<{ due_date: string }>("select due_date::text from case_tasks where case_id = $1 and source = 'aftercare' order by due_date", [caseId]);
    const today = DateTime.now().setZone(ZONE);
    expect(tasks.map((task) => task.due_date.slice(0, 7))).toEqual(months.map((month) => today.plus({ months: month }).toISODate()!.slice(0, 7)));
  });

  it('counts an extra closed date as no working day for clocks started afterwards', async () => {
    const world = await makeWorld(t);
    const [teacher, admin] = await Promise.all([clientFor(t, world, world.users.teacher), signedIn(world.tenant, world.users.admin)]);
    const calendar = await defaultCalendar(world.tenant);
    const rule = await defaultClock(RECEIPT);
    // The next two working days: whichever day the concern arrives on, one of them is counted.
    const days = new WorkingDays(calendar);
    const first = days.addWorkingDays(DateTime.now().setZone(ZONE).toISODate()!, 1);
    const second = days.addWorkingDays(first, 1);
    const national = await nationalDefault(CALENDAR);
    const form = await admin.postForm(`/admin/regler/${CALENDAR}`, { basedOnVersion: String(national.version), extraClosedDates: `${second}\n${first}`, note: '' });
    expect(form.statusCode, form.body.slice(0, 500)).toBe(303);
    const [row] = await tenantRules(world.tenant);
    expect(row.body).toEqual({ ...national.body, extraClosedDates: [first, second] }); // sorted, holidays kept
    const closed = { ...calendar, extraClosedDates: [first, second] };

    const clock = await receiptClock(await share(teacher));
    expect(clock.dueAt.getTime()).toBe(computeDue(clock.startedAt, rule.duration, closed).getTime());
    expect(clock.dueAt.getTime()).toBeGreaterThan(computeDue(clock.startedAt, rule.duration, calendar).getTime());
    expect(text(await admin.get('/admin/regler'))).toContain('Ekstra lukkedage:');
  });

  it('returns to the national default as a new version, and says when it already is', async () => {
    const world = await makeWorld(t);
    const admin = await signedIn(world.tenant, world.users.admin);
    const national = await nationalDefault(ACUTE);
    const { amount, unit } = (await defaultClock(ACUTE)).duration;
    expect((await admin.api('POST', `/api/v1/flow-rules/${ACUTE}`, { basedOnVersion: national.version, amount: amount * 2, unit })).statusCode).toBe(200);
    const edit = await admin.getPage(`/admin/regler/${ACUTE}`);
    expect(edit.body).toContain('Brug den nationale standard igen');
    expect(edit.body).toContain(`action="/admin/regler/${ACUTE}/standard"`);
    const restored = await admin.postForm(`/admin/regler/${ACUTE}/standard`, { basedOnVersion: String(national.version + 1) });
    expect(restored.statusCode, restored.body.slice(0, 500)).toBe(303);
    const rows = await tenantRules(world.tenant);
    expect(rows.map((row) => row.version)).toEqual([national.version + 1, national.version + 2]);
    expect(rows[1].body).toEqual(national.body);
    const page = text(await admin.get('/admin/regler?notice=restored'));
    expect(page).toContain('Kommunen bruger nu igen den nationale standard for reglen.');
    expect(page).toContain(`Version ${national.version + 2} – kommunens egen, med samme indhold som den nationale standard`);
    expect(page).toContain(`${amount} ${DANISH_UNIT[unit]}`);

    const again = await admin.postForm(`/admin/regler/${ACUTE}/standard`, { basedOnVersion: String(national.version + 2) });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Kommunen bruger allerede den nationale standard for reglen. Intet er gemt.');
    expect(await tenantRules(world.tenant)).toHaveLength(2);
    expect(await changeAudits(world.tenant)).toHaveLength(2);
  });
});

describe('bad input', () => {
  let world: World;
  let admin: TestClient;
  beforeAll(async () => {
    world = await makeWorld(t);
    admin = await signedIn(world.tenant, world.users.admin);
  });

  async function refusedApi(key: string, body: Record<string, unknown>, field: string, message: RegExp, headers?: Record<string, string>): Promise<void> {
    const before = await tenantDigest(t.deps, world.tenant.id);
    const response = await admin.api('POST', `/api/v1/flow-rules/${key}`, body, headers);
    const label = `${key} ${JSON.stringify(body)} → ${response.statusCode} ${response.body}`;
    expect(response.statusCode, label).toBe(400);
    expect(response.json().error.code, label).toBe('validation');
    const found = (response.json().error.fields as { field: string; message: string }[]).find((item) => item.field === field);
    expect(found?.message, label).toMatch(message);
    expect(await tenantDigest(t.deps, world.tenant.id), label).toBe(before);
  }

  it('answers 400 with a translated message per field through the API, and stores nothing', async () => {
    const { version } = await nationalDefault(RECEIPT);
    const aftercare = (await nationalDefault(AFTERCARE)).version;
    const calendar = (await nationalDefault(CALENDAR)).version;
    await refusedApi(RECEIPT, { basedOnVersion: version, amount: 0, unit: 'working_days' }, 'amount', /^Fristens længde skal være fra \d+ til \d+\.$/);
    await refusedApi(RECEIPT, { basedOnVersion: version, amount: 100_000, unit: 'working_days' }, 'amount', /^Fristens længde skal være fra \d+ til \d+\.$/);
    await refusedApi(RECEIPT, { basedOnVersion: version, amount: 2.5, unit: 'working_days' }, 'amount', /helt tal/);
    await refusedApi(RECEIPT, { basedOnVersion: version, amount: 8, unit: 'fortnights' }, 'unit', /^Vælg en enhed/);
    await refusedApi(RECEIPT, { basedOnVersion: version, unit: 'hours' }, 'amount', /Skriv, hvor lang fristen skal være/);
    await refusedApi(RECEIPT, { basedOnVersion: version, months: [1, 2] }, 'months', /hører ikke til denne regel/);
    await refusedApi(AFTERCARE, { basedOnVersion: aftercare, months: [6, 3] }, 'months', /stigende rækkefølge/);
    await refusedApi(AFTERCARE, { basedOnVersion: aftercare, months: [3, 3] }, 'months', /Måned 3 står mere end én gang/);
    await refusedApi(AFTERCARE, { basedOnVersion: aftercare, months: [1, 61] }, 'months', /^Hver måned skal være fra \d+ til \d+\.$/);
    await refusedApi(AFTERCARE, { basedOnVersion: aftercare, months: [] }, 'months', /mindst én måned/);
    await refusedApi(AFTERCARE, { basedOnVersion: aftercare, months: Array.from({ length: 13 }, (_, i) => i + 1) }, 'months', /^Skriv fra \d+ til \d+ måneder\.$/);
    await refusedApi(CALENDAR, { basedOnVersion: calendar, extraClosedDates: ['2025-02-30'] }, 'extraClosedDates', /»2025-02-30« er ikke en gyldig dato/);
    await refusedApi(CALENDAR, { basedOnVersion: calendar, extraClosedDates: ['24-12-2025'] }, 'extraClosedDates', /er ikke en gyldig dato/);
    await refusedApi(CALENDAR, { basedOnVersion: calendar, extraClosedDates: ['2025-12-24', '2025-12-24'] }, 'extraClosedDates', /står mere end én gang/);
    await refusedApi(CALENDAR, { basedOnVersion: calendar, extraClosedDates: [20251224] }, 'extraClosedDates.0', /ÅÅÅÅ-MM-DD/);
    await refusedApi(CALENDAR, { basedOnVersion: calendar, extraClosedDates: [], weekend: [] }, 'weekend', /Ukendt felt/);
    await refusedApi('clock.coffee_break', { basedOnVersion: version, amount: 8, unit: 'hours' }, 'key', /^Ukendt regel/);
    await refusedApi(RECEIPT, { amount: 8, unit: 'hours' }, 'basedOnVersion', /Versionen, som ændringen bygger på/);
    await refusedApi(RECEIPT, { basedOnVersion: version, amount: 0, unit: 'working_days' }, 'amount', /^The length of the deadline must be from \d+ to \d+\.$/, { 'accept-language': 'en' });
    await refusedApi('calendar.unknown', { basedOnVersion: version }, 'key', /^Unknown rule/, { 'accept-language': 'en' });
    const same = (await defaultClock(RECEIPT)).duration;
    await refusedApi(RECEIPT, { basedOnVersion: version, ...same }, '_form', /samme som i den gældende version/);
    expect(await tenantRules(world.tenant)).toEqual([]);
    expect(await changeAudits(world.tenant)).toEqual([]);
  });

  it('shows the form again with the error at the field and in the summary, keeping what was typed', async () => {
    const { version } = await nationalDefault(RECEIPT);
    await admin.getPage(`/admin/regler/${RECEIPT}`);
    const before = await tenantDigest(t.deps, world.tenant.id);
    const zero = await admin.postForm(`/admin/regler/${RECEIPT}`, { basedOnVersion: String(version), amount: '0', unit: 'working_days', note: 'Prøve' });
    expect(zero.statusCode).toBe(400);
    expect(zero.body).toContain('id="error-summary"');
    expect(zero.body).toMatch(/<a class="function-link" href="#field-amount">Fristens længde skal være fra \d+ til \d+\.<\/a>/);
    expect(zero.body).toMatch(/<span class="form-error-message" id="field-amount-error">.*Fristens længde skal være fra \d+ til \d+\./s);
    expect(zero.body).toContain('value="0"');
    expect(zero.body).toContain('Prøve');
    const words = await admin.postForm(`/admin/regler/${RECEIPT}`, { basedOnVersion: String(version), amount: 'otte', unit: 'weeks' });
    expect(words.statusCode).toBe(400);
    expect(words.body).toContain('Fristens længde skal være et helt tal.');
    expect(words.body).toContain('Vælg en enhed: timer, hverdage, kalenderdage eller måneder.');

    const aftercare = (await nationalDefault(AFTERCARE)).version;
    const unsorted = await admin.postForm(`/admin/regler/${AFTERCARE}`, { basedOnVersion: String(aftercare), months: '6, 3, 12' });
    expect(unsorted.statusCode).toBe(400);
    expect(unsorted.body).toContain('Skriv månederne i stigende rækkefølge.');
    expect(unsorted.body).toContain('value="6, 3, 12"');
    const mixed = await admin.postForm(`/admin/regler/${AFTERCARE}`, { basedOnVersion: String(aftercare), months: '1, tre, 6' });
    expect(mixed.body).toContain('Månederne skal være hele tal adskilt af komma');

    const calendar = (await nationalDefault(CALENDAR)).version;
    const badDate = await admin.postForm(`/admin/regler/${CALENDAR}`, { basedOnVersion: String(calendar), extraClosedDates: '2025-12-24\n2025-13-01' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('»2025-13-01« er ikke en gyldig dato.');

    admin.cookies.set('sb_lang', 'en');
    const english = await admin.postForm(`/admin/regler/${RECEIPT}`, { basedOnVersion: String(version), amount: '0', unit: 'working_days' });
    expect(english.statusCode).toBe(400);
    expect(english.body).toMatch(/The length of the deadline must be from \d+ to \d+\./);
    admin.cookies.delete('sb_lang');

    expect((await admin.get('/admin/regler/clock.coffee_break')).statusCode).toBe(404);
    expect((await admin.postForm('/admin/regler/clock.coffee_break', { basedOnVersion: '1', amount: '8', unit: 'hours' })).statusCode).toBe(404);
    expect(await tenantDigest(t.deps, world.tenant.id)).toBe(before);
  });
});

describe('edit conflicts', () => {
  it('refuses a change based on a version no longer in force: 409, nothing stored, the input kept', async () => {
    const world = await makeWorld(t);
    const first = await signedIn(world.tenant, world.users.admin);
    const secondAdmin = await createUser(t.deps, world.tenant, { role: 'admin' });
    const second = await signedIn(world.tenant, secondAdmin);
    const national = await nationalDefault(CHILD_ASSESSMENT);
    const { amount } = (await defaultClock(CHILD_ASSESSMENT)).duration;

    await first.getPage(`/admin/regler/${CHILD_ASSESSMENT}`); // the form, based on the national version
    expect((await second.api('POST', `/api/v1/flow-rules/${CHILD_ASSESSMENT}`, { basedOnVersion: national.version, amount: amount + 1, unit: 'months' })).statusCode).toBe(200);
    const before = await tenantDigest(t.deps, world.tenant.id);
    const stale = await first.postForm(`/admin/regler/${CHILD_ASSESSMENT}`, { basedOnVersion: String(national.version), amount: String(amount + 2), unit: 'months', note: 'Min begrundelse' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Reglen er ændret af en anden, mens du arbejdede. Intet er gemt.');
    expect(stale.body).toContain(`value="${amount + 2}"`);
    expect(stale.body).toContain('Min begrundelse');
    expect(stale.body).toContain(`name="basedOnVersion" value="${national.version + 1}"`); // now based on what is in force
    expect(stale.body).toContain(`${amount + 1} måneder`); // the version in force is shown
    expect(await tenantDigest(t.deps, world.tenant.id)).toBe(before);

    const api = await first.api('POST', `/api/v1/flow-rules/${CHILD_ASSESSMENT}`, { basedOnVersion: national.version, amount: amount + 2, unit: 'months' });
    expect(api.statusCode).toBe(409);
    expect(api.json().error).toMatchObject({ code: 'conflict', message: expect.stringContaining('Intet er gemt') });
    const restore = await first.postForm(`/admin/regler/${CHILD_ASSESSMENT}/standard`, { basedOnVersion: String(national.version) });
    expect(restore.statusCode).toBe(409);
    expect(await tenantDigest(t.deps, world.tenant.id)).toBe(before);
    expect((await tenantRules(world.tenant)).map((row) => row.version)).toEqual([national.version + 1]);

    // Saving again from the conflict page is a deliberate choice based on the new version.
    const again = await first.postForm(`/admin/regler/${CHILD_ASSESSMENT}`, { basedOnVersion: String(national.version + 1), amount: String(amount + 2), unit: 'months' });
    expect(again.statusCode).toBe(303);
    expect((await tenantRules(world.tenant)).map((row) => row.version)).toEqual([national.version + 1, national.version + 2]);
  });
});

describe('two administrators at once', () => {
  it('stores one of two simultaneous changes based on the same version and answers the other 409', async () => {
    const world = await makeWorld(t);
    const secondAdmin = await createUser(t.deps, world.tenant, { role: 'admin' });
    const [first, second] = await Promise.all([signedIn(world.tenant, world.users.admin), signedIn(world.tenant, secondAdmin)]);
    const national = await nationalDefault(ACUTE);
    const { amount, unit } = (await defaultClock(ACUTE)).duration;
    const answers = await Promise.all([
      first.api('POST', `/api/v1/flow-rules/${ACUTE}`, { basedOnVersion: national.version, amount: amount + 1, unit }),
      second.api('POST', `/api/v1/flow-rules/${ACUTE}`, { basedOnVersion: national.version, amount: amount + 2, unit }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const rows = await tenantRules(world.tenant);
    expect(rows.map((row) => row.version)).toEqual([national.version + 1]);
    expect(await changeAudits(world.tenant)).toHaveLength(1);
  });
});

describe('access', () => {
  it('answers 404 to every role but the administrator, and changes nothing', async () => {
    const world = await makeWorld(t);
    const { version } = await nationalDefault(RECEIPT);
    for (const role of ROLES.filter((candidate) => candidate !== 'admin')) {
      const user = await createUser(t.deps, world.tenant, { role, team: world.teams.unit });
      const client = await signedIn(world.tenant, user);
      expect((await client.get('/admin/regler')).statusCode, role).toBe(404);
      expect((await client.get(`/admin/regler/${RECEIPT}`)).statusCode, role).toBe(404);
      expect((await client.postForm(`/admin/regler/${RECEIPT}`, { basedOnVersion: String(version), amount: '8', unit: 'working_days' })).statusCode, role).toBe(404);
      expect((await client.api('GET', '/api/v1/flow-rules')).statusCode, role).toBe(404);
      expect((await client.api('POST', `/api/v1/flow-rules/${RECEIPT}`, { basedOnVersion: version, amount: 8, unit: 'working_days' })).statusCode, role).toBe(404);
      const account = await client.get('/account');
      expect(account.statusCode, role).toBe(200);
      expect(account.body, role).not.toContain('href="/admin/regler"');
    }
    // (Each role's user and session are new rows, so the rules and the audit log are compared.)
    expect(await tenantRules(world.tenant)).toEqual([]);
    expect(await changeAudits(world.tenant)).toEqual([]);
    const anonymous = TestClient.for(t.app, world.tenant);
    expect((await anonymous.get('/admin/regler')).statusCode).toBe(303);
    expect((await anonymous.api('POST', `/api/v1/flow-rules/${RECEIPT}`, { basedOnVersion: version, amount: 8, unit: 'working_days' })).statusCode).toBe(401);
  });

  it('keeps each municipality to its own rules: another one neither sees nor feels a change', async () => {
    const mine = await makeWorld(t);
    const theirs = await makeWorld(t);
    const [admin, theirAdmin, theirTeacher] = await Promise.all([
      signedIn(mine.tenant, mine.users.admin), signedIn(theirs.tenant, theirs.users.admin), clientFor(t, theirs, theirs.users.teacher)]);
    const national = await nationalDefault(RECEIPT);
    const rule = await defaultClock(RECEIPT);
    const calendar = await defaultCalendar(theirs.tenant);
    expect((await admin.api('POST', `/api/v1/flow-rules/${RECEIPT}`, { basedOnVersion: national.version, amount: rule.duration.amount + 3, unit: 'working_days', note: 'Kun hos os' })).statusCode).toBe(200);

    expect(await ruleFromApi(theirAdmin, RECEIPT)).toMatchObject({ version: national.version, source: 'national', value: rule.duration });
    const page = text(await theirAdmin.get('/admin/regler'));
    expect(page).not.toContain('Kun hos os');
    expect(page).not.toContain(mine.users.admin.displayName);
    const clock = await receiptClock(await share(theirTeacher));
    expect(clock.version).toBe(national.version);
    expect(clock.dueAt.getTime()).toBe(computeDue(clock.startedAt, rule.duration, calendar).getTime());
    expect(await tenantRules(theirs.tenant)).toEqual([]);

    // Their version numbering is their own too: their first change is the national version + 1.
    const theirs1 = await theirAdmin.api('POST', `/api/v1/flow-rules/${RECEIPT}`, { basedOnVersion: national.version, amount: rule.duration.amount + 1, unit: 'working_days' });
    expect(theirs1.json().version).toBe(national.version + 1);
  });
});
