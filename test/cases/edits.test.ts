/**
 * Edits a caseworker makes while the case runs: handing a task to a colleague, and taking a
 * named user off a protected person's case. Each refusal is clear, translated and changes
 * nothing; a stale version is a conflict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import type { TestClient } from '../support/client.js';
import { tenantDigest } from '../support/factories.js';
import { childConcern, clientFor, makeWorld, type World } from './world.js';

let t: TestApp;
let world: World;
let teacher: TestClient;
let adviser: TestClient;
let adviser2: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t);
  [teacher, adviser, adviser2] = await Promise.all([
    clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.adviser2)]);
});
afterAll(() => t.close());

async function openCase(): Promise<string> {
  const inquiry = (await teacher.api('POST', '/api/v1/inquiries', childConcern())).json();
  const { version } = (await adviser.api('GET', `/api/v1/inquiries/${inquiry.id}`)).json();
  return (await adviser.api('POST', `/api/v1/inquiries/${inquiry.id}/case`, { version })).json().caseId as string;
}

async function unchanged<T>(work: () => Promise<T>): Promise<T> {
  const before = await tenantDigest(t.deps, world.tenant.id);
  const result = await work();
  expect(await tenantDigest(t.deps, world.tenant.id)).toBe(before);
  return result;
}

const inThreeDays = () => new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

describe('a task changes hands', () => {
  it('goes to a colleague by the API and by the page, and the timeline says so', async () => {
    const caseId = await openCase();
    const taskId = (await adviser.api('POST', `/api/v1/cases/${caseId}/tasks`, { title: 'Ring til skolen', dueDate: inThreeDays() })).json().id as string;
    const changed = await adviser.api('PUT', `/api/v1/cases/${caseId}/tasks/${taskId}`, { ownerUserId: world.users.adviser2.id, version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    let detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    let task = detail.tasks.find((item: { id: string }) => item.id === taskId);
    expect(task).toMatchObject({ ownerUserId: world.users.adviser2.id, status: 'open', version: 2 });
    expect(detail.timeline.map((event: { kind: string }) => event.kind)).toContain('case.task_owner');
    expect((await adviser2.api('GET', '/api/v1/tasks')).json().tasks.map((item: { id: string }) => item.id)).toContain(taskId);

    // The page: the case shows a "change owner" form per open task, and posting it works.
    const page = await adviser.get(`/sager/${caseId}`);
    expect(page.body).toContain(`/sager/${caseId}/opgaver/${taskId}/ansvarlig`);
    expect(page.body).toContain('Ny ansvarlig for Ring til skolen');
    const posted = await adviser.postForm(`/sager/${caseId}/opgaver/${taskId}/ansvarlig`, { ownerUserId: world.users.adviser.id, version: '2' });
    expect(posted.statusCode, posted.body.slice(0, 300)).toBe(303);
    detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    task = detail.tasks.find((item: { id: string }) => item.id === taskId);
    expect(task).toMatchObject({ ownerUserId: world.users.adviser.id, version: 3 });

    // Status and owner in one change.
    expect((await adviser.api('PUT', `/api/v1/cases/${caseId}/tasks/${taskId}`, { status: 'done', ownerUserId: world.users.manager.id, version: 3 })).statusCode).toBe(200);
    task = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().tasks.find((item: { id: string }) => item.id === taskId);
    expect(task).toMatchObject({ ownerUserId: world.users.manager.id, status: 'done', version: 4 });
  });

  it('refuses an owner who cannot work the case, an empty change and a stale version', async () => {
    const caseId = await openCase();
    const taskId = (await adviser.api('POST', `/api/v1/cases/${caseId}/tasks`, { title: 'Hjemmebesøg', dueDate: inThreeDays() })).json().id as string;
    const url = `/api/v1/cases/${caseId}/tasks/${taskId}`;
    for (const user of [world.users.jobworker, world.users.partner, world.users.teacher]) {
      const refused = await unchanged(() => adviser.api('PUT', url, { ownerUserId: user.id, version: 1 }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields).toEqual([{ field: 'ownerUserId', message: 'Den ansvarlige skal kunne arbejde på sagen.' }]);
    }
    const english = await unchanged(() => adviser.api('PUT', url, { ownerUserId: world.users.jobworker.id, version: 1 }, { 'accept-language': 'en' }));
    expect(english.json().error.fields[0].message).toBe('The owner must be able to work on the case.');
    const empty = await unchanged(() => adviser.api('PUT', url, { version: 1 }));
    expect(empty.statusCode).toBe(400);
    expect((await adviser.api('PUT', url, { ownerUserId: world.users.adviser2.id, version: 1 })).statusCode).toBe(200);
    const stale = await unchanged(() => adviser.api('PUT', url, { ownerUserId: world.users.manager.id, version: 1 }));
    expect(stale.statusCode).toBe(409);
    // The page keeps the user on the case with the conflict message.
    const page = await unchanged(() => adviser.postForm(`/sager/${caseId}/opgaver/${taskId}/ansvarlig`, { ownerUserId: world.users.manager.id, version: '1' }));
    expect(page.statusCode).toBe(409);
  });
});

describe('a named user leaves a protected case', () => {
  it('is taken off by a colleague, but nobody removes herself, so one named user always stays', async () => {
    const caseId = await openCase();
    await adviser.api('POST', `/api/v1/cases/${caseId}/persons`, { role: 'relative', name: 'Beskyttet Bror', protection: 'address_protection' });
    const named = async () => (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().namedUsers.map((user: { id: string }) => user.id) as string[];
    expect(await named()).toEqual([world.users.adviser.id]);
    // Alone on the case: neither herself nor (so) the last one.
    const self = await unchanged(() => adviser.api('POST', `/api/v1/cases/${caseId}/named-users/${world.users.adviser.id}/remove`));
    expect(self.statusCode).toBe(400);
    expect(self.json().error.fields[0].message).toBe('Du kan ikke fjerne din egen adgang. Bed en kollega om at gøre det.');

    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/named-users`, { userId: world.users.adviser2.id })).statusCode).toBe(200);
    expect((await adviser2.get(`/sager/${caseId}`)).statusCode).toBe(200);
    // The colleague takes the first adviser off; now the colleague is the last one.
    const removed = await adviser2.api('POST', `/api/v1/cases/${caseId}/named-users/${world.users.adviser.id}/remove`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await adviser.get(`/sager/${caseId}`)).statusCode).toBe(404);
    expect(await (async () => (await adviser2.api('GET', `/api/v1/cases/${caseId}`)).json().namedUsers.map((user: { id: string }) => user.id))()).toEqual([world.users.adviser2.id]);
    const { rows } = await t.db.unsafeOwnerQuery<{ kind: string }>(`select kind from case_events where case_id = $1 and kind like 'case.named_user%' order by id`, [caseId]);
    expect(rows.map((row) => row.kind)).toEqual(['case.named_user_added', 'case.named_user_removed']);

    // Someone who is not named answers 404, whoever asks; a lone last named user stays.
    const notNamed = await unchanged(() => adviser2.api('POST', `/api/v1/cases/${caseId}/named-users/${world.users.manager.id}/remove`));
    expect(notNamed.statusCode).toBe(404);
    const manager = await clientFor(t, world, world.users.manager);
    expect((await adviser2.api('POST', `/api/v1/cases/${caseId}/named-users`, { userId: world.users.manager.id })).statusCode).toBe(200);
    expect((await manager.api('POST', `/api/v1/cases/${caseId}/named-users/${world.users.adviser2.id}/remove`)).statusCode).toBe(200);
    // The manager, now the only named user, cannot remove herself: the case always keeps one.
    const last = await unchanged(() => manager.api('POST', `/api/v1/cases/${caseId}/named-users/${world.users.manager.id}/remove`));
    expect(last.statusCode).toBe(400);
    expect(last.json().error.fields[0].message).toBe('Du kan ikke fjerne din egen adgang. Bed en kollega om at gøre det.');
  });

  it('shows the remove buttons on the page, and refuses removing yourself there with the reason', async () => {
    const caseId = await openCase();
    await adviser.api('POST', `/api/v1/cases/${caseId}/persons`, { role: 'relative', name: 'Anden Beskyttet', protection: 'no_fixed_address' });
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/named-users`, { userId: world.users.adviser2.id })).statusCode).toBe(200);
    const page = await adviser.get(`/sager/${caseId}`);
    expect(page.body).toContain(`/sager/${caseId}/navngivne/${world.users.adviser2.id}/fjern`);
    const posted = await unchanged(() => adviser.postForm(`/sager/${caseId}/navngivne/${world.users.adviser.id}/fjern`, {}));
    expect(posted.statusCode).toBe(400);
    expect(posted.body).toContain('Du kan ikke fjerne din egen adgang');
    const removed = await adviser.postForm(`/sager/${caseId}/navngivne/${world.users.adviser2.id}/fjern`, {});
    expect(removed.statusCode).toBe(303);
    expect((await adviser2.get(`/sager/${caseId}`)).statusCode).toBe(404);
  });
});

describe("the home page's deadline figure", () => {
  it("counts the own team's open tasks that are overdue or due today, and nobody else's", async () => {
    const own = await openCase();
    const other = await openCase();
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
    const add = async (caseId: string, title: string) => (await adviser.api('POST', `/api/v1/cases/${caseId}/tasks`, { title, dueDate: inThreeDays() })).json().id as string;
    const overdue = await add(own, 'Forfalden');
    const dueToday = await add(own, 'I dag');
    await add(own, 'Senere');
    const elsewhere = await add(other, 'Hos et andet team');
    await t.db.unsafeOwnerQuery(`update case_tasks set due_date = $2::date - 2 where id = $1`, [overdue, today]);
    await t.db.unsafeOwnerQuery(`update case_tasks set due_date = $2::date where id = any($1::uuid[])`, [[dueToday, elsewhere], today]);
    // The other case belongs to child welfare now: its overdue task is theirs, not the unit's.
    await t.db.unsafeOwnerQuery(`update case_tasks set due_date = $2::date - 1 where id = $1`, [elsewhere, today]);
    await t.db.unsafeOwnerQuery(`update cases set owner_team_id = $2 where id = $1`, [other, world.teams.bur.id]);
    const { deadlines } = (await adviser.api('GET', '/api/v1/deadlines')).json() as { deadlines: { overdue: boolean }[] };
    const clockOverdue = deadlines.filter((clock) => clock.overdue).length;
    const clockToday = deadlines.length - clockOverdue;
    const home = await adviser.get('/');
    expect(home.body).toContain(`${1 + clockOverdue} overskredne og ${1 + clockToday} der udløber i dag.`);
    // Child welfare's caseworker sees that one task as theirs.
    const caseworker = await clientFor(t, world, world.users.caseworker);
    expect((await caseworker.get('/')).body).toMatch(/[1-9]\d* overskredne og \d+ der udløber i dag\./);
  });
});


describe("the inbox's count", () => {
  it('is the number of waiting inquiries the team sees through the policies, and nothing for another team or municipality', async () => {
    for (const redFlags of [[], ['threats'], []]) {
      expect((await teacher.api('POST', '/api/v1/inquiries', childConcern({ redFlags }))).statusCode).toBe(201);
    }
    // One waiting inquiry of child welfare's, which the unit's adviser must not count.
    const forwarded = (await teacher.api('POST', '/api/v1/inquiries', childConcern())).json().id as string;
    await t.db.unsafeOwnerQuery('update inquiries set team_id = $2 where id = $1', [forwarded, world.teams.bur.id]);
    const { unit, bur } = world.teams;
    const adviserId = world.users.adviser.id;
    const counted = (team: string, tenant = world.tenant.id) => t.db.withContext({ tenantId: world.tenant.id, userId: adviserId }, async (tx) => {
      await tx.query("select set_config('app.user_team', $1, true)", [`${adviserId}:${unit.id}`]);
      return (await tx.query<{ total: number | null; acute: number | null }>('select total, acute from unsafe_team_inbox_counts($1, $2)', [tenant, team])).rows[0];
    });
    const throughPolicies = await t.db.withContext({ tenantId: world.tenant.id, userId: adviserId }, async (tx) => (await tx.query<{ total: number; acute: number }>(
      `select count(*)::int as total, count(*) filter (where acute)::int as acute from inquiries where team_id = $1 and status = 'received'`, [unit.id])).rows[0]);
    expect(throughPolicies.total).toBeGreaterThanOrEqual(3);
    expect(throughPolicies.acute).toBeGreaterThanOrEqual(1);
    expect(await counted(unit.id)).toEqual(throughPolicies);
    expect((await adviser.api('GET', '/api/v1/inquiries?limit=1')).json().inboxTotal).toBe(throughPolicies.total);
    // Another team's figures, or another municipality's, are not the caller's to count.
    expect(await counted(bur.id)).toEqual({ total: 0, acute: 0 });
    expect(await counted(unit.id, '00000000-0000-4000-8000-000000000000')).toEqual({ total: 0, acute: 0 });
  });
});

describe("the home page's count of legal clocks", () => {
  it('counts past the 500 clocks the deadlines list shows', async () => {
    const { unit } = world.teams;
    const inquiry = (await teacher.api('POST', '/api/v1/inquiries', childConcern())).json().id as string;
    await t.db.unsafeOwnerQuery(
      `insert into clocks (tenant_id, inquiry_id, team_id, rule_key, rule_version, started_at, due_at)
       select $1, $2, $3, 'clock.receipt_confirmation', 1, now() - interval '10 days', now() - interval '1 day' from generate_series(1, 520)`,
      [world.tenant.id, inquiry, unit.id]);
    const home = await adviser.get('/');
    const shown = /(\d+) overskredne og/.exec(home.body);
    // The list stops at 500 (plus the team's few overdue tasks); the count does not.
    expect(Number(shown?.[1])).toBeGreaterThanOrEqual(520);
  });
});
