/**
 * The staff side of the citizen site: the unit's inbox respects tenant and team access (and
 * re-reads the database to prove refusals changed nothing), answers reach the visitor,
 * conversations become inquiries, and the content editor's drafts, preview, versions and
 * publishing change the public site only when published.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/features/citizen/catalogs/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTeam, createTenant, createUser, tenantDigest, type TestTenant, type TestUser } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let address = 0;
function visitorPost(tenant: TestTenant, url: string, form: Record<string, string>) {
  return t.app.inject({
    method: 'POST', url, payload: new URLSearchParams(form).toString(), remoteAddress: `10.77.0.${++address % 250}`,
    headers: { host: tenant.host, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

async function writeAsVisitor(tenant: TestTenant, message: string, lang = 'da'): Promise<string> {
  const response = await visitorPost(tenant, `/hjaelp/${lang}/skriv`, { message });
  expect(response.statusCode).toBe(200);
  return /data-pickup-code="true">([^<]+)</.exec(response.body)![1];
}

async function staff(tenant: TestTenant, user: TestUser): Promise<TestClient> {
  const client = new TestClient(t.app, tenant.host);
  expect((await client.loginApi(user)).statusCode).toBe(200);
  return client;
}

async function conversationId(tenant: TestTenant): Promise<string> {
  const { rows } = await t.db.unsafeOwnerQuery<{ id: string }>('select id::text from citizen_conversations where tenant_id = $1 order by created_at desc limit 1', [tenant.id]);
  return rows[0].id;
}

async function version(id: string): Promise<string> {
  const { rows } = await t.db.unsafeOwnerQuery<{ version: number }>('select version from citizen_conversations where id = $1', [id]);
  return String(rows[0].version);
}

describe('the unit inbox', () => {
  it('shows the unit team its conversations, and the answer reaches the visitor', async () => {
    const tenant = await createTenant(t.deps);
    const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
    const adviser = await createUser(t.deps, tenant, { role: 'adviser', team: unit });
    const code = await writeAsVisitor(tenant, 'Jeg bliver holdt øje med hele tiden.', 'ar');
    const id = await conversationId(tenant);

    const client = await staff(tenant, adviser);
    const home = await client.getPage('/');
    expect(home.body).toContain('Én anonym samtale venter på svar.');
    const list = await client.getPage('/enhed/borgerhenvendelser');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/enhed/borgerhenvendelser/${id}`);
    expect(list.body).toContain('العربية');
    const detail = await client.getPage(`/enhed/borgerhenvendelser/${id}`);
    expect(detail.body).toContain('Jeg bliver holdt øje med hele tiden.');

    const answered = await client.postForm(`/enhed/borgerhenvendelser/${id}/svar`, { version: await version(id), message: 'Tak fordi du skriver. Vi kan hjælpe.' });
    expect(answered.statusCode).toBe(303);
    const read = await visitorPost(tenant, '/hjaelp/ar/svar', { code });
    expect(read.body).toContain('Tak fordi du skriver. Vi kan hjælpe.');
    expect(read.body).toContain(CATALOGS.ar.messages['read.from.unit']);
    expect(read.body).not.toContain(adviser.displayName);

    const audit = await t.db.unsafeOwnerQuery<{ action: string }>("select action from audit_events where tenant_id = $1 and actor_user_id = $2 and action like 'citizen.%'", [tenant.id, adviser.id]);
    expect(audit.rows.map((row) => row.action)).toEqual(expect.arrayContaining(['citizen.inbox.list', 'citizen.conversation.read', 'citizen.conversation.answer']));
  });

  it("answers 404 to other teams, other tenants, administrators and professionals, and changes nothing", async () => {
    const tenant = await createTenant(t.deps);
    const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
    const otherTeam = await createTeam(t.deps, tenant, { kind: 'child_welfare' });
    await writeAsVisitor(tenant, 'Hemmeligt indhold 4711');
    const id = await conversationId(tenant);
    const other = await createTenant(t.deps);
    const otherUnit = await createTeam(t.deps, other, { kind: 'unit' });
    const refused: { tenant: TestTenant; user: TestUser }[] = [
      { tenant, user: await createUser(t.deps, tenant, { role: 'adviser', team: otherTeam }) },
      { tenant, user: await createUser(t.deps, tenant, { role: 'caseworker', team: unit }) },
      { tenant, user: await createUser(t.deps, tenant, { role: 'admin', team: unit }) },
      { tenant, user: await createUser(t.deps, tenant, { role: 'professional', team: unit }) },
      { tenant: other, user: await createUser(t.deps, other, { role: 'adviser', team: otherUnit }) },
    ];
    const clients = [];
    for (const { tenant: home, user } of refused) clients.push({ user, client: await staff(home, user) });
    const before = await tenantDigest(t.deps, tenant.id);
    for (const { user, client } of clients) {
      const page = await client.get(`/enhed/borgerhenvendelser/${id}`);
      expect(page.statusCode, user.role).toBe(404);
      expect(page.body).not.toContain('Hemmeligt indhold 4711');
      const answer = await client.postForm(`/enhed/borgerhenvendelser/${id}/svar`, { version: await version(id), message: 'Ikke tilladt' });
      expect(answer.statusCode, user.role).toBe(404);
      const close = await client.postForm(`/enhed/borgerhenvendelser/${id}/afslut`, { version: await version(id) });
      expect(close.statusCode, user.role).toBe(404);
      const list = await client.get('/enhed/borgerhenvendelser');
      expect(list.body, user.role).not.toContain(id);
    }
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });

  it('answers a conversation that does not exist with the same audited 404 as another team’s', async () => {
    const tenant = await createTenant(t.deps);
    const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
    const otherTeam = await createTeam(t.deps, tenant, { kind: 'child_welfare' });
    await writeAsVisitor(tenant, 'Hej');
    const id = await conversationId(tenant);
    const outsider = await createUser(t.deps, tenant, { role: 'adviser', team: otherTeam });
    const client = await staff(tenant, outsider);
    const missing = randomUUID();
    const answers = [await client.get(`/enhed/borgerhenvendelser/${id}`), await client.get(`/enhed/borgerhenvendelser/${missing}`)];
    expect(answers.map((answer) => answer.statusCode)).toEqual([404, 404]);
    // The same page but for the address itself (in the language links) and the per-response nonce.
    const same = (body: string, address: string) => body.replaceAll(address, 'ID').replace(/nonce="[^"]+"/g, 'nonce');
    expect(same(answers[0].body, id)).toBe(same(answers[1].body, missing));
    const { rows } = await t.db.unsafeOwnerQuery<{ entity_id: string }>(
      "select entity_id from audit_events where tenant_id = $1 and actor_user_id = $2 and outcome = 'denied' and action = 'citizen_conversation.read' order by id",
      [tenant.id, outsider.id]);
    expect(rows.map((row) => row.entity_id)).toEqual([id, missing]);
  });

  it('detects a stale answer, keeps the typed text, and stores nothing', async () => {
    const tenant = await createTenant(t.deps);
    const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
    const first = await staff(tenant, await createUser(t.deps, tenant, { role: 'adviser', team: unit }));
    const second = await staff(tenant, await createUser(t.deps, tenant, { role: 'adviser', team: unit }));
    await writeAsVisitor(tenant, 'Hej');
    const id = await conversationId(tenant);
    const stale = await version(id);
    expect((await first.postForm(`/enhed/borgerhenvendelser/${id}/svar`, { version: stale, message: 'Første svar' })).statusCode).toBe(303);
    const before = await tenantDigest(t.deps, tenant.id);
    const conflict = await second.postForm(`/enhed/borgerhenvendelser/${id}/svar`, { version: stale, message: 'Andet svar, skrevet samtidig' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('Andet svar, skrevet samtidig');
    const empty = await second.postForm(`/enhed/borgerhenvendelser/${id}/svar`, { version: await version(id), message: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });

  it('closes a conversation so the visitor can read but not write', async () => {
    const tenant = await createTenant(t.deps);
    const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
    const client = await staff(tenant, await createUser(t.deps, tenant, { role: 'manager', team: unit }));
    const code = await writeAsVisitor(tenant, 'Kan I hjælpe?', 'en');
    const id = await conversationId(tenant);
    expect((await client.postForm(`/enhed/borgerhenvendelser/${id}/afslut`, { version: await version(id) })).statusCode).toBe(303);
    const read = await visitorPost(tenant, '/hjaelp/en/svar', { code });
    expect(read.body).toContain(CATALOGS.en.messages['read.closed']);
    const reply = await visitorPost(tenant, '/hjaelp/en/svar/skriv', { code, message: 'Hallo?' });
    expect(reply.statusCode).toBe(409);
    const { rows } = await t.db.unsafeOwnerQuery<{ count: number }>('select count(*)::int as count from citizen_messages where conversation_id = $1', [id]);
    expect(rows[0].count).toBe(1);
  });

  it('turns a conversation into an anonymous inquiry from the citizen site', async () => {
    const tenant = await createTenant(t.deps);
    const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
    const client = await staff(tenant, await createUser(t.deps, tenant, { role: 'adviser', team: unit }));
    await writeAsVisitor(tenant, 'Min familie vil sende mig til udlandet i sommerferien.');
    const id = await conversationId(tenant);
    const detail = await client.getPage(`/enhed/borgerhenvendelser/${id}`);
    expect(detail.body).toContain('name="description"');
    const converted = await client.postForm(`/enhed/borgerhenvendelser/${id}/henvendelse`, { version: await version(id), description: 'Ung frygter at blive sendt til udlandet i sommerferien.' });
    expect(converted.statusCode).toBe(303);
    const { rows } = await t.db.unsafeOwnerQuery<{ kind: string; source_sector: string; team_id: string }>(
      'select i.kind, i.source_sector, i.team_id::text from inquiries i join citizen_conversations c on c.inquiry_id = i.id where c.id = $1',
      [id],
    );
    expect(rows).toEqual([{ kind: 'citizen', source_sector: 'citizen_site', team_id: unit.id }]);
    const again = await client.postForm(`/enhed/borgerhenvendelser/${id}/henvendelse`, { version: await version(id), description: 'Igen' });
    expect(again.statusCode).toBe(409);
  });
});

describe('the content editor', () => {
  it('changes the public site only when a draft is published, and keeps every version', async () => {
    const tenant = await createTenant(t.deps);
    await createTeam(t.deps, tenant, { kind: 'unit' });
    const admin = await createUser(t.deps, tenant, { role: 'admin' });
    const client = await staff(tenant, admin);
    const publicHelp = () => t.app.inject({ url: '/hjaelp/da/find-hjaelp', headers: { host: tenant.host } });

    await client.getPage('/admin/borgersite');
    expect((await client.postForm('/admin/borgersite/kladde', {})).statusCode).toBe(303);
    const { rows } = await t.db.unsafeOwnerQuery<{ version: number }>("select version from citizen_site_revisions where tenant_id = $1 and status = 'draft'", [tenant.id]);
    const saved = await client.postForm('/admin/borgersite/kontakt', { version: String(rows[0].version), name: 'NSK-enheden', phone: '65 51 23 45', email: '', address: '', 'hours.da': 'Hverdage 9–15' });
    expect(saved.statusCode).toBe(303);

    const preview = await client.get('/admin/borgersite/forhaandsvisning/da/help');
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('65 51 23 45');
    expect(preview.body).toContain('dir="ltr"');
    expect((await publicHelp()).body).not.toContain('65 51 23 45');

    const draft = await t.db.unsafeOwnerQuery<{ version: number }>("select version from citizen_site_revisions where tenant_id = $1 and status = 'draft'", [tenant.id]);
    expect((await client.postForm('/admin/borgersite/offentliggoer', { version: String(draft.rows[0].version) })).statusCode).toBe(303);
    const live = await publicHelp();
    expect(live.body).toContain('65 51 23 45');
    expect(live.body).toContain('Hverdage 9–15');

    const overview = await client.getPage('/admin/borgersite');
    expect(overview.body).toContain(t.deps && 'العربية');
    const revisions = await t.db.unsafeOwnerQuery<{ revision: number; status: string }>('select revision, status from citizen_site_revisions where tenant_id = $1 order by revision', [tenant.id]);
    expect(revisions.rows).toEqual([{ revision: 1, status: 'published' }]);
  });

  it('refuses bad input and stale drafts with a clear message and changes nothing', async () => {
    const tenant = await createTenant(t.deps);
    const admin = await createUser(t.deps, tenant, { role: 'admin' });
    const client = await staff(tenant, admin);
    await client.getPage('/admin/borgersite');
    await client.postForm('/admin/borgersite/kladde', {});
    const { rows } = await t.db.unsafeOwnerQuery<{ version: number }>("select version from citizen_site_revisions where tenant_id = $1 and status = 'draft'", [tenant.id]);
    const current = String(rows[0].version);
    const before = await tenantDigest(t.deps, tenant.id);
    const badUrl = await client.postForm('/admin/borgersite/indstillinger', { version: current, pageTitle: 'Information', exitUrl: 'javascript:alert(1)', retentionDays: '30' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.body).toContain('Skriv en adresse, der starter med https://.');
    const badDays = await client.postForm('/admin/borgersite/indstillinger', { version: current, pageTitle: 'Information', exitUrl: 'https://www.dmi.dk/', retentionDays: '0' });
    expect(badDays.statusCode).toBe(400);
    const badPhone = await client.postForm('/admin/borgersite/hjaelpeliste/ny', { version: current, id: 'ny', name: 'Nyt sted', phone: 'ring til mig', 'description.da': 'x' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.body).toContain('Skriv kun tal og mellemrum');
    const duplicate = await client.postForm('/admin/borgersite/hjaelpeliste/ny', { version: current, id: 'alarm-112', name: 'Dublet', 'description.da': 'x' });
    expect(duplicate.statusCode).toBe(400);
    expect((await client.get('/admin/borgersite/hjaelpeliste/findes-ikke')).statusCode).toBe(404);
    expect((await client.postForm('/admin/borgersite/hjaelpeliste/findes-ikke/fjern', { version: current })).statusCode).toBe(404);
    const stale = await client.postForm('/admin/borgersite/indstillinger', { version: String(Number(current) - 1 || 99), pageTitle: 'Ny titel', exitUrl: 'https://www.dmi.dk/', retentionDays: '30' });
    expect(stale.statusCode).toBe(409);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });

  it('says at the form that the help list is full, rather than a bare "at most 40"', async () => {
    const tenant = await createTenant(t.deps);
    await createTeam(t.deps, tenant, { kind: 'unit' });
    const client = await staff(tenant, await createUser(t.deps, tenant, { role: 'admin' }));
    await client.getPage('/admin/borgersite');
    await client.postForm('/admin/borgersite/kladde', {});
    const { rows } = await t.db.unsafeOwnerQuery<{ version: number; document: { directory: Record<string, unknown>[] } }>(
      "select version, document from citizen_site_revisions where tenant_id = $1 and status = 'draft'", [tenant.id]);
    const template = rows[0].document.directory[0];
    const full = Array.from({ length: 40 }, (_, i) => ({ ...template, id: `sted-${i}` }));
    await t.db.unsafeOwnerQuery("update citizen_site_revisions set document = jsonb_set(document, '{directory}', $2::jsonb) where tenant_id = $1 and status = 'draft'", [tenant.id, JSON.stringify(full)]);
    const before = await tenantDigest(t.deps, tenant.id);
    const more = await client.postForm('/admin/borgersite/hjaelpeliste/ny', { version: String(rows[0].version), id: 'ny', name: 'Nyt sted', 'description.da': 'x' });
    expect(more.statusCode).toBe(400);
    expect(more.body).toContain('Hjælpelisten har allerede 40 punkter, det højeste antal.');
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });

  it('applies a shorter retention period to open conversations when published', async () => {
    const tenant = await createTenant(t.deps);
    await createTeam(t.deps, tenant, { kind: 'unit' });
    const client = await staff(tenant, await createUser(t.deps, tenant, { role: 'admin' }));
    await writeAsVisitor(tenant, 'Hej');
    await client.getPage('/admin/borgersite');
    await client.postForm('/admin/borgersite/kladde', {});
    const draft = async () => String((await t.db.unsafeOwnerQuery<{ version: number }>("select version from citizen_site_revisions where tenant_id = $1 and status = 'draft'", [tenant.id])).rows[0].version);
    expect((await client.postForm('/admin/borgersite/indstillinger', { version: await draft(), pageTitle: 'Vejret', exitUrl: 'https://www.dmi.dk/', retentionDays: '7' })).statusCode).toBe(303);
    expect((await client.postForm('/admin/borgersite/offentliggoer', { version: await draft() })).statusCode).toBe(303);
    const { rows } = await t.db.unsafeOwnerQuery<{ days: number }>(
      'select round(extract(epoch from expires_at - last_activity_at) / 86400)::int as days from citizen_conversations where tenant_id = $1',
      [tenant.id],
    );
    expect(rows).toEqual([{ days: 7 }]);
    const page = await t.app.inject({ url: '/hjaelp/da/', headers: { host: tenant.host } });
    expect(page.body).toContain('<title>Vejret</title>');
  });

  it('is closed to advisers', async () => {
    const tenant = await createTenant(t.deps);
    const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
    const client = await staff(tenant, await createUser(t.deps, tenant, { role: 'adviser', team: unit }));
    expect((await client.get('/admin/borgersite')).statusCode).toBe(404);
    expect((await client.postForm('/admin/borgersite/kladde', {})).statusCode).toBe(404);
    const { rows } = await t.db.unsafeOwnerQuery<{ count: number }>('select count(*)::int as count from citizen_site_revisions where tenant_id = $1', [tenant.id]);
    expect(rows[0].count).toBe(0);
  });
});
