/**
 * Two people answering the same transfer at the same moment (the receiving team declines or
 * accepts while the owning team withdraws): one answer wins, the other is told the transfer no
 * longer waits, and only the winner's event and audit row are written. On PostgreSQL the two
 * requests run in parallel transactions; on PGlite one after the other (the same outcome).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { childConcern, clientFor, makeWorld } from './world.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('a transfer answered twice at once', () => {
  for (const receiving of ['decline', 'accept'] as const) {
    it(`keeps only one of ${receiving} and withdraw`, async () => {
      const world = await makeWorld(t);
      const [teacher, adviser, caseworker] = await Promise.all([
        clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.caseworker),
      ]);
      for (let round = 0; round < 3; round++) {
        const inquiry = (await teacher.api('POST', '/api/v1/inquiries', childConcern())).json();
        const { version } = (await adviser.api('GET', `/api/v1/inquiries/${inquiry.id}`)).json();
        const caseId = (await adviser.api('POST', `/api/v1/inquiries/${inquiry.id}/case`, { version })).json().caseId as string;
        const transfer = await adviser.api('POST', `/api/v1/cases/${caseId}/transfers`, { teamId: world.teams.bur.id, situation: 'S', done: 'D', contacts: 'K', consentStatus: 'given' });
        expect(transfer.statusCode, transfer.body).toBe(201);
        const id = transfer.json().transferId as string;
        const answers = await Promise.all([
          caseworker.api('POST', `/api/v1/transfers/${id}/${receiving}`, receiving === 'accept' ? { acknowledged: true } : undefined),
          adviser.api('POST', `/api/v1/transfers/${id}/withdraw`),
        ]);
        const statuses = answers.map((answer) => answer.statusCode).sort();
        // The loser is told the transfer no longer waits (400); a withdrawal that comes after the
        // case has left the team finds nothing it may withdraw (404).
        expect(statuses, answers.map((answer) => answer.body).join(' | ')).toSatisfy(
          (found: number[]) => found[0] === 200 && (found[1] === 400 || (receiving === 'accept' && found[1] === 404)));
        const { rows } = await t.db.unsafeOwnerQuery<{ kind: string }>(
          "select kind from case_events where case_id = $1 and kind in ('case.transfer_declined', 'case.transfer_withdrawn', 'case.transfer_accepted')", [caseId]);
        expect(rows.length).toBe(1);
        const owner = await t.db.unsafeOwnerQuery<{ owner: string }>('select owner_team_id::text as owner from cases where id = $1', [caseId]);
        const accepted = rows[0].kind === 'case.transfer_accepted';
        expect(owner.rows[0].owner).toBe(accepted ? world.teams.bur.id : world.teams.unit.id);
      }
    });
  }
});
