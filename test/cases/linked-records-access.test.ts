/**
 * An inquiry that led to a case, and an assessment made on a case or inquiry, are no more open
 * than the record they belong to, by that record's own policy and not merely by whether its row
 * is visible under row-level security (which is wider: a team a transfer waits for sees the case
 * row, to read the handover summary; the team an inquiry was forwarded from sees the inquiry row,
 * to write the forward). Each refusal is the audited 404 of a record that does not exist, and the
 * raw rows under the user's own database context agree (access enforced twice).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_KEYS } from '../../src/features/screening/instrument/definition.js';
import { createTestApp, type TestApp } from '../support/app.js';
import type { TestClient } from '../support/client.js';
import { createUser, type TestUser } from '../support/factories.js';
import { childConcern, clientFor, makeWorld, type World } from './world.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const CPR = '0101104455';

async function caseFromConcern(world: World, adviser: TestClient, concern = childConcern({ identity: { name: 'Hemmelig Pige', cpr: CPR } })): Promise<{ inquiryId: string; caseId: string }> {
  const teacher = await clientFor(t, world, world.users.teacher);
  const inquiry = await teacher.api('POST', '/api/v1/inquiries', concern);
  expect(inquiry.statusCode, inquiry.body).toBe(201);
  const inquiryId = inquiry.json().id as string;
  const version = (await adviser.api('GET', `/api/v1/inquiries/${inquiryId}`)).json().version;
  const opened = await adviser.api('POST', `/api/v1/inquiries/${inquiryId}/case`, { version });
  expect(opened.statusCode, opened.body).toBe(201);
  return { inquiryId, caseId: opened.json().caseId as string };
}

async function screen(client: TestClient, link: { caseId?: string; inquiryId?: string }): Promise<string> {
  const instrument = (await client.api('GET', '/api/v1/screening/instrument')).json();
  const created = await client.api('POST', '/api/v1/screenings', {
    instrumentId: instrument.id, submissionKey: randomUUID(), context: link.caseId ? 'case' : 'inquiry', ...link,
    ratings: Object.fromEntries(DOMAIN_KEYS.map((key) => [key, key === 'privacy' ? 1 : 0])), redFlags: [], relations: ['father'],
    finalLevel: 3, raiseReason: 'Faren har truet med at sende hende ud af landet.',
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id as string;
}

/** Rows of `table` with this id that the user's own database context can see (row-level security alone). */
async function rowsVisibleTo(world: World, user: TestUser, table: 'inquiries' | 'screenings', id: string): Promise<number> {
  return t.db.withContext({ tenantId: world.tenant.id, userId: user.id }, async (tx) => (await tx.query(`select 1 from ${table} where id = $1`, [id])).rowCount);
}

async function deniedRows(world: World, entityId: string, userId: string): Promise<number> {
  const { rows } = await t.db.unsafeOwnerQuery<{ n: number }>(
    "select count(*)::int as n from audit_events where tenant_id = $1 and outcome = 'denied' and entity_id = $2 and actor_user_id = $3",
    [world.tenant.id, entityId, userId],
  );
  return rows[0].n;
}

async function expectInquiryHidden(world: World, client: TestClient, user: TestUser, inquiryId: string): Promise<void> {
  const before = await deniedRows(world, inquiryId, user.id);
  const api = await client.api('GET', `/api/v1/inquiries/${inquiryId}`);
  expect(api.statusCode, api.body).toBe(404);
  expect(api.body).not.toContain('Hemmelig');
  const page = await client.get(`/henvendelser/${inquiryId}`);
  expect(page.statusCode).toBe(404);
  expect(page.body).not.toContain('Hemmelig');
  expect(await deniedRows(world, inquiryId, user.id)).toBe(before + 2);
}

describe('the inquiry behind a case', () => {
  it('is closed to the receiving team’s unnamed users once the case is a protected person’s', async () => {
    const world = await makeWorld(t);
    const [adviser, adviser2, teacher] = await Promise.all([
      clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.adviser2), clientFor(t, world, world.users.teacher),
    ]);
    const { inquiryId, caseId } = await caseFromConcern(world, adviser);
    expect((await adviser2.api('GET', `/api/v1/inquiries/${inquiryId}`)).statusCode).toBe(200);

    const subject = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().persons.find((person: { role: string }) => person.role === 'subject');
    const protect = await adviser.api('PUT', `/api/v1/cases/${caseId}/persons/${subject.id}`, { name: subject.name, protection: 'no_fixed_address', version: subject.version });
    expect(protect.statusCode, protect.body).toBe(200);

    expect((await adviser2.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    await expectInquiryHidden(world, adviser2, world.users.adviser2, inquiryId);
    expect(await rowsVisibleTo(world, world.users.adviser2, 'inquiries', inquiryId)).toBe(0);
    // The named user (who protected the person) still reads it, and the reporter her status.
    const named = await adviser.api('GET', `/api/v1/inquiries/${inquiryId}`);
    expect(named.statusCode).toBe(200);
    expect(named.json().identity.name).toBe('Hemmelig Pige');
    expect((await teacher.api('GET', `/api/v1/inquiries/${inquiryId}`)).json().view).toBe('status');

    // A new concern about the same person says it is a repeat, but not which inquiry: not even its id.
    const again = await teacher.api('POST', '/api/v1/inquiries', childConcern({ identity: { name: 'Hemmelig Pige', cpr: CPR } }));
    expect(again.statusCode).toBe(201);
    expect(again.json()).not.toHaveProperty('repeat');
    const repeat = (await adviser2.api('GET', `/api/v1/inquiries/${again.json().id}`)).json();
    expect(repeat.repeatOf).toEqual({ id: null, reference: null, receivedAt: null });
    expect(JSON.stringify(repeat)).not.toContain(inquiryId);
    expect((await adviser.api('GET', `/api/v1/inquiries/${again.json().id}`)).json().repeatOf.id).toBe(inquiryId);
  });

  it('is not read by a team a transfer waits for, nor by a team with an unacknowledged share, until it may read the case', async () => {
    const world = await makeWorld(t);
    const jobworker = await clientFor(t, world, world.users.jobworker);
    const [adviser, caseworker] = await Promise.all([clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.caseworker)]);
    const { inquiryId, caseId } = await caseFromConcern(world, adviser);
    const handover = { situation: 'Situationen', done: 'Gjort', contacts: 'Kontakter', consentStatus: 'given' };

    const transfer = await adviser.api('POST', `/api/v1/cases/${caseId}/transfers`, { teamId: world.teams.bur.id, ...handover });
    expect(transfer.statusCode, transfer.body).toBe(201);
    expect((await caseworker.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(409);
    await expectInquiryHidden(world, caseworker, world.users.caseworker, inquiryId);
    expect(await rowsVisibleTo(world, world.users.caseworker, 'inquiries', inquiryId)).toBe(0);

    const share = await adviser.api('POST', `/api/v1/cases/${caseId}/shares`, { teamId: world.teams.job.id, access: 'read', ...handover });
    expect(share.statusCode, share.body).toBe(201);
    await expectInquiryHidden(world, jobworker, world.users.jobworker, inquiryId);
    const acknowledged = await jobworker.api('POST', `/api/v1/cases/${caseId}/handover/acknowledge`, { acknowledged: true });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect((await jobworker.api('GET', `/api/v1/inquiries/${inquiryId}`)).statusCode).toBe(200);

    const accepted = await caseworker.api('POST', `/api/v1/transfers/${transfer.json().transferId}/accept`, { acknowledged: true });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await caseworker.api('GET', `/api/v1/inquiries/${inquiryId}`)).statusCode).toBe(200);
  });
});

describe('an assessment on a case or an inquiry', () => {
  it('is not read by a reporter outside the unit who holds the role of a unit member', async () => {
    const world = await makeWorld(t);
    const schoolManager = await createUser(t.deps, world.tenant, { role: 'manager', team: world.teams.school });
    const [reporter, adviser, manager] = await Promise.all([
      clientFor(t, world, schoolManager), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.manager),
    ]);
    const inquiry = await reporter.api('POST', '/api/v1/inquiries', childConcern());
    expect(inquiry.statusCode).toBe(201);
    const screeningId = await screen(adviser, { inquiryId: inquiry.json().id });
    expect((await reporter.api('GET', `/api/v1/screenings/${screeningId}`)).statusCode).toBe(404);
    const listed = (await reporter.api('GET', '/api/v1/screenings?all=true')).json().screenings as { id: string }[];
    expect(listed.map((item) => item.id)).not.toContain(screeningId);
    expect(await rowsVisibleTo(world, schoolManager, 'screenings', screeningId)).toBe(0);
    expect(await deniedRows(world, screeningId, schoolManager.id)).toBe(1);
    // The unit's own manager reads it.
    expect((await manager.api('GET', `/api/v1/screenings/${screeningId}`)).statusCode).toBe(200);
  });

  it('is not read by the unit after it forwarded the inquiry, nor on a case its team only awaits', async () => {
    const world = await makeWorld(t);
    const burManager = await createUser(t.deps, world.tenant, { role: 'manager', team: world.teams.bur });
    const [teacher, adviser, adviser2, manager] = await Promise.all([
      clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.adviser2), clientFor(t, world, world.users.manager),
    ]);
    const inquiry = (await teacher.api('POST', '/api/v1/inquiries', childConcern())).json();
    const onInquiry = await screen(adviser, { inquiryId: inquiry.id });
    const { version } = (await adviser.api('GET', `/api/v1/inquiries/${inquiry.id}`)).json();
    const forwarded = await adviser.api('POST', `/api/v1/inquiries/${inquiry.id}/forward`, { teamId: world.teams.bur.id, version });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect((await adviser2.api('GET', `/api/v1/inquiries/${inquiry.id}`)).statusCode).toBe(404);
    expect((await adviser2.api('GET', `/api/v1/screenings/${onInquiry}`)).statusCode).toBe(404);
    expect(await rowsVisibleTo(world, world.users.adviser2, 'screenings', onInquiry)).toBe(0);
    // Its author keeps it.
    expect((await adviser.api('GET', `/api/v1/screenings/${onInquiry}`)).statusCode).toBe(200);

    const { caseId } = await caseFromConcern(world, adviser);
    const onCase = await screen(adviser, { caseId });
    expect((await manager.api('GET', `/api/v1/screenings/${onCase}`)).statusCode).toBe(200);
    const transfer = await adviser.api('POST', `/api/v1/cases/${caseId}/transfers`, { teamId: world.teams.bur.id, situation: 'S', done: 'D', contacts: 'K', consentStatus: 'given' });
    expect(transfer.statusCode, transfer.body).toBe(201);
    const bur = await clientFor(t, world, burManager);
    expect((await bur.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(409);
    expect((await bur.api('GET', `/api/v1/screenings/${onCase}`)).statusCode).toBe(404);
    const listed = (await bur.api('GET', '/api/v1/screenings?all=true')).json().screenings as { id: string }[];
    expect(listed.map((item) => item.id)).not.toContain(onCase);
    // Nor may that team attach an assessment to the case: refused like an unknown case, and audited.
    const instrument = (await bur.api('GET', '/api/v1/screening/instrument')).json();
    const linked = await bur.api('POST', '/api/v1/screenings', {
      instrumentId: instrument.id, submissionKey: randomUUID(), context: 'case', caseId,
      ratings: Object.fromEntries(DOMAIN_KEYS.map((key) => [key, 0])), redFlags: [], relations: [], finalLevel: 0,
    });
    expect(linked.statusCode, linked.body).toBe(400);
    expect(linked.json().error.fields[0].field).toBe('caseId');
    const { rows } = await t.db.unsafeOwnerQuery<{ n: number }>(
      "select count(*)::int as n from audit_events where tenant_id = $1 and action = 'screening.link' and outcome = 'denied' and entity_id = $2 and actor_user_id = $3",
      [world.tenant.id, caseId, burManager.id]);
    expect(rows[0].n).toBe(1);
  });
});
