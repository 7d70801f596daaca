/**
 * Defects found by exploratory testing of the demo, each reproduced here against the real
 * database: a transfer stuck behind an existing share, an API edit that erased what the client
 * could not read, version conflicts answered as 404, a raw team id on the case page, relations
 * stored wrongly or twice, staff posing as the citizen site, and the observation date that was
 * accepted but never returned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import type { Response, TestClient } from '../support/client.js';
import { tenantDigest } from '../support/factories.js';
import { childConcern, clientFor, makeWorld, type World } from './world.js';

let t: TestApp;
let world: World;
let teacher: TestClient;
let adviser: TestClient;
let adviser2: TestClient;
let caseworker: TestClient;
let jobworker: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t);
  [teacher, adviser, adviser2, caseworker, jobworker] = await Promise.all([
    clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.adviser2),
    clientFor(t, world, world.users.caseworker), clientFor(t, world, world.users.jobworker)]);
});
afterAll(async () => { if (process.env.SHOW_ERRORS) console.log(t.logLines.filter((line) => line.includes('request failed')).join('\n')); await t.close(); });

async function owner<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await t.db.unsafeOwnerQuery<Row>(sql, params)).rows;
}

async function unchanged<T>(work: () => Promise<T>): Promise<T> {
  const before = await tenantDigest(t.deps, world.tenant.id);
  const result = await work();
  expect(await tenantDigest(t.deps, world.tenant.id)).toBe(before);
  return result;
}

function messages(response: Response): string[] {
  const error = response.json().error as { message: string; fields?: { message: string }[] };
  return [error.message, ...(error.fields ?? []).map((field) => field.message)];
}

async function openCase(): Promise<string> {
  const inquiry = (await teacher.api('POST', '/api/v1/inquiries', childConcern())).json();
  const { version } = (await adviser.api('GET', `/api/v1/inquiries/${inquiry.id}`)).json();
  const opened = await adviser.api('POST', `/api/v1/inquiries/${inquiry.id}/case`, { version });
  expect(opened.statusCode, opened.body).toBe(201);
  return opened.json().caseId as string;
}

const HANDOVER = { situation: 'Situationen kort.', done: 'Samtale på skolen.', contacts: 'Klasselæreren.', consentStatus: 'given' };

async function shareWithChildWelfare(caseId: string, access: 'read' | 'write' = 'read'): Promise<string> {
  const shared = await adviser.api('POST', `/api/v1/cases/${caseId}/shares`, { ...HANDOVER, teamId: world.teams.bur.id, access });
  expect(shared.statusCode, shared.body).toBe(201);
  return shared.json().shareId as string;
}

async function transferToChildWelfare(caseId: string): Promise<string> {
  const transfer = await adviser.api('POST', `/api/v1/cases/${caseId}/transfers`, { ...HANDOVER, teamId: world.teams.bur.id });
  expect(transfer.statusCode, transfer.body).toBe(201);
  return transfer.json().transferId as string;
}

/** Refusals audited for an entity since the test began (a conflict is not a refusal). */
async function denied(entityId: string): Promise<string[]> {
  return (await owner<{ action: string }>(`select action from audit_events where entity_id = $1 and outcome = 'denied' order by id`, [entityId])).map((row) => row.action);
}

describe('1. a transfer to a team that already has a share', () => {
  it('shared, then transferred: the receiving team accepts by the API, owns the case, and its share ends', async () => {
    const caseId = await openCase();
    const shareId = await shareWithChildWelfare(caseId);
    expect((await caseworker.api('POST', `/api/v1/cases/${caseId}/handover/acknowledge`, { acknowledged: true })).statusCode).toBe(200);
    const transferId = await transferToChildWelfare(caseId);

    // The summary waiting for child welfare names the transfer, so it can be answered.
    const summary = await caseworker.api('GET', `/api/v1/cases/${caseId}/handover`);
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json().transferId).toBe(transferId);

    const accepted = await caseworker.api('POST', `/api/v1/transfers/${transferId}/accept`, { acknowledged: true });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ id: transferId, status: 'accepted', toTeamId: world.teams.bur.id });
    const detail = (await caseworker.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail).toMatchObject({ ownerTeamId: world.teams.bur.id, access: 'owner', shares: [], pendingTransfer: null });
    const [share] = await owner<{ revoked_at: Date | null; revoked_by: string | null }>('select revoked_at, revoked_by::text from case_shares where id = $1', [shareId]);
    expect(share.revoked_at).not.toBeNull();
    expect(share.revoked_by).toBe(world.users.caseworker.id);
    expect(detail.timeline.map((event: { kind: string }) => event.kind)).toEqual(expect.arrayContaining(['case.transfer_accepted', 'case.share_revoked']));
    expect((await adviser.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect(await denied(transferId)).toEqual([]);
  });

  it('shared, then transferred: the receiving team declines by the API and keeps its share', async () => {
    const caseId = await openCase();
    const shareId = await shareWithChildWelfare(caseId, 'write');
    expect((await caseworker.api('POST', `/api/v1/cases/${caseId}/handover/acknowledge`, { acknowledged: true })).statusCode).toBe(200);
    const transferId = await transferToChildWelfare(caseId);
    const declined = await caseworker.api('POST', `/api/v1/transfers/${transferId}/decline`);
    expect(declined.statusCode, declined.body).toBe(200);
    const [transfer] = await owner<{ status: string }>('select status from case_transfers where id = $1', [transferId]);
    expect(transfer.status).toBe('declined');
    // The new summary is still to be read before the case opens again through the share.
    expect((await caseworker.api('POST', `/api/v1/cases/${caseId}/handover/acknowledge`, { acknowledged: true })).statusCode).toBe(200);
    const detail = (await caseworker.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail).toMatchObject({ ownerTeamId: world.teams.unit.id, access: 'write', pendingTransfer: null });
    expect((await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().shares.map((item: { id: string }) => item.id)).toEqual([shareId]);
  });

  it('by the pages: the summary offers accept and decline to a team with a share, and accepting works', async () => {
    const caseId = await openCase();
    await shareWithChildWelfare(caseId);
    expect((await caseworker.api('POST', `/api/v1/cases/${caseId}/handover/acknowledge`, { acknowledged: true })).statusCode).toBe(200);
    const transferId = await transferToChildWelfare(caseId);
    expect((await caseworker.get(`/sager/${caseId}`)).headers.location).toBe(`/sager/${caseId}/overdragelse`);
    const summary = await caseworker.getPage(`/sager/${caseId}/overdragelse`);
    expect(summary.statusCode).toBe(200);
    expect(summary.body).toContain(`action="/overdragelser/${transferId}/accepter"`);
    expect(summary.body).toContain(`action="/overdragelser/${transferId}/afvis"`);
    const accepted = await caseworker.postForm(`/overdragelser/${transferId}/accepter`, { acknowledged: 'on' });
    expect(accepted.statusCode, accepted.body.slice(0, 400)).toBe(303);
    expect(accepted.headers.location).toBe(`/sager/${caseId}`);
    expect((await caseworker.get(`/sager/${caseId}`)).statusCode).toBe(200);
  });

  it('shared while the transfer waits: the receiving team can still decline by the page, and accept another by the API', async () => {
    const caseId = await openCase();
    const transferId = await transferToChildWelfare(caseId);
    await shareWithChildWelfare(caseId);
    const summary = await caseworker.getPage(`/sager/${caseId}/overdragelse`);
    expect(summary.body).toContain(`action="/overdragelser/${transferId}/accepter"`);
    const declined = await caseworker.postForm(`/overdragelser/${transferId}/afvis`, {});
    expect(declined.statusCode, declined.body.slice(0, 400)).toBe(303);

    const second = await transferToChildWelfare(caseId);
    const accepted = await caseworker.api('POST', `/api/v1/transfers/${second}/accept`, { acknowledged: true });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const detail = await caseworker.api('GET', `/api/v1/cases/${caseId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ ownerTeamId: world.teams.bur.id, access: 'owner', shares: [] });
    // A team that has neither the share nor the transfer still gets 404.
    const third = await caseworker.api('POST', `/api/v1/cases/${caseId}/transfers`, { ...HANDOVER, teamId: world.teams.job.id });
    expect(third.statusCode, third.body).toBe(201);
    expect((await adviser.api('POST', `/api/v1/transfers/${third.json().transferId}/accept`, { acknowledged: true })).statusCode).toBe(404);
  });
});

describe('2. changing a person through the API', () => {
  it('keeps a hidden address and the CPR number when the client leaves them out', async () => {
    const caseId = await openCase();
    const created = await adviser.api('POST', `/api/v1/cases/${caseId}/persons`, {
      role: 'relative', name: 'Skjult Moster', cpr: '0101804321', address: 'Hemmelig Allé 7', protection: 'address_protection', note: 'Ring først',
    });
    expect(created.statusCode, created.body).toBe(201);
    const personId = created.json().id as string;
    const person = async () => (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().persons.find((item: { id: string }) => item.id === personId);
    expect(await person()).toMatchObject({ address: null, addressHidden: true, cpr: '0101804321', birthDate: '1980-01-01', version: 1 });

    // The client sends what it can read back, without the address (hidden) and without the CPR number.
    const changed = await adviser.api('PUT', `/api/v1/cases/${caseId}/persons/${personId}`, { name: 'Skjult Moster Hansen', version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await person()).toMatchObject({
      name: 'Skjult Moster Hansen', cpr: '0101804321', birthDate: '1980-01-01', address: null, addressHidden: true, protection: 'address_protection', note: 'Ring først', version: 2,
    });
    expect((await adviser.get(`/sager/${caseId}/personer/${personId}/adresse`)).body).toContain('Hemmelig Allé 7');
    const [row] = await owner<{ cpr_hash: string | null; person_key: string | null }>('select cpr_hash, person_key from case_persons where id = $1', [personId]);
    expect(row.cpr_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.person_key).toMatch(/^[0-9a-f]{64}$/);
    // Search still finds the person by the kept CPR number.
    expect((await adviser.api('GET', '/api/v1/search?q=0101804321')).json().hits.map((hit: { id: string }) => hit.id)).toContain(caseId);
  });

  it('clears the address, the CPR number and the note on an explicit null or empty string, and changes what is sent', async () => {
    const caseId = await openCase();
    const personId = (await adviser.api('POST', `/api/v1/cases/${caseId}/persons`, {
      role: 'relative', name: 'Moster Åben', cpr: '0101804321', address: 'Åben Allé 1', note: 'Note',
    })).json().id as string;
    const url = `/api/v1/cases/${caseId}/persons/${personId}`;
    const person = async () => (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().persons.find((item: { id: string }) => item.id === personId);
    expect((await adviser.api('PUT', url, { name: 'Moster Åben', address: 'Ny Vej 2', cpr: '0202901678', version: 1 })).statusCode).toBe(200);
    expect(await person()).toMatchObject({ address: 'Ny Vej 2', cpr: '0202901678', birthDate: '1990-02-02', note: 'Note', version: 2 });
    const cleared = await adviser.api('PUT', url, { name: 'Moster Åben', address: null, cpr: null, note: '', version: 2 });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(await person()).toMatchObject({ address: null, addressHidden: false, cpr: null, birthDate: null, note: null, version: 3 });
    const [row] = await owner<{ cpr_enc: string | null; cpr_hash: string | null; address_enc: string | null }>('select cpr_enc, cpr_hash, address_enc from case_persons where id = $1', [personId]);
    expect(row).toEqual({ cpr_enc: null, cpr_hash: null, address_enc: null });
    expect((await adviser.api('PUT', url, { name: 'Moster Åben', address: 'Tredje Vej 3', cpr: '', version: 3 })).statusCode).toBe(200);
    expect(await person()).toMatchObject({ address: 'Tredje Vej 3', cpr: null, version: 4 });
  });

  it('keeps the protection when the client leaves it out, and lifts it only when told', async () => {
    const caseId = await openCase();
    const personId = (await adviser.api('POST', `/api/v1/cases/${caseId}/persons`, {
      role: 'relative', name: 'Beskyttet Fætter', address: 'Skjult Vej 9', protection: 'no_fixed_address',
    })).json().id as string;
    const url = `/api/v1/cases/${caseId}/persons/${personId}`;
    expect((await adviser.api('PUT', url, { name: 'Beskyttet Fætter', version: 1 })).statusCode).toBe(200);
    let detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail.protected).toBe(true);
    expect(detail.persons.find((item: { id: string }) => item.id === personId)).toMatchObject({ protection: 'no_fixed_address', addressHidden: true });
    expect((await adviser2.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await adviser.api('PUT', url, { name: 'Beskyttet Fætter', protection: 'none', version: 2 })).statusCode).toBe(200);
    detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail.protected).toBe(false);
    expect(detail.persons.find((item: { id: string }) => item.id === personId)).toMatchObject({ protection: 'none', address: 'Skjult Vej 9' });
  });

  it('says so in the OpenAPI document, and the page form still adds persons with empty fields', async () => {
    const openapi = (await adviser.api('GET', '/api/v1/openapi.json')).body;
    expect(openapi).toContain('Leave out to keep the current');
    const caseId = await openCase();
    await adviser.getPage(`/sager/${caseId}`);
    const posted = await adviser.postForm(`/sager/${caseId}/personer`, { role: 'relative', name: 'Tante Tom', cpr: '', address: '', protection: '', note: '' });
    expect(posted.statusCode, posted.body.slice(0, 400)).toBe(303);
    const added = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().persons.find((item: { name: string }) => item.name === 'Tante Tom');
    expect(added).toMatchObject({ cpr: null, address: null, protection: 'none', note: null });
  });
});

describe('3. two users act on the same record with the same version', () => {
  it('closing: the second closer gets 409 with her text kept on the page, not 404, and no refusal is audited', async () => {
    const caseId = await openCase();
    const { version } = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    await adviser.getPage(`/sager/${caseId}/luk`);
    await adviser2.getPage(`/sager/${caseId}/luk`);
    const first = await adviser.postForm(`/sager/${caseId}/luk`, { reason: 'goal_reached', outcome: 'Målet er nået.', version: String(version) });
    expect(first.statusCode, first.body.slice(0, 400)).toBe(303);
    const second = await adviser2.postForm(`/sager/${caseId}/luk`, { reason: 'moved', outcome: 'Min lange tekst om udfaldet, som ikke må gå tabt', aftercare: 'on', version: String(version) });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('En anden har ændret dette');
    expect(second.body).toContain('Min lange tekst om udfaldet, som ikke må gå tabt');
    const stale = await unchanged(() => adviser2.api('POST', `/api/v1/cases/${caseId}/close`, { reason: 'moved', outcome: 'Udfald', aftercare: false, version }));
    expect(stale.statusCode).toBe(409);
    expect(messages(stale).join(' ')).toContain('En anden har ændret dette');
    // With the current version the case is simply closed already: a clear 400.
    const current = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().version as number;
    const again = await unchanged(() => adviser2.api('POST', `/api/v1/cases/${caseId}/close`, { reason: 'moved', outcome: 'Udfald', aftercare: false, version: current }, { 'accept-language': 'en' }));
    expect(again.statusCode).toBe(400);
    expect(messages(again)).toContain('The case is already closed.');
    expect(await denied(caseId)).toEqual([]);
    // A team without access still gets 404 (audited as refused).
    expect((await unchanged(() => jobworker.api('POST', `/api/v1/cases/${caseId}/close`, { reason: 'moved', outcome: 'x', aftercare: false, version }))).statusCode).toBe(404);
    expect((await jobworker.postForm(`/sager/${caseId}/luk`, { reason: 'moved', outcome: 'x', version: String(version) })).statusCode).toBe(404);
    expect((await denied(caseId)).length).toBeGreaterThanOrEqual(2);
  });

  it('reopening: the second reopener gets 409 by the API and the page, with her reason kept', async () => {
    const caseId = await openCase();
    const { version } = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/close`, { reason: 'goal_reached', outcome: 'Lukket', aftercare: false, version })).statusCode).toBe(200);
    const closed = version + 1;
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/reopen`, { reason: 'Ny bekymring', version: closed })).statusCode).toBe(200);
    const stale = await unchanged(() => adviser2.api('POST', `/api/v1/cases/${caseId}/reopen`, { reason: 'Også en ny bekymring', version: closed }));
    expect(stale.statusCode).toBe(409);
    await adviser2.getPage(`/sager/${caseId}`);
    const page = await unchanged(() => adviser2.postForm(`/sager/${caseId}/genaabn`, { reason: 'Min begrundelse for at genåbne', version: String(closed) }));
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('En anden har ændret dette');
    expect(page.body).toContain('Din tekst (ikke gemt)');
    expect(page.body).toContain('Min begrundelse for at genåbne');
    expect(await denied(caseId)).toEqual([]);
    const current = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().version as number;
    const open = await unchanged(() => adviser2.api('POST', `/api/v1/cases/${caseId}/reopen`, { reason: 'x', version: current }));
    expect(open.statusCode).toBe(400);
    expect(messages(open)).toContain('Sagen er allerede åben.');
  });

  it('triage: after one adviser answers, a second with the old version gets 409 on every action, with her text kept', async () => {
    const inquiry = (await teacher.api('POST', '/api/v1/inquiries', childConcern())).json();
    const { version } = (await adviser.api('GET', `/api/v1/inquiries/${inquiry.id}`)).json();
    await adviser.getPage(`/henvendelser/${inquiry.id}`);
    await adviser2.getPage(`/henvendelser/${inquiry.id}`);
    const answered = await adviser.postForm(`/henvendelser/${inquiry.id}/besvar`, { answer: 'Første svar', version: String(version) });
    expect(answered.statusCode, answered.body.slice(0, 400)).toBe(303);

    const answer = await unchanged(() => adviser2.postForm(`/henvendelser/${inquiry.id}/besvar`, { answer: 'Mit eget svar, som ikke må gå tabt', version: String(version) }));
    expect(answer.statusCode).toBe(409);
    expect(answer.body).toContain('En anden har ændret dette');
    expect(answer.body).toContain('Din tekst (ikke gemt)');
    expect(answer.body).toContain('Mit eget svar, som ikke må gå tabt');
    const open = await unchanged(() => adviser2.postForm(`/henvendelser/${inquiry.id}/opret-sag`, { version: String(version) }));
    expect(open.statusCode).toBe(409);
    expect(open.body).toContain('En anden har ændret dette');
    for (const [path, body] of [['forward', { teamId: world.teams.bur.id, version }], ['answer', { answer: 'Svar', version }], ['case', { version }]] as const) {
      const response = await unchanged(() => adviser2.api('POST', `/api/v1/inquiries/${inquiry.id}/${path}`, body));
      expect(response.statusCode, path).toBe(409);
    }
    expect((await adviser2.api('GET', `/api/v1/inquiries/${inquiry.id}`)).statusCode).toBe(200);
    expect(await denied(inquiry.id)).toEqual([]);
    // With the current version it is handled already: a clear 400, in English too.
    const current = (await adviser2.api('GET', `/api/v1/inquiries/${inquiry.id}`)).json().version as number;
    const handled = await unchanged(() => adviser2.api('POST', `/api/v1/inquiries/${inquiry.id}/answer`, { answer: 'Svar', version: current }, { 'accept-language': 'en' }));
    expect(handled.statusCode).toBe(400);
    expect(messages(handled)).toContain('The inquiry has already been handled.');
    // Another team that cannot see the inquiry still gets 404.
    expect((await unchanged(() => jobworker.api('POST', `/api/v1/inquiries/${inquiry.id}/answer`, { answer: 'x', version }))).statusCode).toBe(404);
    expect(await denied(inquiry.id)).toEqual(['inquiry.triage']);
  });
});

describe('3b. sharing, transferring and revoking on a case a colleague has just closed', () => {
  async function closedCaseWithShare(): Promise<{ caseId: string; shareId: string }> {
    const caseId = await openCase();
    const shareId = await shareWithChildWelfare(caseId);
    const { version } = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect((await adviser2.api('POST', `/api/v1/cases/${caseId}/close`, { reason: 'goal_reached', outcome: 'Målet er nået.', aftercare: false, version })).statusCode).toBe(200);
    return { caseId, shareId };
  }

  it('answers 409 with "reopen it first" by the API, in the client’s language, and changes nothing', async () => {
    const { caseId, shareId } = await closedCaseWithShare();
    const share = (await owner<{ version: number }>('select version from case_shares where id = $1', [shareId]))[0];
    const attempts = [
      () => adviser.api('POST', `/api/v1/cases/${caseId}/shares`, { ...HANDOVER, teamId: world.teams.job.id, access: 'read' }, { 'accept-language': 'en' }),
      () => adviser.api('POST', `/api/v1/cases/${caseId}/transfers`, { ...HANDOVER, teamId: world.teams.job.id }, { 'accept-language': 'en' }),
      () => adviser.api('POST', `/api/v1/cases/${caseId}/shares/${shareId}/revoke`, { version: share.version }, { 'accept-language': 'en' }),
      () => adviser.api('PUT', `/api/v1/cases/${caseId}/shares/${shareId}`, { access: 'write', version: share.version }, { 'accept-language': 'en' }),
    ];
    for (const attempt of attempts) {
      const response = await unchanged(attempt);
      expect(response.statusCode, response.body).toBe(409);
      expect(messages(response).join(' ')).toContain('The case is closed, so who has access to it cannot be changed.');
    }
    expect(await denied(caseId)).toEqual([]);
    // A team without the right to manage access still gets 404.
    expect((await unchanged(() => jobworker.api('POST', `/api/v1/cases/${caseId}/shares`, { ...HANDOVER, teamId: world.teams.job.id, access: 'read' }))).statusCode).toBe(404);
  });

  it('keeps the handover text on the page and says why', async () => {
    const { caseId } = await closedCaseWithShare();
    const refused = await unchanged(() => adviser.postForm(`/sager/${caseId}/del`, { kind: 'transfer', teamId: world.teams.job.id, ...HANDOVER, situation: 'Min tekst om situationen bevares' }));
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Sagen er lukket, så hvem der har adgang til den, kan ikke ændres.');
    expect(refused.body).toContain('Min tekst om situationen bevares');
    const form = await adviser.get(`/sager/${caseId}/del`);
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain('Genåbn sagen først');
  });
});

describe('4. the case page during a pending transfer', () => {
  it("names the receiving team, not its id", async () => {
    const caseId = await openCase();
    await transferToChildWelfare(caseId);
    const page = await adviser.get(`/sager/${caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Overdragelse til Børne- og Ungerådgivningen venter på accept.');
    expect(page.body).not.toContain(`Overdragelse til ${world.teams.bur.id}`);
    expect((await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().pendingTransfer).toMatchObject({ toTeamId: world.teams.bur.id, toTeamName: 'Børne- og Ungerådgivningen' });
  });
});

describe('5. relations', () => {
  it('takes only a boolean for "controls" in JSON, and refuses anything else with a clear 400', async () => {
    const caseId = await openCase();
    const subject = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().persons[0].id as string;
    const father = (await adviser.api('POST', `/api/v1/cases/${caseId}/persons`, { role: 'controller', name: 'Far Test' })).json().id as string;
    const url = `/api/v1/cases/${caseId}/relations`;
    for (const controls of ['yes', 1, 'true', 'on', null]) {
      const response = await unchanged(() => adviser.api('POST', url, { fromPersonId: father, toPersonId: subject, relation: 'father', controls }));
      expect(response.statusCode, JSON.stringify(controls)).toBe(400);
      expect(response.json().error.fields, JSON.stringify(controls)).toEqual([{ field: 'controls', message: 'Skal være true eller false.' }]);
    }
    const english = await adviser.api('POST', url, { fromPersonId: father, toPersonId: subject, relation: 'father', controls: 'yes' }, { 'accept-language': 'en' });
    expect(english.json().error.fields[0].message).toBe('Must be true or false.');
    expect((await adviser.api('POST', url, { fromPersonId: father, toPersonId: subject, relation: 'father', controls: true })).statusCode).toBe(201);
    expect((await adviser.api('POST', url, { fromPersonId: subject, toPersonId: father, relation: 'other' })).statusCode).toBe(201);
    const relations = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().relations as { relation: string; controls: boolean }[];
    expect(relations.map((item) => [item.relation, item.controls])).toEqual([['father', true], ['other', false]]);
  });

  it('refuses an identical relation twice, by the API and by the page, in Danish and English', async () => {
    const caseId = await openCase();
    const subject = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().persons[0].id as string;
    const mother = (await adviser.api('POST', `/api/v1/cases/${caseId}/persons`, { role: 'controller', name: 'Mor Test' })).json().id as string;
    const url = `/api/v1/cases/${caseId}/relations`;
    const body = { fromPersonId: mother, toPersonId: subject, relation: 'mother', controls: true };
    expect((await adviser.api('POST', url, body)).statusCode).toBe(201);
    const twice = await unchanged(() => adviser.api('POST', url, body));
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields).toEqual([{ field: 'relation', message: 'Relationen er allerede registreret på sagen.' }]);
    const english = await unchanged(() => adviser.api('POST', url, body, { 'accept-language': 'en' }));
    expect(english.json().error.fields[0].message).toBe('The relation is already recorded on the case.');

    // The page: the checkbox still works ("on" or left out), and a repeat is refused with the reason.
    await adviser.getPage(`/sager/${caseId}`);
    const posted = await adviser.postForm(`/sager/${caseId}/relationer`, { fromPersonId: subject, toPersonId: mother, relation: 'other' });
    expect(posted.statusCode, posted.body.slice(0, 400)).toBe(303);
    const checked = await adviser.postForm(`/sager/${caseId}/relationer`, { fromPersonId: mother, toPersonId: subject, relation: 'extended_family_dk', controls: 'on' });
    expect(checked.statusCode, checked.body.slice(0, 400)).toBe(303);
    const repeat = await unchanged(() => adviser.postForm(`/sager/${caseId}/relationer`, { fromPersonId: mother, toPersonId: subject, relation: 'mother', controls: 'on' }));
    expect(repeat.statusCode).toBe(400);
    expect(repeat.body).toContain('Relationen er allerede registreret på sagen.');
    const relations = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().relations as { relation: string; controls: boolean }[];
    expect(relations.map((item) => [item.relation, item.controls])).toEqual([['mother', true], ['other', false], ['extended_family_dk', true]]);
  });
});

describe('6. staff cannot pose as the citizen site', () => {
  it('refuses the citizen-site source and the unknown age group by the API, in Danish and English', async () => {
    for (const client of [teacher, adviser]) {
      const citizen = await unchanged(() => client.api('POST', '/api/v1/inquiries', { ageGroup: 'unknown', sourceSector: 'citizen_site', description: 'Falsk borgerbesked' }));
      expect(citizen.statusCode).toBe(400);
      expect(citizen.json().error.fields).toEqual([
        { field: 'ageGroup', message: '»Ukendt alder« bruges kun til beskeder fra borgersitet. Vælg, hvem det handler om.' },
        { field: 'sourceSector', message: 'Borgerhenvendelser via hjemmesiden kommer kun fra borgersitet. Vælg, hvor du arbejder.' },
      ]);
    }
    const english = await unchanged(() => adviser.api('POST', '/api/v1/inquiries', { ageGroup: 'child', sourceSector: 'citizen_site', description: 'x' }, { 'accept-language': 'en' }));
    expect(english.json().error.fields).toEqual([{ field: 'sourceSector', message: 'Citizen inquiries through the website come only from the citizen site. Choose where you work.' }]);
    const unknownAge = await unchanged(() => adviser.api('POST', '/api/v1/inquiries', { ageGroup: 'unknown', sourceSector: 'school', description: 'x' }, { 'accept-language': 'en' }));
    expect(unknownAge.json().error.fields).toEqual([{ field: 'ageGroup', message: '"Unknown age" is used only for messages from the citizen site. Choose who it is about.' }]);
  });

  it('refuses them on the form too, keeping the text', async () => {
    await teacher.getPage('/bekymring');
    const response = await unchanged(() => teacher.postForm('/bekymring', { ageGroup: 'unknown', identify: 'no', sourceSector: 'citizen_site', description: 'Min tekst bevares' }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Borgerhenvendelser via hjemmesiden kommer kun fra borgersitet. Vælg, hvor du arbejder.');
    expect(response.body).toContain('Min tekst bevares');
    const { rows } = await t.db.unsafeOwnerQuery(`select 1 from inquiries where tenant_id = $1 and kind = 'citizen'`, [world.tenant.id]);
    expect(rows).toEqual([]);
  });
});

describe('7. when it was observed', () => {
  it('stores the date and returns it, leaving the description as written', async () => {
    const observedOn = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const created = await teacher.api('POST', '/api/v1/inquiries', childConcern({ observedOn, description: 'Set i frikvarteret.' }));
    expect(created.statusCode, created.body).toBe(201);
    const view = (await adviser.api('GET', `/api/v1/inquiries/${created.json().id}`)).json();
    expect(view.observedOn).toBe(observedOn);
    expect(view.description).toBe('Set i frikvarteret.');
    const page = await adviser.get(`/henvendelser/${created.json().id}`);
    const shown = new Intl.DateTimeFormat('da-DK', { dateStyle: 'medium', timeZone: 'Europe/Copenhagen' }).format(new Date(`${observedOn}T12:00:00Z`));
    expect(page.body).toContain(`<dt>Dato for det observerede</dt><dd>${shown}</dd>`);
    const without = (await teacher.api('POST', '/api/v1/inquiries', childConcern())).json();
    expect((await adviser.api('GET', `/api/v1/inquiries/${without.id}`)).json().observedOn).toBeNull();
    // The form stores it too.
    await teacher.getPage('/bekymring');
    const form = await teacher.postForm('/bekymring', { ageGroup: 'adult', identify: 'no', sourceSector: 'school', observedOn, description: 'Fra formularen' });
    expect(form.statusCode, form.body.slice(0, 400)).toBe(303);
    const [row] = await owner<{ observed_on: string }>(`select observed_on::text from inquiries where tenant_id = $1 and reporter_user_id = $2 order by received_at desc limit 1`, [world.tenant.id, world.users.teacher.id]);
    expect(row.observed_on).toBe(observedOn);
  });

  it('refuses impossible dates: before 1900, not a date, or in the future', async () => {
    for (const [observedOn, da] of [['0000-01-01', 'Datoen må ikke ligge før 1900.'], ['1899-12-31', 'Datoen må ikke ligge før 1900.'], ['2024-02-30', 'Skriv en gyldig dato.'], ['9999-12-31', 'Datoen må ikke ligge i fremtiden.']] as const) {
      const response = await unchanged(() => teacher.api('POST', '/api/v1/inquiries', childConcern({ observedOn })));
      expect(response.statusCode, observedOn).toBe(400);
      expect(messages(response), observedOn).toContain(da);
    }
    const english = await unchanged(() => teacher.api('POST', '/api/v1/inquiries', childConcern({ observedOn: '0000-01-01' }), { 'accept-language': 'en' }));
    expect(messages(english)).toContain('The date must not be before 1900.');
    expect((await teacher.api('POST', '/api/v1/inquiries', childConcern({ observedOn: '1900-01-01' }))).statusCode).toBe(201);
  });
});
