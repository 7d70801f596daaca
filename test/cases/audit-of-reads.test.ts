/**
 * Pages that show case content outside the case page write their own audit rows: the team's
 * due tasks on the deadlines page (task titles), and the "do not" list on the close, handover,
 * note and attachment-removal pages (with the person it is about).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { childConcern, clientFor, makeWorld } from './world.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('reads of case content outside the case page', () => {
  it('are audited on the deadlines page and wherever the "do not" list is shown', async () => {
    const world = await makeWorld(t);
    const [teacher, adviser] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser)]);
    const inquiry = (await teacher.api('POST', '/api/v1/inquiries', childConcern())).json();
    const { version } = (await adviser.api('GET', `/api/v1/inquiries/${inquiry.id}`)).json();
    const caseId = (await adviser.api('POST', `/api/v1/inquiries/${inquiry.id}/case`, { version })).json().caseId as string;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(new Date());
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/tasks`, { title: 'Ring til skolen om Amira', dueDate: today })).statusCode).toBe(201);
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/do-not`, { text: 'Kontakt ikke faren' })).statusCode).toBe(201);
    const subjectId = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().persons.find((person: { role: string }) => person.role === 'subject').id as string;

    const rows = async (action: string) => (await t.db.unsafeOwnerQuery<{ entity_id: string | null; person_id: string | null; details: Record<string, unknown> }>(
      'select entity_id, person_id::text, details from audit_events where tenant_id = $1 and action = $2 and actor_user_id = $3 order by id',
      [world.tenant.id, action, world.users.adviser.id])).rows;

    const deadlines = await adviser.get('/frister');
    expect(deadlines.statusCode).toBe(200);
    expect(deadlines.body).toContain('Ring til skolen om Amira');
    expect((await rows('case.task.list')).filter((row) => row.details.team === true)).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ count: 1, team: true }) }),
    ]);

    for (const path of [`/sager/${caseId}/luk`, `/sager/${caseId}/del`]) {
      const before = (await rows('case.do_not.read')).length;
      const page = await adviser.get(path);
      expect(page.statusCode, path).toBe(200);
      expect(page.body).toContain('Kontakt ikke faren');
      const after = await rows('case.do_not.read');
      expect(after.length, path).toBe(before + 1);
      expect(after.at(-1)).toEqual({ entity_id: caseId, person_id: subjectId, details: { count: 1 } });
    }
  });
});
