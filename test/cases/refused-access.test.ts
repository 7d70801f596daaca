/**
 * Refused access for every case-flow route: a professional, a partner, another team's
 * caseworker, another municipality's adviser, and (for a protected person's case) a colleague
 * in the owning team who is not named. Each gets 404, the refusal is audited, and a re-read of
 * the database proves nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTeam, createTenant, createUser, tenantDigest } from '../support/factories.js';
import { childConcern, clientFor, makeWorld, type World } from './world.js';

let t: TestApp;
let world: World;
const ids: Record<string, string> = {};
let actors: Record<string, TestClient>;

function multipart(filename: string, content: Buffer): { body: Buffer; type: string } {
  const boundary = '----sbtest' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t);
  const [teacher, adviser, adviser2, caseworker, jobworker, partner] = await Promise.all([
    clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.adviser2),
    clientFor(t, world, world.users.caseworker), clientFor(t, world, world.users.jobworker), clientFor(t, world, world.users.partner)]);
  const other = await createTenant(t.deps);
  const otherUnit = await createTeam(t.deps, other, { kind: 'unit' });
  const stranger = TestClient.for(t.app, other);
  await stranger.loginApi(await createUser(t.deps, other, { role: 'adviser', team: otherUnit }));

  // An inquiry shared by the adviser herself (so the teacher is not its reporter), a case with
  // everything on it, a pending transfer and a share to child welfare, and a protected case.
  const inquiry = (await adviser.api('POST', '/api/v1/inquiries', childConcern())).json();
  ids.inquiry = inquiry.id;
  const second = (await adviser.api('POST', '/api/v1/inquiries', childConcern())).json();
  const version = (await adviser.api('GET', `/api/v1/inquiries/${second.id}`)).json().version;
  ids.case = (await adviser.api('POST', `/api/v1/inquiries/${second.id}/case`, { version })).json().caseId;
  const c = `/api/v1/cases/${ids.case}`;
  ids.person = (await adviser.api('POST', `${c}/persons`, { role: 'controller', name: 'Far Test' })).json().id;
  ids.note = (await adviser.api('POST', `${c}/notes`, { body: 'Et notat' })).json().id;
  ids.task = (await adviser.api('POST', `${c}/tasks`, { title: 'Ring', dueDate: new Date(Date.now() + 86_400_000 * 3).toISOString().slice(0, 10) })).json().id;
  ids.doNot = (await adviser.api('POST', `${c}/do-not`, { text: 'Kontakt ikke faren' })).json().id;
  const upload = multipart('notat.txt', Buffer.from('Et bilag i ren tekst.'));
  const uploaded = await adviser.request({ method: 'POST', url: `/sager/${ids.case}/bilag?_csrf=${adviser.csrfToken}`, body: upload.body, headers: { 'content-type': upload.type } });
  expect(uploaded.statusCode, uploaded.body).toBe(303);
  ids.attachment = (await t.db.unsafeOwnerQuery<{ id: string }>('select id from case_attachments where case_id = $1', [ids.case])).rows[0].id;
  const handover = { teamId: world.teams.bur.id, situation: 'S', done: 'D', contacts: 'K', consentStatus: 'given' };
  ids.share = (await adviser.api('POST', `${c}/shares`, { ...handover, access: 'read' })).json().shareId;
  ids.transfer = (await adviser.api('POST', `${c}/transfers`, handover)).json().transferId;
  const third = (await adviser.api('POST', '/api/v1/inquiries', childConcern())).json();
  const v3 = (await adviser.api('GET', `/api/v1/inquiries/${third.id}`)).json().version;
  ids.protectedCase = (await adviser.api('POST', `/api/v1/inquiries/${third.id}/case`, { version: v3 })).json().caseId;
  await adviser.api('POST', `/api/v1/cases/${ids.protectedCase}/persons`, { role: 'relative', name: 'Beskyttet Søster', protection: 'no_fixed_address' });
  void caseworker;
  actors = { professional: teacher, partner, otherTeam: jobworker, otherTenant: stranger, notNamed: adviser2 };
});
afterAll(() => t.close());

type Route = { method: string; url: string; form?: Record<string, string>; json?: unknown; multipart?: boolean };

function routes(caseId: string): Route[] {
  const s = `/sager/${caseId}`;
  const a = `/api/v1/cases/${caseId}`;
  const form = { version: '1' };
  const handover = { teamId: world.teams.job.id, situation: 'S', done: 'D', contacts: 'K', consentStatus: 'given' };
  return [
    { method: 'GET', url: s }, { method: 'GET', url: `${s}/del` }, { method: 'GET', url: `${s}/luk` }, { method: 'GET', url: `${s}/overdragelse` },
    { method: 'GET', url: `${s}/noter/${ids.note}` }, { method: 'GET', url: `${s}/personer/${ids.person}/adresse` }, { method: 'GET', url: `${s}/bilag/${ids.attachment}` },
    { method: 'POST', url: `${s}/overblik`, form: { situation: 'x', consentStatus: 'given', version: '1' } },
    { method: 'POST', url: `${s}/personer`, form: { role: 'relative', name: 'Ny Person', protection: 'none' } },
    { method: 'POST', url: `${s}/relationer`, form: { fromPersonId: ids.person, toPersonId: ids.person, relation: 'father' } },
    { method: 'POST', url: `${s}/risiko`, form: { level: '3', reason: 'x' } },
    { method: 'POST', url: `${s}/noter`, form: { body: 'Indtrængen' } },
    { method: 'POST', url: `${s}/noter/${ids.note}`, form: { body: 'Ændret', version: '1' } },
    { method: 'POST', url: `${s}/opgaver`, form: { title: 'x', dueDate: '2099-01-01' } },
    { method: 'POST', url: `${s}/opgaver/${ids.task}/status`, form: { status: 'done', version: '1' } },
    { method: 'POST', url: `${s}/maa-ikke`, form: { text: 'x' } },
    { method: 'POST', url: `${s}/maa-ikke/${ids.doNot}/fjern`, form },
    { method: 'POST', url: `${s}/navngivne`, form: { userId: world.users.jobworker.id } },
    { method: 'POST', url: `${s}/navngivne/${world.users.adviser.id}/fjern`, form: {} },
    { method: 'POST', url: `${s}/opgaver/${ids.task}/ansvarlig`, form: { ownerUserId: world.users.adviser2.id, version: '1' } },
    { method: 'POST', url: `${s}/boernefaglig/start`, form },
    { method: 'POST', url: `${s}/del`, form: { kind: 'share', ...handover } },
    { method: 'POST', url: `${s}/kvitter`, form: { acknowledged: 'on' } },
    { method: 'POST', url: `${s}/luk`, form: { reason: 'other', outcome: 'x', version: '1' } },
    { method: 'POST', url: `${s}/genaabn`, form: { reason: 'x', version: '1' } },
    { method: 'POST', url: `${s}/delinger/${ids.share}/ophaev`, form },
    { method: 'POST', url: `${s}/delinger/${ids.share}/adgang`, form: { access: 'write', version: '1' } },
    { method: 'GET', url: `${s}/bilag/${ids.attachment}/fjern` },
    { method: 'POST', url: `${s}/bilag/${ids.attachment}/fjern`, form: { reason: 'x' } },
    { method: 'POST', url: `${s}/bilag`, multipart: true },
    { method: 'POST', url: `/overdragelser/${ids.transfer}/accepter`, form: { acknowledged: 'on' } },
    { method: 'POST', url: `/overdragelser/${ids.transfer}/afvis`, form: {} },
    { method: 'POST', url: `/overdragelser/${ids.transfer}/traek-tilbage`, form: {} },
    { method: 'GET', url: a }, { method: 'PUT', url: a, json: { consentStatus: 'given', version: 1 } },
    { method: 'POST', url: `${a}/persons`, json: { role: 'relative', name: 'X' } },
    { method: 'PUT', url: `${a}/persons/${ids.person}`, json: { name: 'X', version: 1 } },
    { method: 'POST', url: `${a}/relations`, json: { fromPersonId: ids.person, toPersonId: ids.person, relation: 'father' } },
    { method: 'POST', url: `${a}/risk-levels`, json: { level: 3, reason: 'x' } },
    { method: 'POST', url: `${a}/notes`, json: { body: 'x' } },
    { method: 'PUT', url: `${a}/notes/${ids.note}`, json: { body: 'x', version: 1 } },
    { method: 'POST', url: `${a}/tasks`, json: { title: 'x', dueDate: '2099-01-01' } },
    { method: 'PUT', url: `${a}/tasks/${ids.task}`, json: { status: 'done', version: 1 } },
    { method: 'POST', url: `${a}/do-not`, json: { text: 'x' } },
    { method: 'POST', url: `${a}/do-not/${ids.doNot}/remove`, json: { version: 1 } },
    { method: 'POST', url: `${a}/named-users`, json: { userId: world.users.jobworker.id } },
    { method: 'POST', url: `${a}/named-users/${world.users.adviser.id}/remove` },
    { method: 'POST', url: `${a}/child-assessment/start`, json: { version: 1 } },
    { method: 'POST', url: `${a}/child-assessment/complete`, json: { version: 1 } },
    { method: 'POST', url: `${a}/shares`, json: handover },
    { method: 'POST', url: `${a}/shares/${ids.share}/revoke`, json: { version: 1 } },
    { method: 'PUT', url: `${a}/shares/${ids.share}`, json: { access: 'write', version: 1 } },
    { method: 'POST', url: `${a}/transfers`, json: handover },
    { method: 'GET', url: `${a}/handover` }, { method: 'POST', url: `${a}/handover/acknowledge`, json: { acknowledged: true } },
    { method: 'POST', url: `${a}/close`, json: { reason: 'other', outcome: 'x', aftercare: false, version: 1 } },
    { method: 'POST', url: `${a}/reopen`, json: { reason: 'x', version: 1 } },
    { method: 'GET', url: `${a}/attachments/${ids.attachment}` }, { method: 'POST', url: `${a}/attachments`, multipart: true },
    { method: 'POST', url: `${a}/attachments/${ids.attachment}/remove`, json: { reason: 'x' } },
    { method: 'POST', url: `/api/v1/transfers/${ids.transfer}/accept`, json: { acknowledged: true } },
    { method: 'POST', url: `/api/v1/transfers/${ids.transfer}/decline` }, { method: 'POST', url: `/api/v1/transfers/${ids.transfer}/withdraw` },
  ];
}

function inquiryRoutes(): Route[] {
  const h = `/henvendelser/${ids.inquiry}`;
  return [
    { method: 'GET', url: h }, { method: 'GET', url: `${h}/kvittering` },
    ...['akutvurdering', 'kvitter', 'opret-sag'].map((action) => ({ method: 'POST', url: `${h}/${action}`, form: { version: '1' } })),
    { method: 'POST', url: `${h}/besvar`, form: { answer: 'x', version: '1' } },
    { method: 'POST', url: `${h}/videresend`, form: { teamId: world.teams.job.id, version: '1' } },
    { method: 'POST', url: `${h}/tilknyt`, form: { caseId: ids.case, version: '1' } },
    { method: 'GET', url: `/api/v1/inquiries/${ids.inquiry}` },
    { method: 'POST', url: `/api/v1/inquiries/${ids.inquiry}/case`, json: { version: 1 } },
    { method: 'POST', url: `/api/v1/inquiries/${ids.inquiry}/answer`, json: { answer: 'x', version: 1 } },
    { method: 'POST', url: `/api/v1/inquiries/${ids.inquiry}/forward`, json: { teamId: world.teams.job.id, version: 1 } },
    { method: 'POST', url: `/api/v1/inquiries/${ids.inquiry}/receipt-confirmation`, json: { version: 1 } },
    { method: 'POST', url: `/api/v1/inquiries/${ids.inquiry}/acute-assessment`, json: { version: 1 } },
    { method: 'POST', url: `/api/v1/inquiries/${ids.inquiry}/link`, json: { caseId: ids.case, version: 1 } },
  ];
}

async function send(client: TestClient, route: Route) {
  if (route.multipart) {
    const upload = multipart('x.txt', Buffer.from('hej'));
    return client.request({ method: 'POST', url: `${route.url}?_csrf=${client.csrfToken}`, body: upload.body, headers: { 'content-type': upload.type } });
  }
  if (route.form) return client.postForm(route.url, route.form);
  if (route.url.startsWith('/api/')) return client.api(route.method, route.url, route.json);
  return client.request({ method: route.method, url: route.url });
}

async function deniedCount(): Promise<number> {
  const { rows } = await t.db.unsafeOwnerQuery<{ n: number }>(`select count(*)::int as n from audit_events where outcome = 'denied'`);
  return rows[0].n;
}

describe('refused access to cases and inquiries', () => {
  for (const actor of ['professional', 'partner', 'otherTeam', 'otherTenant'] as const) {
    it(`${actor}: every case and inquiry route answers 404, is audited and changes nothing`, async () => {
      const client = actors[actor];
      const before = await tenantDigest(t.deps, world.tenant.id);
      const deniedBefore = await deniedCount();
      const all = [...routes(ids.case), ...inquiryRoutes()];
      for (const route of all) {
        const response = await send(client, route);
        expect(response.statusCode, `${actor} ${route.method} ${route.url}: ${response.body.slice(0, 300)}`).toBe(404);
      }
      expect(await tenantDigest(t.deps, world.tenant.id)).toBe(before);
      expect(await deniedCount() - deniedBefore).toBeGreaterThanOrEqual(all.length);
    });
  }

  it("a colleague who is not named gets 404 on every route of a protected person's case", async () => {
    const before = await tenantDigest(t.deps, world.tenant.id);
    for (const route of routes(ids.protectedCase).filter((route) => !route.url.includes('/overdragelser/') && !route.url.includes('/api/v1/transfers/'))) {
      const response = await send(actors.notNamed, route);
      expect(response.statusCode, `${route.method} ${route.url}: ${response.body.slice(0, 300)}`).toBe(404);
    }
    expect(await tenantDigest(t.deps, world.tenant.id)).toBe(before);
  });

  it('the lists show nothing of the case to those outside, and the search finds nothing', async () => {
    for (const actor of ['otherTeam', 'otherTenant', 'notNamed'] as const) {
      const client = actors[actor];
      const cases = (await client.api('GET', '/api/v1/cases?status=all')).json().cases as { id: string }[];
      expect(cases.map((c) => c.id)).not.toContain(ids.protectedCase);
      if (actor !== 'notNamed') expect(cases.map((c) => c.id)).not.toContain(ids.case);
      expect((await client.api('GET', '/api/v1/search?q=testpige')).json().hits.filter((hit: { id: string }) => hit.id === ids.protectedCase || (actor !== 'notNamed' && hit.id === ids.case))).toEqual([]);
    }
    for (const actor of ['professional', 'partner'] as const) {
      expect((await actors[actor].api('GET', '/api/v1/cases')).statusCode).toBe(404);
      expect((await actors[actor].api('GET', '/api/v1/search?q=testpige')).statusCode).toBe(404);
      expect((await actors[actor].get('/sager')).statusCode).toBe(404);
      expect((await actors[actor].get('/henvendelser')).statusCode).toBe(404);
    }
  });
});
