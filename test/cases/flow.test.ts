/**
 * The case flow end to end through the JSON API on the real database: sharing a concern,
 * clocks, triage, case work, protected persons, handover (share and transfer), closing with
 * aftercare, reopening, search, concurrency and what the reporter may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createTenant, createTeam, createUser, tenantDigest } from '../support/factories.js';
import { childConcern, clientFor, makeWorld, type World } from './world.js';
import type { TestClient } from '../support/client.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { if (process.env.SHOW_ERRORS) console.log(t.logLines.filter((line) => line.includes('request failed')).join('\n')); await t.close(); });

async function owner<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await t.db.unsafeOwnerQuery<Row>(sql, params)).rows;
}

async function share(client: TestClient, body = childConcern()) {
  const response = await client.api('POST', '/api/v1/inquiries', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; reference: string; acute: boolean; repeat?: boolean; kind: string };
}

async function openCase(adviser: TestClient, inquiryId: string): Promise<string> {
  const inquiry = (await adviser.api('GET', `/api/v1/inquiries/${inquiryId}`)).json();
  const response = await adviser.api('POST', `/api/v1/inquiries/${inquiryId}/case`, { version: inquiry.version });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().caseId;
}

describe('sharing a concern and the reporter’s view', () => {
  let world: World;
  let teacher: TestClient;
  let adviser: TestClient;
  beforeAll(async () => {
    world = await makeWorld(t);
    [teacher, adviser] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser)]);
  });

  it('starts the 24-hour and the 6-working-day clocks for a concern about a child, and shows the reporter only the status', async () => {
    const created = await share(teacher);
    expect(created.reference).toMatch(/^H-\d{4}-\d{5}$/);
    expect(created.kind).toBe('concern');
    const clocks = await owner<{ rule_key: string; hours: number }>(
      `select rule_key, extract(epoch from due_at - started_at) / 3600 as hours from clocks where inquiry_id = $1 order by rule_key`, [created.id]);
    expect(clocks.map((clock) => clock.rule_key)).toEqual(['clock.acute_assessment', 'clock.receipt_confirmation']);
    expect(Number(clocks[0].hours)).toBe(24);
    const status = await teacher.api('GET', `/api/v1/inquiries/${created.id}`);
    expect(status.statusCode).toBe(200);
    expect(Object.keys(status.json()).sort()).toEqual(['closedAt', 'handledAt', 'id', 'receiptConfirmedAt', 'receivedAt', 'reference', 'status', 'view']);
    expect(status.body).not.toContain('Æblerød');
    expect(status.body).not.toContain('lejrskolen');
    const full = await adviser.api('GET', `/api/v1/inquiries/${created.id}`);
    expect(full.json().view).toBe('full');
    expect(full.json().identity.name).toBe('Testpige Æblerød');
    expect(full.json().identity.cpr).toBe('1503124321');
  });

  it('stores the CPR number encrypted with a keyed hash and a pseudonymous person key, never in the clear', async () => {
    const created = await share(teacher);
    const [row] = await owner<Record<string, unknown>>('select * from inquiries where id = $1', [created.id]);
    const dump = JSON.stringify(row);
    expect(dump).not.toContain('1503124321');
    expect(dump).not.toContain('Æblerød');
    expect(dump).not.toContain('lejrskolen');
    expect(row.cpr_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.person_key).toMatch(/^[0-9a-f]{64}$/);
    expect(row.person_key).not.toBe(row.cpr_hash);
    expect(row.source_sector).toBe('school');
    const logs = t.logLines.join('\n');
    expect(logs).not.toContain('1503124321');
    expect(logs).not.toContain('Æblerød');
  });

  it('marks red flags acute, puts them first in the inbox and flags a repeat within 12 months', async () => {
    const world2 = await makeWorld(t);
    const [teacher2, adviser2] = await Promise.all([clientFor(t, world2, world2.users.teacher), clientFor(t, world2, world2.users.adviser)]);
    const first = await share(teacher2);
    const anonymous = await share(teacher2, { ageGroup: 'young_adult', sourceSector: 'school', description: 'Anonymt spørgsmål om en ung kvinde.' });
    const acute = await share(teacher2, childConcern({ redFlags: ['travel_abroad'], identity: { name: 'Anden Pige', cpr: '0101104444' } }));
    const repeat = await share(teacher2);
    expect(anonymous.kind).toBe('consultation');
    expect(acute.acute).toBe(true);
    // The reporter is never told whether someone reported the person before (anyone may
    // report, so that would tell any reporter about other teams' inquiries); the unit is.
    expect(first.repeat).toBeUndefined();
    expect(repeat.repeat).toBeUndefined();
    const inbox = (await adviser2.api('GET', '/api/v1/inquiries?scope=inbox')).json().inbox as { id: string; acute: boolean; repeat: boolean }[];
    expect(inbox[0].id).toBe(acute.id);
    expect(inbox.find((item) => item.id === first.id)!.repeat).toBe(false);
    expect(inbox.find((item) => item.id === repeat.id)!.repeat).toBe(true);
    const view = (await adviser2.api('GET', `/api/v1/inquiries/${repeat.id}`)).json();
    expect(view.repeatOf.id).toBe(first.id);
    expect(view.repeatOf.reference).toBe(first.reference);
    expect((await owner('select 1 from clocks where inquiry_id = $1', [anonymous.id])).length).toBe(0);
  });

  it('answers a consultation and closes it; the reporter sees "closed" and the confirmed receipt', async () => {
    const consultation = await share(teacher, { ageGroup: 'adult', sourceSector: 'school', description: 'Hvordan taler jeg med en mor om kontrol?' });
    const concern = await share(teacher);
    let view = (await adviser.api('GET', `/api/v1/inquiries/${consultation.id}`)).json();
    expect((await adviser.api('POST', `/api/v1/inquiries/${consultation.id}/answer`, { answer: 'Tal med hende alene.', version: view.version })).statusCode).toBe(200);
    expect((await teacher.api('GET', `/api/v1/inquiries/${consultation.id}`)).json().status).toBe('closed');
    view = (await adviser.api('GET', `/api/v1/inquiries/${concern.id}`)).json();
    expect((await adviser.api('POST', `/api/v1/inquiries/${concern.id}/receipt-confirmation`, { version: view.version })).statusCode).toBe(200);
    const status = (await teacher.api('GET', `/api/v1/inquiries/${concern.id}`)).json();
    expect(status.receiptConfirmedAt).not.toBeNull();
    const clocks = (await adviser.api('GET', `/api/v1/inquiries/${concern.id}`)).json().clocks as { ruleKey: string; state: string }[];
    expect(clocks.find((clock) => clock.ruleKey === 'clock.receipt_confirmation')!.state).toBe('met');
    expect(clocks.find((clock) => clock.ruleKey === 'clock.acute_assessment')!.state).toBe('running');
  });

  it('lists overdue clocks on the deadlines list', async () => {
    const created = await share(teacher);
    await t.db.unsafeOwnerQuery(`update clocks set due_at = now() - interval '1 hour' where inquiry_id = $1 and rule_key = 'clock.acute_assessment'`, [created.id]);
    const deadlines = (await adviser.api('GET', '/api/v1/deadlines')).json().deadlines as { inquiryId: string; overdue: boolean }[];
    expect(deadlines.find((item) => item.inquiryId === created.id)?.overdue).toBe(true);
    const page = await adviser.get('/frister');
    expect(page.body).toContain(created.reference);
  });
});

describe('triage, case work and handover', () => {
  it('opens a case, links a repeat, forwards, and works the case', async () => {
    const world = await makeWorld(t);
    const [teacher, adviser, caseworker] = await Promise.all([
      clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.caseworker)]);
    const first = await share(teacher);
    const caseId = await openCase(adviser, first.id);
    const second = await share(teacher);
    let view = (await adviser.api('GET', `/api/v1/inquiries/${second.id}`)).json();
    expect((await adviser.api('POST', `/api/v1/inquiries/${second.id}/link`, { caseId, version: view.version })).statusCode).toBe(200);
    const third = await share(teacher, childConcern({ identity: { name: 'Tredje Barn', cpr: '0202113333' } }));
    view = (await adviser.api('GET', `/api/v1/inquiries/${third.id}`)).json();
    expect((await adviser.api('POST', `/api/v1/inquiries/${third.id}/forward`, { teamId: world.teams.bur.id, version: view.version })).statusCode).toBe(200);
    expect((await adviser.api('GET', `/api/v1/inquiries/${third.id}`)).statusCode).toBe(404);
    const burInbox = (await caseworker.api('GET', '/api/v1/inquiries?scope=inbox')).json().inbox as { id: string }[];
    expect(burInbox.map((item) => item.id)).toContain(third.id);
    expect((await teacher.api('GET', `/api/v1/inquiries/${third.id}`)).json().status).toBe('being_handled');

    let detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail.persons[0]).toMatchObject({ role: 'subject', name: 'Testpige Æblerød', cpr: '1503124321' });
    expect(detail.inquiries.map((inquiry: { id: string }) => inquiry.id).sort()).toEqual([first.id, second.id].sort());
    const father = (await adviser.api('POST', `/api/v1/cases/${caseId}/persons`, { role: 'controller', name: 'Far Æblerød', address: 'Testvej 1' })).json().id;
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/relations`, { fromPersonId: father, toPersonId: detail.persons[0].id, relation: 'father', controls: true })).statusCode).toBe(201);
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/risk-levels`, { level: 1, reason: 'Første vurdering' })).statusCode).toBe(201);
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/risk-levels`, { level: 2, reason: 'Faren overvåger telefonen' })).statusCode).toBe(201);
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/notes`, { body: 'Samtale med pigen på skolen i dag.' })).statusCode).toBe(201);
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/do-not`, { text: 'Kontakt ikke faren' })).statusCode).toBe(201);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/tasks`, { title: 'Ring til skolen', dueDate: tomorrow })).statusCode).toBe(201);
    detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail.riskLevel).toBe(2);
    expect(detail.riskHistory.map((risk: { level: number }) => risk.level)).toEqual([2, 1]);
    expect(detail.relations[0]).toMatchObject({ relation: 'father', controls: true });
    expect(detail.doNot.map((item: { text: string }) => item.text)).toEqual(['Kontakt ikke faren']);
    expect(detail.timeline.length).toBeGreaterThanOrEqual(8);
    const notes = await owner<{ body_enc: string }>('select body_enc from case_notes where case_id = $1', [caseId]);
    expect(notes[0].body_enc).not.toContain('Samtale');
    expect((await owner('select 1 from audit_events where action = $1 and entity_id = $2 and person_id is not null', ['case.read', caseId])).length).toBeGreaterThan(0);
    const page = await adviser.get(`/sager/${caseId}`);
    expect(page.body.indexOf('Kontakt ikke faren')).toBeLessThan(page.body.indexOf('Samtale med pigen'));
  });

  it('transfers to child welfare: the receiver reads the summary first, accepts once, and the unit loses access', async () => {
    const world = await makeWorld(t);
    const [teacher, adviser, caseworker, partner, jobworker] = await Promise.all([
      clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.caseworker),
      clientFor(t, world, world.users.partner), clientFor(t, world, world.users.jobworker)]);
    const inquiry = await share(teacher);
    const caseId = await openCase(adviser, inquiry.id);
    await adviser.api('POST', `/api/v1/cases/${caseId}/do-not`, { text: 'Brug ikke familien som tolke' });
    await adviser.api('POST', `/api/v1/cases/${caseId}/risk-levels`, { level: 2, reason: 'Kontrol af kæresteforhold' });
    expect((await caseworker.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    const handover = { teamId: world.teams.bur.id, situation: 'Pigen er 13 og må ikke se veninder.', done: 'Samtale på skolen.', contacts: 'Klasselæreren.', consentStatus: 'given' };
    const transfer = await adviser.api('POST', `/api/v1/cases/${caseId}/transfers`, handover);
    expect(transfer.statusCode, transfer.body).toBe(201);
    const transferId = transfer.json().transferId;
    expect((await caseworker.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(409);
    const summary = (await caseworker.api('GET', `/api/v1/cases/${caseId}/handover`)).json();
    expect(summary.handover).toMatchObject({ situation: handover.situation, riskLevel: 2, doNot: ['Brug ikke familien som tolke'], consentStatus: 'given' });
    expect(summary.transferId).toBe(transferId);
    expect((await jobworker.api('POST', `/api/v1/transfers/${transferId}/accept`, { acknowledged: true })).statusCode).toBe(404);
    expect((await partner.api('POST', `/api/v1/transfers/${transferId}/accept`, { acknowledged: true })).statusCode).toBe(404);
    expect((await caseworker.api('POST', `/api/v1/transfers/${transferId}/accept`, { acknowledged: false })).statusCode).toBe(400);
    const accepted = await caseworker.api('POST', `/api/v1/transfers/${transferId}/accept`, { acknowledged: true });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const before = await tenantDigest(t.deps, world.tenant.id);
    const twice = await caseworker.api('POST', `/api/v1/transfers/${transferId}/accept`, { acknowledged: true });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields[0].message).toBe('Overdragelsen er allerede accepteret.');
    expect(await tenantDigest(t.deps, world.tenant.id)).toBe(before);
    const detail = (await caseworker.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail.ownerTeamId).toBe(world.teams.bur.id);
    expect(detail.timeline.map((event: { kind: string }) => event.kind)).toContain('case.opened');
    expect((await adviser.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await teacher.api('GET', `/api/v1/inquiries/${inquiry.id}`)).json().status).toBe('being_handled');
    // A colleague in child welfare who did not accept must acknowledge first.
    const colleague = await createUser(t.deps, world.tenant, { role: 'caseworker', team: world.teams.bur });
    const colleagueClient = await clientFor(t, world, colleague);
    expect((await colleagueClient.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(409);
    expect((await colleagueClient.get(`/sager/${caseId}`)).headers.location).toBe(`/sager/${caseId}/overdragelse`);
    expect((await colleagueClient.api('POST', `/api/v1/cases/${caseId}/handover/acknowledge`, { acknowledged: true })).statusCode).toBe(200);
    expect((await colleagueClient.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(200);
  });

  it('shares read-only with the job centre, which must acknowledge, cannot write, and loses access on revoke', async () => {
    const world = await makeWorld(t);
    const [teacher, adviser, jobworker] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.jobworker)]);
    const caseId = await openCase(adviser, (await share(teacher)).id);
    const shared = await adviser.api('POST', `/api/v1/cases/${caseId}/shares`, { teamId: world.teams.job.id, access: 'read', situation: 'S', done: 'D', contacts: 'C', consentStatus: 'given' });
    expect(shared.statusCode, shared.body).toBe(201);
    expect((await jobworker.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(409);
    await jobworker.api('POST', `/api/v1/cases/${caseId}/handover/acknowledge`, { acknowledged: true });
    expect((await jobworker.api('GET', `/api/v1/cases/${caseId}`)).json().access).toBe('read');
    expect((await jobworker.api('POST', `/api/v1/cases/${caseId}/notes`, { body: 'x' })).statusCode).toBe(404);
    const detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/shares/${detail.shares[0].id}/revoke`, { version: detail.shares[0].version })).statusCode).toBe(200);
    expect((await jobworker.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('limits a protected person’s case to named users and hides the address', async () => {
    const world = await makeWorld(t);
    const [teacher, adviser, adviser2] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.adviser2)]);
    const caseId = await openCase(adviser, (await share(teacher)).id);
    expect((await adviser2.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    const person = await adviser.api('POST', `/api/v1/cases/${caseId}/persons`, { role: 'relative', name: 'Skjult Moster', address: 'Hemmelig Allé 7', protection: 'address_protection' });
    expect(person.statusCode, person.body).toBe(201);
    expect((await adviser2.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await adviser2.api('GET', `/api/v1/search?q=moster`)).json().hits).toEqual([]);
    const detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail.protected).toBe(true);
    expect(detail.body ?? JSON.stringify(detail)).not.toContain('Hemmelig');
    expect(detail.persons.find((p: { name: string }) => p.name === 'Skjult Moster').addressHidden).toBe(true);
    const reveal = await adviser.get(`/sager/${caseId}/personer/${person.json().id}/adresse`);
    expect(reveal.body).toContain('Hemmelig Allé 7');
    expect((await owner('select 1 from audit_events where action = $1 and entity_id = $2', ['case.person.address_read', person.json().id])).length).toBe(1);
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/named-users`, { userId: world.users.adviser2.id })).statusCode).toBe(200);
    expect((await adviser2.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(200);
  });
});

describe('closing, aftercare and reopening', () => {
  it('closes with aftercare tasks at 1, 3, 6 and 12 months, and reopens', async () => {
    const world = await makeWorld(t);
    const [teacher, adviser] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser)]);
    const inquiry = await share(teacher);
    const caseId = await openCase(adviser, inquiry.id);
    let detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/close`, { reason: 'goal_reached', outcome: 'Pigen går i klub igen.', aftercare: true, version: detail.version })).json()).toEqual({ aftercareTasks: 4 });
    detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail.status).toBe('closed');
    const aftercare = detail.tasks.filter((task: { source: string }) => task.source === 'aftercare').map((task: { dueDate: string }) => task.dueDate).sort();
    const months = (n: number) => { const d = new Date(); const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)); return target.toISOString().slice(0, 7); };
    expect(aftercare.map((date: string) => date.slice(0, 7))).toEqual([1, 3, 6, 12].map(months));
    // Written in Danish by the one who closed the case, read in each reader's language.
    const titles = (lang: string) => adviser.api('GET', `/api/v1/cases/${caseId}`, undefined, { 'accept-language': lang })
      .then((response) => response.json().tasks.filter((task: { source: string }) => task.source === 'aftercare').map((task: { title: string }) => task.title).sort());
    expect(await titles('da')).toContain('Efterværn: opfølgning 3 måneder efter lukning');
    expect(await titles('en')).toContain('Aftercare: follow-up 3 months after closing');
    expect((await titles('en')).join(' ')).not.toContain('Efterværn');
    expect((await teacher.api('GET', `/api/v1/inquiries/${inquiry.id}`)).json().status).toBe('closed');
    // The receipt confirmation is still owed to the reporter; the acute clock stopped at triage.
    expect((await owner<{ rule_key: string }>('select rule_key from clocks where inquiry_id = $1 and stopped_at is null', [inquiry.id])).map((row) => row.rule_key)).toEqual(['clock.receipt_confirmation']);
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/reopen`, { reason: 'Ny bekymring fra skolen', version: detail.version })).statusCode).toBe(200);
    expect((await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().status).toBe('open');
    expect((await teacher.api('GET', `/api/v1/inquiries/${inquiry.id}`)).json().status).toBe('being_handled');
  });

  it('runs the 4-month child assessment clock', async () => {
    const world = await makeWorld(t);
    const [teacher, adviser] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser)]);
    const caseId = await openCase(adviser, (await share(teacher)).id);
    let detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/child-assessment/start`, { version: detail.version })).statusCode).toBe(200);
    detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail.clocks).toHaveLength(1);
    expect(detail.clocks[0].ruleKey).toBe('clock.child_assessment');
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/child-assessment/complete`, { version: detail.version })).statusCode).toBe(200);
    expect((await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().clocks[0].state).toBe('met');
  });
});

describe('concurrent edits', () => {
  it('answers the second writer with a clear conflict and keeps their text on the form', async () => {
    const world = await makeWorld(t);
    const [teacher, adviser, adviser2] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.adviser2)]);
    const caseId = await openCase(adviser, (await share(teacher)).id);
    const { version } = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect((await adviser.api('PUT', `/api/v1/cases/${caseId}`, { situation: 'Første', consentStatus: 'given', version })).statusCode).toBe(200);
    const second = await adviser2.api('PUT', `/api/v1/cases/${caseId}`, { situation: 'Anden', consentStatus: 'given', version });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('En anden har ændret');
    const noteId = (await adviser.api('POST', `/api/v1/cases/${caseId}/notes`, { body: 'Original' })).json().id;
    await adviser.getPage(`/sager/${caseId}/noter/${noteId}`);
    await adviser2.getPage(`/sager/${caseId}/noter/${noteId}`);
    expect((await adviser.postForm(`/sager/${caseId}/noter/${noteId}`, { body: 'Rettet af den første', version: '1' })).statusCode).toBe(303);
    const conflict = await adviser2.postForm(`/sager/${caseId}/noter/${noteId}`, { body: 'Min lange tekst som ikke må gå tabt', version: '1' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain('Min lange tekst som ikke må gå tabt');
    expect(conflict.body).toContain('Rettet af den første');
    expect(conflict.body).toContain('name="version" value="2"');
  });
});

describe('inbox paging', () => {
  it('shows 50 at a time with the total, pages forward and back, and counts right on the home page', async () => {
    const world = await makeWorld(t);
    const [teacher, adviser] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser)]);
    for (let n = 0; n < 53; n += 1) await share(teacher, childConcern({ identity: undefined, redFlags: n < 2 ? ['threats'] : [] }));
    const first = await adviser.get('/henvendelser');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Viser 1–50 af 53 henvendelser.');
    expect(first.body).toContain('Side 1 af 2');
    expect(first.body).toContain('href="/henvendelser?side=2"');
    const second = await adviser.get('/henvendelser?side=2');
    expect(second.body).toContain('Viser 51–53 af 53 henvendelser.');
    expect(second.body).toContain('href="/henvendelser?side=1"');
    expect((await adviser.get('/henvendelser?side=9')).body).toContain('Side 2 af 2');
    const bad = await adviser.get('/henvendelser?side=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Der er fejl i de indsendte oplysninger.');
    const all = (await adviser.api('GET', '/api/v1/inquiries?scope=inbox')).json();
    expect(all.inbox).toHaveLength(53);
    expect(all.inboxTotal).toBe(53);
    const paged = (await adviser.api('GET', '/api/v1/inquiries?scope=inbox&limit=50&offset=50')).json();
    expect(paged.inbox.map((item: { id: string }) => item.id)).toEqual(all.inbox.slice(50).map((item: { id: string }) => item.id));
    expect(all.inbox.slice(0, 2).every((item: { acute: boolean }) => item.acute)).toBe(true);
    expect((await adviser.get('/')).body).toContain('53 henvendelser venter på vurdering, heraf 2 akutte.');
  });
});

describe('search', () => {
  it('is tolerant of case and Danish letters and never reveals cases outside access', async () => {
    const world = await makeWorld(t);
    const [teacher, adviser, jobworker] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.jobworker)]);
    const inquiry = await share(teacher, childConcern({ identity: { name: 'Åse Søndergård Møller', cpr: '0303125555' } }));
    const caseId = await openCase(adviser, inquiry.id);
    const reference = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().reference as string;
    for (const q of ['åse', 'AASE', 'Ase', 'soendergaard', 'Søndergård møller', 'moeller', 'mol', '030312-5555', '0303125555', reference, reference.toLowerCase()]) {
      const hits = (await adviser.api('GET', `/api/v1/search?q=${encodeURIComponent(q)}`)).json().hits as { id: string }[];
      expect(hits.map((hit) => hit.id), q).toContain(caseId);
    }
    expect((await adviser.api('GET', '/api/v1/search?q=peter')).json().hits).toEqual([]);
    for (const q of ['åse', '0303125555', reference]) {
      expect((await jobworker.api('GET', `/api/v1/search?q=${encodeURIComponent(q)}`)).json().hits, q).toEqual([]);
    }
    const audits = await owner<{ details: Record<string, unknown> }>(`select details from audit_events where tenant_id = $1 and action = 'case.search'`, [world.tenant.id]);
    expect(JSON.stringify(audits)).not.toMatch(/åse|aase|0303125555/i);
    const other = await createTenant(t.deps);
    const otherUnit = await createTeam(t.deps, other, { kind: 'unit' });
    const stranger = await createUser(t.deps, other, { role: 'adviser', team: otherUnit });
    const { TestClient } = await import('../support/client.js');
    const strangerClient = TestClient.for(t.app, other);
    await strangerClient.loginApi(stranger);
    expect((await strangerClient.api('GET', `/api/v1/search?q=${encodeURIComponent('0303125555')}`)).json().hits).toEqual([]);
  });

  it('answers a very broad query with the first 50 and asks to narrow it, on the page too', async () => {
    const world = await makeWorld(t);
    const [teacher, adviser] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser)]);
    for (let n = 0; n < 51; n += 1) {
      await share(teacher, childConcern({ identity: { name: `Barn${n} Fællesnavn` } }));
    }
    const broad = (await adviser.api('GET', '/api/v1/search?q=f%C3%A6llesnavn')).json() as { hits: unknown[]; truncated: boolean };
    expect(broad.hits).toHaveLength(50);
    expect(broad.truncated).toBe(true);
    const narrow = (await adviser.api('GET', '/api/v1/search?q=barn7%20f%C3%A6llesnavn')).json() as { hits: { name: string }[]; truncated: boolean };
    expect(narrow.hits.map((hit) => hit.name)).toEqual(['Barn7 Fællesnavn']);
    expect(narrow.truncated).toBe(false);
    const page = await adviser.get('/soeg?q=f%C3%A6llesnavn');
    expect(page.body).toContain('Søgningen giver mange træf, og ikke alle vises.');
    expect((await adviser.get('/soeg?q=barn7+f%C3%A6llesnavn')).body).not.toContain('mange træf');
  });
});
