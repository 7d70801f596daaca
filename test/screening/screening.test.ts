/**
 * Screening end to end through the pages and the API, on the real database: the level, the
 * judgement rules, double submissions, who may read an assessment, and versioning.
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
  const response = await client.loginForm(user);
  expect(response.statusCode).toBe(303);
  return client;
}

/** The hidden fields of the form page, as a browser would submit them. */
function hidden(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[match[1]] = match[2];
  return fields;
}

function ratingFields(overrides: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(DOMAIN_KEYS.map((key) => [`rating_${key}`, '0'])), ...overrides };
}

async function setup() {
  const tenant = await createTenant(t.deps);
  const school = await createTeam(t.deps, tenant, { kind: 'school' });
  const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
  const teacher = await createUser(t.deps, tenant, { role: 'professional', team: school, group: 'school_daycare' });
  const colleague = await createUser(t.deps, tenant, { role: 'professional', team: school, group: 'school_daycare' });
  const adviser = await createUser(t.deps, tenant, { role: 'adviser', team: unit, group: 'unit' });
  const admin = await createUser(t.deps, tenant, { role: 'admin', team: unit });
  return { tenant, teacher, colleague, adviser, admin };
}

async function screenByForm(client: TestClient, form: Record<string, string | string[]>) {
  const page = await client.getPage('/vurdering/ny');
  expect(page.statusCode).toBe(200);
  const fields = { ...hidden(page.body), ...form };
  delete fields._csrf;
  return { response: await client.postForm('/vurdering/ny', fields), fields };
}

async function screeningCount(tenant: TestTenant): Promise<number> {
  const { rows } = await t.db.unsafeOwnerQuery<{ n: number }>('select count(*)::int as n from screenings where tenant_id = $1', [tenant.id]);
  return rows[0].n;
}

describe('making an assessment', () => {
  it('computes the level, explains it and stores the assessment with its instrument version', async () => {
    const { tenant, teacher } = await setup();
    const client = await loggedIn(tenant, teacher);
    const { response } = await screenByForm(client, {
      ...ratingFields({ rating_education_work_leisure: '2', rating_relations_digital: '2', rating_privacy: '1' }),
      relations: ['father', 'sibling'],
      finalLevel: '',
    });
    expect(response.statusCode).toBe(303);
    const result = await client.get(String(response.headers.location));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('2 – Negativ social kontrol');
    expect(result.body).toContain('Personen bliver i væsentlig grad begrænset');
    expect(result.body).toContain('2 områder er vurderet til trin 2 eller højere');
    const { rows } = await t.db.unsafeOwnerQuery<{ computed_level: number; final_level: number; number: number; relations: string[]; professional_group: string }>(
      `select s.computed_level, s.final_level, i.number, s.relations, s.professional_group from screenings s
         join screening_instruments i on i.id = s.instrument_id where s.tenant_id = $1`,
      [tenant.id],
    );
    expect(rows).toEqual([{ computed_level: 2, final_level: 2, number: 1, relations: ['father', 'sibling'], professional_group: 'school_daycare' }]);
    const audit = await t.db.unsafeOwnerQuery<{ action: string }>(
      "select action from audit_events where tenant_id = $1 and action like 'screening.%' order by id",
      [tenant.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['screening.create', 'screening.read']));
  });

  it('gives "akut fare" for a red flag and lets judgement raise the level with a reason (kept encrypted, never logged)', async () => {
    const { tenant, teacher } = await setup();
    const client = await loggedIn(tenant, teacher);
    const flagged = await screenByForm(client, { ...ratingFields(), redFlags: 'travel_abroad', finalLevel: '' });
    const acute = await client.get(String(flagged.response.headers.location));
    expect(acute.body).toContain('3 – Akut fare');
    expect(acute.body).toContain('ring 112');

    const reason = 'Eleven fortalte om en lang rejse i sommerferien zyxw-hemmelig';
    const raised = await screenByForm(client, { ...ratingFields({ rating_privacy: '1' }), finalLevel: '2', raiseReason: reason });
    expect(raised.response.statusCode).toBe(303);
    const page = await client.get(String(raised.response.headers.location));
    expect(page.body).toContain('2 – Negativ social kontrol');
    expect(page.body).toContain('Skemaet gav niveau 1 – Bekymring');
    expect(page.body).toContain(reason);
    const { rows } = await t.db.unsafeOwnerQuery<{ raise_reason_enc: string }>(
      'select raise_reason_enc from screenings where tenant_id = $1 and final_level > computed_level',
      [tenant.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].raise_reason_enc).not.toContain('hemmelig');
    expect(t.logLines.join('\n')).not.toContain('zyxw-hemmelig');
  });

  it('refuses bad input with a clear message and stores nothing', async () => {
    const { tenant, teacher } = await setup();
    const client = await loggedIn(tenant, teacher);
    // The user opens the form first (which also publishes the default instrument on first use).
    expect((await client.get('/vurdering/ny')).statusCode).toBe(200);
    const before = await tenantDigest(t.deps, tenant.id);
    const cases: [Record<string, string | string[]>, string][] = [
      [{ ...ratingFields({ rating_privacy: '7' }) }, 'Trinnet skal være et helt tal fra 0 til 3.'],
      [{ ...ratingFields({ rating_privacy: '1.5' }) }, 'Trinnet skal være et helt tal fra 0 til 3.'],
      [{ ...ratingFields(), rating_privacy: '' }, 'Vælg et trin fra 0 til 3.'],
      [{ ...ratingFields({ rating_partner_choice: '3' }), finalLevel: '1' }, 'Du kan ikke sænke niveauet under det beregnede niveau 2.'],
      [{ ...ratingFields(), finalLevel: '2' }, 'Skriv en begrundelse, når du hæver niveauet.'],
      [{ ...ratingFields(), redFlags: 'not_a_flag' }, 'Vælg en af mulighederne.'],
      [{ ...ratingFields(), finalLevel: '9' }, 'Niveauet skal være et helt tal fra 0 til 3.'],
      [{ ...ratingFields(), context: 'case' }, 'Vælg den sag, vurderingen hører til, eller knyt den ikke til en sag.'],
    ];
    for (const [form, message] of cases) {
      const { response } = await screenByForm(client, form);
      expect(response.statusCode, message).toBe(400);
      expect(response.body).toContain(message);
      // The user's own answers come back with the form.
      expect(response.body).toContain('name="rating_education_work_leisure" value="0" class="form-radio" checked');
    }
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });

  it('refuses the same form submitted twice and keeps one assessment', async () => {
    const { tenant, teacher } = await setup();
    const client = await loggedIn(tenant, teacher);
    const first = await screenByForm(client, { ...ratingFields({ rating_privacy: '2' }), finalLevel: '' });
    expect(first.response.statusCode).toBe(303);
    const again = await client.postForm('/vurdering/ny', first.fields);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Denne vurdering er allerede gemt.');
    expect(await screeningCount(tenant)).toBe(1);
  });
});

describe('the screening API', () => {
  it('creates, refuses a repeated key (409, translated) and lists', async () => {
    const { tenant, adviser } = await setup();
    const client = TestClient.for(t.app, tenant);
    expect((await client.loginApi(adviser)).statusCode).toBe(200);
    const instrument = (await client.api('GET', '/api/v1/screening/instrument')).json();
    expect(instrument.number).toBe(1);
    expect(instrument.definition.domains).toHaveLength(8);
    const body = {
      instrumentId: instrument.id,
      submissionKey: randomUUID(),
      ratings: Object.fromEntries(DOMAIN_KEYS.map((key) => [key, key === 'abuse_protection' ? 3 : 0])),
      redFlags: [],
      relations: ['mother'],
    };
    const created = await client.api('POST', '/api/v1/screenings', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ computedLevel: 2, finalLevel: 2, instrumentNumber: 1, mine: true, raiseReason: null });
    const twice = await client.api('POST', '/api/v1/screenings', body, { 'accept-language': 'en' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('This assessment has already been saved. It was not saved again. Find it under Common assessment.');

    const outOfRange = await client.api('POST', '/api/v1/screenings', { ...body, submissionKey: randomUUID(), ratings: { ...body.ratings, privacy: 4 } });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.fields).toEqual([{ field: 'ratings.privacy', message: 'Trinnet skal være et helt tal fra 0 til 3.' }]);
    const lower = await client.api('POST', '/api/v1/screenings', { ...body, submissionKey: randomUUID(), finalLevel: 0 });
    expect(lower.statusCode).toBe(400);
    expect(lower.json().error.fields[0].field).toBe('finalLevel');

    const noCase = await client.api('POST', '/api/v1/screenings', { ...body, submissionKey: randomUUID(), context: 'case' });
    expect(noCase.statusCode).toBe(400);
    expect(noCase.json().error.fields).toEqual([{ field: 'caseId', message: 'Vælg den sag, vurderingen hører til, eller knyt den ikke til en sag.' }]);
    const noInquiry = await client.api('POST', '/api/v1/screenings', { ...body, submissionKey: randomUUID(), context: 'inquiry' }, { 'accept-language': 'en' });
    expect(noInquiry.json().error.fields).toEqual([{ field: 'inquiryId', message: 'Choose the inquiry the assessment belongs to, or do not attach it to an inquiry.' }]);

    const list = await client.api('GET', '/api/v1/screenings');
    expect(list.json().screenings).toHaveLength(1);
    expect(await screeningCount(tenant)).toBe(1);
  });
});

describe('who may read an assessment', () => {
  it('shows an assessment to its author and the unit only; everyone else gets 404, audited, and nothing changes', async () => {
    const { tenant, teacher, colleague, adviser, admin } = await setup();
    const author = await loggedIn(tenant, teacher);
    const { response } = await screenByForm(author, { ...ratingFields({ rating_privacy: '1' }), finalLevel: '' });
    const url = String(response.headers.location).split('?')[0];
    expect((await author.get(url)).statusCode).toBe(200);
    expect((await (await loggedIn(tenant, adviser)).get(url)).statusCode).toBe(200);

    const other = await createTenant(t.deps);
    const stranger = await createUser(t.deps, other, { role: 'adviser' });
    const dpo = await createUser(t.deps, tenant, { role: 'dpo' });
    const mentor = await createUser(t.deps, tenant, { role: 'mentor' });
    const clients = await Promise.all([colleague, admin, dpo, mentor].map(async (user) => ({ user, client: await loggedIn(tenant, user) })));
    const strangerClient = await loggedIn(other, stranger);
    const before = await tenantDigest(t.deps, tenant.id);
    for (const { user, client } of clients) {
      const refused = await client.get(url);
      expect(refused.statusCode, user.role).toBe(404);
      expect(refused.body).not.toContain('Bekymring');
      const api = await client.api('GET', `/api/v1/screenings/${url.split('/').pop()}`);
      expect(api.statusCode, user.role).toBe(404);
    }
    expect((await strangerClient.get(url)).statusCode).toBe(404);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
    const denied = await t.db.unsafeOwnerQuery<{ n: number }>(
      "select count(*)::int as n from audit_events where tenant_id = $1 and outcome = 'denied' and entity_id = $2",
      [tenant.id, url.split('/').pop()],
    );
    expect(denied.rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('refuses the screening pages to roles that do not screen', async () => {
    const { tenant } = await setup();
    for (const role of ['dpo', 'mentor', 'admin'] as const) {
      const client = await loggedIn(tenant, await createUser(t.deps, tenant, { role }));
      expect((await client.get('/vurdering/ny')).statusCode, role).toBe(404);
      const posted = await client.postForm('/vurdering/ny', ratingFields());
      expect([403, 404], role).toContain(posted.statusCode);
    }
    expect(await screeningCount(tenant)).toBe(0);
    const anonymous = TestClient.for(t.app, tenant);
    const refusedAnonymous = await anonymous.get('/vurdering/ny');
    expect(refusedAnonymous.statusCode).toBe(303);
    expect(String(refusedAnonymous.headers.location)).toMatch(/^\/login/);
  });
});

describe('instrument versions', () => {
  it('publishes a new version through a draft and preview; old assessments keep their own texts', async () => {
    const { tenant, teacher, admin } = await setup();
    const author = await loggedIn(tenant, teacher);
    const old = await screenByForm(author, { ...ratingFields({ rating_education_work_leisure: '2' }), finalLevel: '' });
    const oldUrl = String(old.response.headers.location).split('?')[0];
    const oldText = 'Holdes væk fra flere aktiviteter eller fra den uddannelse eller det job, personen selv ønsker';
    expect((await author.get(oldUrl)).body).toContain(oldText);

    const manager = await loggedIn(tenant, admin);
    await manager.getPage('/admin/instrument');
    const drafted = await manager.postForm('/admin/instrument/udkast', {});
    expect(drafted.statusCode).toBe(303);
    const draftUrl = String(drafted.headers.location).split('?')[0];
    const editor = await manager.getPage(draftUrl);
    expect(editor.body).toContain('Udkast til version 2');
    // In English the editor names the domains, flags and relations it edits in English.
    manager.cookies.set('sb_lang', 'en');
    const englishEditor = (await manager.get(draftUrl)).body;
    manager.cookies.delete('sb_lang');
    expect(englishEditor).toContain('<legend class="h3">Planned forced marriage</legend>');
    expect(englishEditor).toContain('Spouse or partner (');
    expect(englishEditor).not.toContain('Planlagt tvangsægteskab</legend>');
    const values: Record<string, string> = {};
    for (const match of editor.body.matchAll(/<input class="form-input[^"]*" id="field-([^"]+)" name="[^"]+" type="[^"]+" value="([^"]*)"/g)) values[match[1]] = match[2];
    for (const match of editor.body.matchAll(/<textarea class="form-input" id="field-([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) values[match[1]] = match[2].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect(values.domain0_step2_da).toBe(`${oldText}; deltagelse kræver familiens tilladelse eller ledsagelse.`);
    const newText = 'Holdes væk fra flere fritidsaktiviteter eller fra den ønskede uddannelse.';
    const version = /name="version" value="(\d+)"/.exec(editor.body)![1];
    // A control character or a version beyond what the database holds: the form comes back with the field's message and the typed text.
    const unchanged = await tenantDigest(t.deps, tenant.id);
    const withNul = await manager.postForm(draftUrl, { ...values, version, domain0_step2_da: `${newText}\u0000`, changeNote: 'x' });
    expect(withNul.statusCode).toBe(400);
    expect(withNul.body).toContain('Teksten indeholder ugyldige tegn');
    expect(withNul.body).toContain('Holdes væk fra flere fritidsaktiviteter');
    const hugeVersion = await manager.postForm(draftUrl, { ...values, version: '99999999999', domain0_step2_da: newText, changeNote: 'x' });
    expect(hugeVersion.statusCode).toBe(400);
    expect(hugeVersion.body).toContain(newText);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(unchanged);
    const saved = await manager.postForm(draftUrl, { ...values, version, domain0_step2_da: newText, changeNote: 'Kortere trin 2 for skole og fritid.' });
    expect(saved.statusCode).toBe(303);

    const preview = await manager.get(`${draftUrl}/forhaandsvisning`);
    expect(preview.body).toContain(newText);
    const draftPage = await manager.getPage(draftUrl);
    const publishVersion = /action="[^"]+\/udgiv">\s*<input type="hidden" name="_csrf" value="[^"]+"\/?>\s*<input type="hidden" name="version" value="(\d+)"/.exec(draftPage.body)?.[1]
      ?? /<input type="hidden" name="version" value="(\d+)"\/?>\s*<button type="submit" class="button button-secondary">Udgiv/.exec(draftPage.body)![1];
    const published = await manager.postForm(`${draftUrl}/udgiv`, { version: publishVersion });
    expect(published.statusCode).toBe(303);

    // The old assessment is shown with version 1's texts; a new one uses version 2.
    const oldPage = await author.get(oldUrl);
    expect(oldPage.body).toContain(oldText);
    expect(oldPage.body).toContain('Version 1');
    const fresh = await screenByForm(author, { ...ratingFields({ rating_education_work_leisure: '2' }), finalLevel: '' });
    const freshPage = await author.get(String(fresh.response.headers.location));
    expect(freshPage.body).toContain(newText);
    expect(freshPage.body).toContain('Version 2');

    // A published version cannot be edited: a clear message, and nothing changes.
    const before = await tenantDigest(t.deps, tenant.id);
    const refused = await manager.postForm(draftUrl, { ...values, version: '99', domain0_step2_da: 'Forsøg på at rette en udgivet version' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Version 2 er udgivet og kan ikke rettes. Start et udkast til en ny version i stedet.');
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
    // The database refuses it too, even to the owner.
    await expect(
      t.db.unsafeOwnerQuery("update screening_instruments set definition = '{}' where tenant_id = $1 and number = 1", [tenant.id]),
    ).rejects.toThrow(/cannot be changed/);
  });

  it('refuses to publish without a change note, and refuses the admin pages to everyone else', async () => {
    const { tenant, adviser, admin } = await setup();
    const manager = await loggedIn(tenant, admin);
    await manager.getPage('/admin/instrument');
    const drafted = await manager.postForm('/admin/instrument/udkast', {});
    const draftUrl = String(drafted.headers.location).split('?')[0];
    const draftPage = await manager.getPage(draftUrl);
    const version = /name="version" value="(\d+)"/.exec(draftPage.body)![1];
    const refused = await manager.postForm(`${draftUrl}/udgiv`, { version });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Beskriv, hvad der er ændret, før du udgiver versionen.');

    const unit = await loggedIn(tenant, adviser);
    expect((await unit.get('/admin/instrument')).statusCode).toBe(404);
    expect((await unit.get(draftUrl)).statusCode).toBe(404);
    const before = await tenantDigest(t.deps, tenant.id);
    expect((await unit.postForm(`${draftUrl}/udgiv`, { version })).statusCode).toBe(404);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });
});
