/**
 * An assessment made on a case is as confidential as the case: a protected person's case is
 * limited to its named users, so the rest of the unit must not read the assessment on it
 * either (ratings, red flags and the reason for raising the level describe that person).
 * Enforced twice: by the screenings table's row-level security and by the screening policy.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_KEYS } from '../../src/features/screening/instrument/definition.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { tenantDigest } from '../support/factories.js';
import type { TestClient } from '../support/client.js';
import { childConcern, clientFor, makeWorld, type World } from '../cases/world.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function protectedCase(world: World, adviser: TestClient): Promise<string> {
  const teacher = await clientFor(t, world, world.users.teacher);
  const inquiry = await teacher.api('POST', '/api/v1/inquiries', childConcern());
  expect(inquiry.statusCode, inquiry.body).toBe(201);
  const version = (await adviser.api('GET', `/api/v1/inquiries/${inquiry.json().id}`)).json().version;
  const opened = await adviser.api('POST', `/api/v1/inquiries/${inquiry.json().id}/case`, { version });
  expect(opened.statusCode, opened.body).toBe(201);
  const caseId = opened.json().caseId as string;
  const person = await adviser.api('POST', `/api/v1/cases/${caseId}/persons`, { role: 'relative', name: 'Skjult Moster', address: 'Hemmelig Allé 7', protection: 'address_protection' });
  expect(person.statusCode, person.body).toBe(201);
  return caseId;
}

async function screenCase(client: TestClient, caseId: string): Promise<string> {
  const instrument = (await client.api('GET', '/api/v1/screening/instrument')).json();
  const created = await client.api('POST', '/api/v1/screenings', {
    instrumentId: instrument.id,
    submissionKey: randomUUID(),
    context: 'case',
    caseId,
    ratings: Object.fromEntries(DOMAIN_KEYS.map((key) => [key, key === 'privacy' ? 1 : 0])),
    redFlags: [],
    relations: ['father'],
    finalLevel: 3,
    raiseReason: 'Faren har truet med at sende hende ud af landet.',
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id as string;
}

describe('an assessment on a protected person’s case', () => {
  it('is read by the case’s named users only, not by the rest of the unit (404, audited, nothing changes)', async () => {
    const world = await makeWorld(t);
    const [adviser, adviser2, manager] = await Promise.all([
      clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.adviser2), clientFor(t, world, world.users.manager),
    ]);
    const caseId = await protectedCase(world, adviser);
    const screeningId = await screenCase(adviser, caseId);
    expect((await adviser.api('GET', `/api/v1/screenings/${screeningId}`)).json().raiseReason).toContain('truet');

    const before = await tenantDigest(t.deps, world.tenant.id);
    for (const client of [adviser2, manager]) {
      expect((await client.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
      const api = await client.api('GET', `/api/v1/screenings/${screeningId}`);
      expect(api.statusCode).toBe(404);
      expect(api.body).not.toContain('truet');
      const page = await client.get(`/vurdering/${screeningId}`);
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain('truet');
      const everyone = (await client.api('GET', '/api/v1/screenings?all=true')).json().screenings as { id: string; caseId: string | null }[];
      expect(everyone.map((screening) => screening.id)).not.toContain(screeningId);
      expect(JSON.stringify(everyone)).not.toContain(caseId);
      const listPage = await client.get('/vurdering?all=1');
      expect(listPage.body).not.toContain(screeningId);
    }
    const { rows } = await t.db.unsafeOwnerQuery<{ n: number }>(
      "select count(*)::int as n from audit_events where tenant_id = $1 and outcome = 'denied' and entity_id = $2",
      [world.tenant.id, screeningId],
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
    // The database refuses on its own too: the colleague's context sees no such row.
    const raw = await t.db.withContext({ tenantId: world.tenant.id, userId: world.users.adviser2.id }, (tx) =>
      tx.query('select id from screenings where id = $1', [screeningId]));
    expect(raw.rows).toEqual([]);
    const own = await t.db.withContext({ tenantId: world.tenant.id, userId: world.users.adviser.id }, (tx) =>
      tx.query('select id from screenings where id = $1', [screeningId]));
    expect(own.rows).toHaveLength(1);
    // Refusals write their audit rows and nothing else.
    expect(await tenantDigest(t.deps, world.tenant.id)).toBe(before);

    // Named on the case, the colleague reads the assessment too.
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/named-users`, { userId: world.users.adviser2.id })).statusCode).toBe(200);
    expect((await adviser2.api('GET', `/api/v1/screenings/${screeningId}`)).statusCode).toBe(200);
    const listed = (await adviser2.api('GET', '/api/v1/screenings?all=true')).json().screenings as { id: string }[];
    expect(listed.map((screening) => screening.id)).toContain(screeningId);
  });

  it('stays with its author even where the author can no longer see the case', async () => {
    const world = await makeWorld(t);
    const [adviser, adviser2] = await Promise.all([clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.adviser2)]);
    const caseId = await protectedCase(world, adviser);
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/named-users`, { userId: world.users.adviser2.id })).statusCode).toBe(200);
    const screeningId = await screenCase(adviser2, caseId);
    const detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail.namedUsers.map((user: { id: string }) => user.id)).toContain(world.users.adviser2.id);
    const removed = await adviser.api('POST', `/api/v1/cases/${caseId}/named-users/${world.users.adviser2.id}/remove`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await adviser2.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await adviser2.api('GET', `/api/v1/screenings/${screeningId}`)).statusCode).toBe(200);
  });
});
