/**
 * The unit inbox when colleagues act at the same time: an answer sent after a colleague closed
 * the conversation is refused with a clear message and the typed text shown back to copy; a
 * close or reopen that comes too late says so; version numbers beyond what the database holds
 * are field errors, never a server error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTeam, createTenant, createUser, tenantDigest, type TestTenant, type TestUser } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function writeAsVisitor(tenant: TestTenant, message: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST', url: '/hjaelp/da/skriv', payload: new URLSearchParams({ message }).toString(), remoteAddress: '10.78.0.1',
    headers: { host: tenant.host, 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(response.statusCode).toBe(200);
  const { rows } = await t.db.unsafeOwnerQuery<{ id: string }>('select id::text from citizen_conversations where tenant_id = $1 order by created_at desc limit 1', [tenant.id]);
  return rows[0].id;
}

async function staff(tenant: TestTenant, user: TestUser): Promise<TestClient> {
  const client = new TestClient(t.app, tenant.host);
  expect((await client.loginForm(user)).statusCode).toBe(303);
  return client;
}

async function version(id: string): Promise<string> {
  const { rows } = await t.db.unsafeOwnerQuery<{ version: number }>('select version from citizen_conversations where id = $1', [id]);
  return String(rows[0].version);
}

async function setup() {
  const tenant = await createTenant(t.deps);
  const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
  const first = await staff(tenant, await createUser(t.deps, tenant, { role: 'adviser', team: unit }));
  const second = await staff(tenant, await createUser(t.deps, tenant, { role: 'adviser', team: unit }));
  const id = await writeAsVisitor(tenant, 'Hej, kan I hjælpe mig?');
  return { tenant, first, second, id };
}

describe('answering a conversation a colleague has closed', () => {
  it('explains what happened and shows the typed text to copy, storing nothing', async () => {
    const { tenant, first, second, id } = await setup();
    const page = await second.getPage(`/enhed/borgerhenvendelser/${id}`);
    const stale = /name="version" value="(\d+)"/.exec(page.body)![1];
    await first.getPage(`/enhed/borgerhenvendelser/${id}`);
    expect((await first.postForm(`/enhed/borgerhenvendelser/${id}/afslut`, { version: stale })).statusCode).toBe(303);
    const before = await tenantDigest(t.deps, tenant.id);
    const typed = 'Et langt svar <med> tegn & linjeskift,\nsom jeg har brugt tid på at skrive.';
    for (const sentVersion of [stale, await version(id)]) {
      const refused = await second.postForm(`/enhed/borgerhenvendelser/${id}/svar`, { version: sentVersion, message: typed });
      expect(refused.statusCode, sentVersion).toBe(409);
      expect(refused.body).toContain('error-summary');
      expect(refused.body).toContain('Samtalen er blevet afsluttet af en kollega, mens du skrev. Dit svar er ikke sendt.');
      const shown = /<textarea[^>]*readonly[^>]*>([^<]*)<\/textarea>/.exec(refused.body)?.[1];
      expect(shown?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(typed);
    }
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);

    second.cookies.set('sb_lang', 'en');
    const english = await second.postForm(`/enhed/borgerhenvendelser/${id}/svar`, { version: await version(id), message: typed });
    expect(english.statusCode).toBe(409);
    expect(english.body).toContain('A colleague closed the conversation while you were writing. Your reply was not sent.');
  });

  it('says so when closing or reopening comes too late', async () => {
    const { first, second, id } = await setup();
    const page = await second.getPage(`/enhed/borgerhenvendelser/${id}`);
    const stale = /name="version" value="(\d+)"/.exec(page.body)![1];
    await first.getPage(`/enhed/borgerhenvendelser/${id}`);
    expect((await first.postForm(`/enhed/borgerhenvendelser/${id}/afslut`, { version: stale })).statusCode).toBe(303);
    const lateClose = await second.postForm(`/enhed/borgerhenvendelser/${id}/afslut`, { version: stale });
    expect(lateClose.statusCode).toBe(409);
    expect(lateClose.body).toContain('error-summary');
    expect(lateClose.body).toContain('Samtalen er allerede blevet afsluttet af en kollega.');
    const closedVersion = await version(id);
    expect((await first.postForm(`/enhed/borgerhenvendelser/${id}/genaabn`, { version: closedVersion })).statusCode).toBe(303);
    expect((await first.postForm(`/enhed/borgerhenvendelser/${id}/afslut`, { version: await version(id) })).statusCode).toBe(303);
    const lateReopen = await second.postForm(`/enhed/borgerhenvendelser/${id}/genaabn`, { version: closedVersion });
    expect(lateReopen.statusCode).toBe(409);
    expect(lateReopen.body).toContain('error-summary');
    expect(lateReopen.body).toContain('En anden har ændret dette, mens du arbejdede.');
    expect((await first.postForm(`/enhed/borgerhenvendelser/${id}/genaabn`, { version: await version(id) })).statusCode).toBe(303);
    const alreadyOpen = await second.postForm(`/enhed/borgerhenvendelser/${id}/genaabn`, { version: await version(id) });
    expect(alreadyOpen.statusCode).toBe(409);
    expect(alreadyOpen.body).toContain('Samtalen er allerede blevet genåbnet af en kollega.');
  });
});

describe('version numbers beyond what the database holds', () => {
  it('are field errors on the answer and convert forms, keeping the typed text', async () => {
    const { tenant, first, id } = await setup();
    await first.getPage(`/enhed/borgerhenvendelser/${id}`);
    const before = await tenantDigest(t.deps, tenant.id);
    for (const big of ['99999999999', '99999999999999999999']) {
      const answer = await first.postForm(`/enhed/borgerhenvendelser/${id}/svar`, { version: big, message: 'Mit svar, der skal blive stående' });
      expect(answer.statusCode, big).toBe(400);
      expect(answer.body, big).toContain('Må højst være 2147483647.');
      expect(answer.body, big).toContain('Mit svar, der skal blive stående');
      const convert = await first.postForm(`/enhed/borgerhenvendelser/${id}/henvendelse`, { version: big, description: 'Min beskrivelse, der skal blive stående' });
      expect(convert.statusCode, big).toBe(400);
      expect(convert.body, big).toContain('Min beskrivelse, der skal blive stående');
      const close = await first.postForm(`/enhed/borgerhenvendelser/${id}/afslut`, { version: big });
      expect(close.statusCode, big).toBe(400);
      expect(close.body, big).toContain('Må højst være 2147483647.');
    }
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });

  it('are refused in the content editor without a server error', async () => {
    const tenant = await createTenant(t.deps);
    const admin = await staff(tenant, await createUser(t.deps, tenant, { role: 'admin' }));
    await admin.getPage('/admin/borgersite');
    expect((await admin.postForm('/admin/borgersite/kladde', {})).statusCode).toBe(303);
    await admin.getPage('/admin/borgersite');
    const before = await tenantDigest(t.deps, tenant.id);
    const unit = await admin.postForm('/admin/borgersite/kontakt', { version: '99999999999', name: 'NSK-enheden, skal blive stående', phone: '', email: '', address: '' });
    expect(unit.statusCode).toBe(400);
    expect(unit.body).toContain('NSK-enheden, skal blive stående');
    expect(unit.body).toContain('Må højst være 2147483647.');
    expect((await admin.postForm('/admin/borgersite/kladde', { version: '99999999999' })).statusCode).toBe(400);
    expect((await admin.postForm('/admin/borgersite/offentliggoer', { version: '99999999999' })).statusCode).toBe(400);
    expect((await admin.postForm('/admin/borgersite/gendan/99999999999', {})).statusCode).toBe(404);
    expect((await admin.postForm('/admin/borgersite/gendan/1', { version: '99999999999' })).statusCode).toBe(400);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });
});
