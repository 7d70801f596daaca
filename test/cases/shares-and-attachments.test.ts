/**
 * Two edits on a running case: changing a share between read and write (the shared team's
 * rights follow at once, by the page form and the API), and removing an attachment with a
 * reason (the file is erased, not hidden). Every refusal is clear, translated and changes
 * nothing; those who may not act get 404.
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
let caseworker: TestClient;
let jobworker: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t);
  [teacher, adviser, caseworker, jobworker] = await Promise.all([
    clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser), clientFor(t, world, world.users.caseworker), clientFor(t, world, world.users.jobworker)]);
});
afterAll(() => t.close());

async function openCase(): Promise<string> {
  const inquiry = (await teacher.api('POST', '/api/v1/inquiries', childConcern())).json();
  const { version } = (await adviser.api('GET', `/api/v1/inquiries/${inquiry.id}`)).json();
  return (await adviser.api('POST', `/api/v1/inquiries/${inquiry.id}/case`, { version })).json().caseId as string;
}

/** Shares the case with child welfare, whose caseworker reads and acknowledges the summary. */
async function shareWithChildWelfare(caseId: string, access: 'read' | 'write'): Promise<string> {
  const shared = await adviser.api('POST', `/api/v1/cases/${caseId}/shares`, { teamId: world.teams.bur.id, access, situation: 'S', done: 'D', contacts: 'K', consentStatus: 'given' });
  expect(shared.statusCode, shared.body).toBe(201);
  expect((await caseworker.api('POST', `/api/v1/cases/${caseId}/handover/acknowledge`, { acknowledged: true })).statusCode).toBe(200);
  return shared.json().shareId as string;
}

async function unchanged<T>(work: () => Promise<T>): Promise<T> {
  const before = await tenantDigest(t.deps, world.tenant.id);
  const result = await work();
  expect(await tenantDigest(t.deps, world.tenant.id)).toBe(before);
  return result;
}

async function owner<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await t.db.unsafeOwnerQuery<Row>(sql, params)).rows;
}

function fieldMessages(response: Response): string[] {
  return (response.json().error.fields ?? []).map((field: { message: string }) => field.message);
}

const inThreeDays = () => new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

describe("changing a share's access", () => {
  it('read → write lets the shared team write and own tasks; write → read takes it away again', async () => {
    const caseId = await openCase();
    const shareId = await shareWithChildWelfare(caseId, 'read');
    const ownerOption = `value="${world.users.caseworker.id}"`;

    // Read only: no notes, not a task owner, and not offered as one on the page.
    expect((await caseworker.api('POST', `/api/v1/cases/${caseId}/notes`, { body: 'Før' })).statusCode).toBe(404);
    const notOwner = await adviser.api('POST', `/api/v1/cases/${caseId}/tasks`, { title: 'Hjemmebesøg', dueDate: inThreeDays(), ownerUserId: world.users.caseworker.id });
    expect(notOwner.statusCode).toBe(400);
    let page = await adviser.get(`/sager/${caseId}`);
    expect(page.body).toContain(`/sager/${caseId}/delinger/${shareId}/adgang`);
    expect(page.body).toContain('Giv skriveadgang');
    expect(page.body).not.toContain(ownerOption);
    // The shared team sees no form to change the level (only the owning team manages access).
    expect((await caseworker.get(`/sager/${caseId}`)).body).not.toContain('/adgang"');

    // The owner gives write access with the page's form (no JavaScript, CSRF field).
    const posted = await adviser.postForm(`/sager/${caseId}/delinger/${shareId}/adgang`, { access: 'write', version: '1' });
    expect(posted.statusCode, posted.body.slice(0, 300)).toBe(303);
    expect((await caseworker.api('POST', `/api/v1/cases/${caseId}/notes`, { body: 'Skrevet af Børne- og Ungerådgivningen' })).statusCode).toBe(201);
    const taskId = (await adviser.api('POST', `/api/v1/cases/${caseId}/tasks`, { title: 'Hjemmebesøg', dueDate: inThreeDays(), ownerUserId: world.users.caseworker.id })).json().id as string;
    expect(taskId).toBeTruthy();
    expect((await caseworker.api('PUT', `/api/v1/cases/${caseId}/tasks/${taskId}`, { status: 'done', version: 1 })).statusCode).toBe(200);
    expect((await caseworker.api('GET', '/api/v1/cases')).json().cases.find((item: { id: string }) => item.id === caseId).access).toBe('write');
    page = await adviser.get(`/sager/${caseId}`);
    expect(page.body).toContain(ownerOption);
    expect(page.body).toContain('Begræns til læseadgang');
    expect(page.body).toContain('fra læseadgang til læse- og skriveadgang');
    expect((await caseworker.get(`/sager/${caseId}`)).body).toContain(`/sager/${caseId}/noter"`);

    // Back to read through the API: writing is refused again.
    const detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail.shares).toEqual([expect.objectContaining({ id: shareId, access: 'write', version: 2 })]);
    const back = await adviser.api('PUT', `/api/v1/cases/${caseId}/shares/${shareId}`, { access: 'read', version: 2 });
    expect(back.statusCode, back.body).toBe(200);
    await unchanged(async () => {
      expect((await caseworker.api('POST', `/api/v1/cases/${caseId}/notes`, { body: 'Efter' })).statusCode).toBe(404);
      expect((await caseworker.api('PUT', `/api/v1/cases/${caseId}/tasks/${taskId}`, { status: 'open', version: 2 })).statusCode).toBe(404);
      expect((await caseworker.postForm(`/sager/${caseId}/noter`, { body: 'Efter' })).statusCode).toBe(404);
      expect((await adviser.api('POST', `/api/v1/cases/${caseId}/tasks`, { title: 'Igen', dueDate: inThreeDays(), ownerUserId: world.users.caseworker.id })).statusCode).toBe(400);
    });
    // Still a reader: the case stays open to her.
    expect((await caseworker.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await adviser.get(`/sager/${caseId}`)).body).not.toContain(ownerOption);

    const events = await owner<{ kind: string; ref_id: string; details: Record<string, unknown> }>(
      `select kind, ref_id::text, details from case_events where case_id = $1 and kind = 'case.share_access_changed' order by id`, [caseId]);
    expect(events.map((event) => [event.ref_id, event.details.oldAccess, event.details.newAccess])).toEqual([[shareId, 'read', 'write'], [shareId, 'write', 'read']]);
    const audits = await owner<{ user_id: string; details: Record<string, unknown> }>(
      `select actor_user_id::text as user_id, details from audit_events where action = 'case.share.change_access' and entity_id = $1 and outcome = 'ok' order by id`, [caseId]);
    expect(audits.map((row) => [row.user_id, row.details.newAccess])).toEqual([[world.users.adviser.id, 'write'], [world.users.adviser.id, 'read']]);
    // No new handover summary: the one acknowledged when the case was shared still counts.
    expect((await owner('select 1 from handovers where case_id = $1', [caseId])).length).toBe(1);
  });

  it('refuses a stale version, the same level and bad input with clear messages, and changes nothing', async () => {
    const caseId = await openCase();
    const shareId = await shareWithChildWelfare(caseId, 'read');
    const url = `/api/v1/cases/${caseId}/shares/${shareId}`;
    expect((await adviser.api('PUT', url, { access: 'write', version: 1 })).statusCode).toBe(200);

    const stale = await unchanged(() => adviser.api('PUT', url, { access: 'read', version: 1 }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('En anden har ændret dette');
    const stalePage = await unchanged(() => adviser.postForm(`/sager/${caseId}/delinger/${shareId}/adgang`, { access: 'read', version: '1' }));
    expect(stalePage.statusCode).toBe(409);
    expect(stalePage.body).toContain('En anden har ændret dette');

    const same = await unchanged(() => adviser.api('PUT', url, { access: 'write', version: 2 }));
    expect(same.statusCode).toBe(400);
    expect(fieldMessages(same)).toEqual(['Delingen har allerede denne adgang.']);
    const english = await unchanged(() => adviser.api('PUT', url, { access: 'write', version: 2 }, { 'accept-language': 'en' }));
    expect(fieldMessages(english)).toEqual(['The share already has this access.']);

    for (const body of [{ access: 'admin', version: 2 }, { access: 'read' }, { access: 'read', version: 'x' }, { access: 'read', version: 2, teamId: world.teams.job.id }, {}]) {
      const bad = await unchanged(() => adviser.api('PUT', url, body));
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().error.message, JSON.stringify(body)).toBeTruthy();
    }
    const badPage = await unchanged(() => adviser.postForm(`/sager/${caseId}/delinger/${shareId}/adgang`, { access: 'everything', version: '2' }));
    expect(badPage.statusCode).toBe(400);
    expect(badPage.body).toContain('Vælg en af mulighederne.');
  });

  it('answers 404 for an unknown share, a clear message for a revoked one, and 404 to those who may not manage access', async () => {
    const caseId = await openCase();
    const shareId = await shareWithChildWelfare(caseId, 'read');
    const unknown = await unchanged(() => adviser.api('PUT', `/api/v1/cases/${caseId}/shares/5f0c0d3e-8a39-4c37-9d55-2b1c8c6f0a11`, { access: 'write', version: 1 }));
    expect(unknown.statusCode).toBe(404);
    expect((await unchanged(() => adviser.api('PUT', `/api/v1/cases/${caseId}/shares/not-a-uuid`, { access: 'write', version: 1 }))).statusCode).toBe(404);
    // A share of another case is not this case's share.
    const otherCase = await openCase();
    expect((await unchanged(() => adviser.api('PUT', `/api/v1/cases/${otherCase}/shares/${shareId}`, { access: 'write', version: 1 }))).statusCode).toBe(404);

    // The shared team itself and a team without access: 404, by the API and by the page.
    for (const client of [caseworker, jobworker]) {
      expect((await unchanged(() => client.api('PUT', `/api/v1/cases/${caseId}/shares/${shareId}`, { access: 'write', version: 1 }))).statusCode).toBe(404);
      expect((await unchanged(() => client.postForm(`/sager/${caseId}/delinger/${shareId}/adgang`, { access: 'write', version: '1' }))).statusCode).toBe(404);
    }

    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/shares/${shareId}/revoke`, { version: 1 })).statusCode).toBe(200);
    const revoked = await unchanged(() => adviser.api('PUT', `/api/v1/cases/${caseId}/shares/${shareId}`, { access: 'write', version: 2 }));
    expect(revoked.statusCode).toBe(400);
    expect(fieldMessages(revoked)).toEqual(['Delingen er allerede ophævet.']);
    expect((await caseworker.api('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
  });
});

function multipart(filename: string, content: Buffer): { body: Buffer; type: string } {
  const boundary = '----sbtest' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

async function attach(caseId: string, filename = 'forkert-person.txt', text = 'Et bilag om den forkerte person.'): Promise<string> {
  const upload = multipart(filename, Buffer.from(text));
  const response = await adviser.request({ method: 'POST', url: `/api/v1/cases/${caseId}/attachments`, body: upload.body, headers: { 'content-type': upload.type, 'x-csrf-token': adviser.csrfToken! } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

describe('removing an attachment', () => {
  it('erases the file and its name, answers 404 to a download, and refuses a second removal', async () => {
    const caseId = await openCase();
    const attachmentId = await attach(caseId);
    const kept = await attach(caseId, 'rigtig.txt', 'Et bilag, der bliver.');
    const url = `/api/v1/cases/${caseId}/attachments/${attachmentId}/remove`;

    const removed = await adviser.api('POST', url, { reason: 'Handler om en anden person' });
    expect(removed.statusCode, removed.body).toBe(200);
    const [row] = await owner<{ bytes: number; filename_enc: string | null; removed_by: string; removed_at: Date | null; removal_reason_enc: string; size_bytes: number }>(
      'select octet_length(content_enc) as bytes, filename_enc, removed_by::text, removed_at, removal_reason_enc, size_bytes from case_attachments where id = $1', [attachmentId]);
    expect(Number(row.bytes)).toBe(0);
    expect(row.filename_enc).toBeNull();
    expect(row.removed_by).toBe(world.users.adviser.id);
    expect(row.removed_at).not.toBeNull();
    expect(row.removal_reason_enc).toBeTruthy();
    expect(row.removal_reason_enc).not.toContain('anden person');
    expect(row.size_bytes).toBeGreaterThan(0);
    const [other] = await owner<{ bytes: number }>('select octet_length(content_enc) as bytes from case_attachments where id = $1', [kept]);
    expect(Number(other.bytes)).toBeGreaterThan(0);

    expect((await adviser.get(`/sager/${caseId}/bilag/${attachmentId}`)).statusCode).toBe(404);
    expect((await adviser.api('GET', `/api/v1/cases/${caseId}/attachments/${attachmentId}`)).statusCode).toBe(404);
    expect((await adviser.get(`/sager/${caseId}/bilag/${kept}`)).statusCode).toBe(200);
    const detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    expect(detail.attachments.map((file: { id: string }) => file.id)).toEqual([kept]);
    expect(detail.timeline.map((event: { kind: string }) => event.kind)).toContain('case.attachment_removed');

    const twice = await unchanged(() => adviser.api('POST', url, { reason: 'Igen' }));
    expect(twice.statusCode).toBe(400);
    expect(fieldMessages(twice)).toEqual(['Bilaget er allerede fjernet.']);
    const english = await unchanged(() => adviser.api('POST', url, { reason: 'Again' }, { 'accept-language': 'en' }));
    expect(fieldMessages(english)).toEqual(['The attachment has already been removed.']);

    const events = await owner<{ ref_id: string; details: Record<string, unknown> }>(
      `select ref_id::text, details from case_events where case_id = $1 and kind = 'case.attachment_removed'`, [caseId]);
    expect(events).toEqual([{ ref_id: attachmentId, details: { attachmentId, mediaType: 'text/plain; charset=utf-8', sizeBytes: row.size_bytes } }]);
    const audits = await owner<{ person_id: string | null; details: Record<string, unknown> }>(
      `select person_id::text, details from audit_events where action = 'case.attachment.remove' and entity_id = $1 and outcome = 'ok'`, [attachmentId]);
    expect(audits).toHaveLength(1);
    expect(audits[0].person_id).toBeTruthy();
    expect(audits[0].details).toMatchObject({ caseId });
  });

  it('requires a short reason, and refuses bad input and unknown attachments without changing anything', async () => {
    const caseId = await openCase();
    const attachmentId = await attach(caseId);
    const url = `/api/v1/cases/${caseId}/attachments/${attachmentId}/remove`;
    for (const [body, expected] of [
      [{}, 'Skal udfyldes.'],
      [{ reason: '   ' }, 'Skal udfyldes.'],
      [{ reason: 'x'.repeat(501) }, 'Må højst være 500 tegn.'],
      [{ reason: 42 }, null],
      [{ reason: 'Fejl', extra: true }, null],
    ] as const) {
      const refused = await unchanged(() => adviser.api('POST', url, body));
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      if (expected) expect(fieldMessages(refused), JSON.stringify(body)).toEqual([expected]);
    }
    const english = await unchanged(() => adviser.api('POST', url, {}, { 'accept-language': 'en' }));
    expect(english.json().error.fields[0].field).toBe('reason');
    expect(fieldMessages(english)[0]).not.toBe('Skal udfyldes.');
    expect((await unchanged(() => adviser.api('POST', `/api/v1/cases/${caseId}/attachments/5f0c0d3e-8a39-4c37-9d55-2b1c8c6f0a11/remove`, { reason: 'Fejl' }))).statusCode).toBe(404);
    // An attachment of another case is not found on this one.
    const otherCase = await openCase();
    expect((await unchanged(() => adviser.api('POST', `/api/v1/cases/${otherCase}/attachments/${attachmentId}/remove`, { reason: 'Fejl' }))).statusCode).toBe(404);
    expect((await adviser.api('POST', url, { reason: 'x'.repeat(500) })).statusCode).toBe(200);
  });

  it('works from the case page: a confirm page with the reason, then the record of the removal', async () => {
    const caseId = await openCase();
    const attachmentId = await attach(caseId, 'udskrift-forkert.txt');
    const removalUrl = `/sager/${caseId}/bilag/${attachmentId}/fjern`;
    let casePage = await adviser.get(`/sager/${caseId}`);
    expect(casePage.body).toContain(`href="${removalUrl}"`);

    const confirm = await adviser.getPage(removalUrl);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('udskrift-forkert.txt');
    expect(confirm.body).toContain('Hvorfor fjernes bilaget?');
    expect(confirm.body).toContain('Højst 500 tegn.');
    expect(confirm.body).toContain('name="_csrf"');

    const empty = await unchanged(() => adviser.postForm(removalUrl, { reason: '' }));
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Skal udfyldes.');
    const posted = await adviser.postForm(removalUrl, { reason: 'Uploadet på den forkerte sag' });
    expect(posted.statusCode, posted.body.slice(0, 300)).toBe(303);
    expect(posted.headers.location).toBe(`/sager/${caseId}?notice=attachmentRemoved`);

    casePage = await adviser.get(`/sager/${caseId}?notice=attachmentRemoved`);
    expect(casePage.body).toContain('Bilaget er fjernet, og filen er slettet.');
    expect(casePage.body).not.toContain('udskrift-forkert.txt');
    expect(casePage.body).not.toContain(`/bilag/${attachmentId}"`);
    expect(casePage.body).toContain('Bilag fjernet (filen er slettet)');
    expect(casePage.body).toContain(`href="${removalUrl}"`); // "See the reason" in the timeline

    const record = await adviser.get(removalUrl);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('Fjernet bilag');
    expect(record.body).toContain('Uploadet på den forkerte sag');
    expect(record.body).toContain(world.users.adviser.displayName);
    expect(record.body).not.toContain('udskrift-forkert.txt');
    expect(record.body).not.toContain('name="reason"');

    const twice = await unchanged(() => adviser.postForm(removalUrl, { reason: 'Igen' }));
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('Bilaget er allerede fjernet.');
  });

  it('is refused with 404 to a read-only share and to another team; a write share may remove', async () => {
    const caseId = await openCase();
    const attachmentId = await attach(caseId);
    const shareId = await shareWithChildWelfare(caseId, 'read');
    const removalUrl = `/sager/${caseId}/bilag/${attachmentId}/fjern`;
    const apiUrl = `/api/v1/cases/${caseId}/attachments/${attachmentId}/remove`;
    // The reader may download the file, but not remove it, nor open the removal form.
    expect((await caseworker.get(`/sager/${caseId}/bilag/${attachmentId}`)).statusCode).toBe(200);
    expect((await caseworker.get(`/sager/${caseId}`)).body).not.toContain(removalUrl);
    for (const client of [caseworker, jobworker]) {
      await unchanged(async () => {
        expect((await client.api('POST', apiUrl, { reason: 'Fejl' })).statusCode).toBe(404);
        expect((await client.postForm(removalUrl, { reason: 'Fejl' })).statusCode).toBe(404);
        expect((await client.postForm(removalUrl, { reason: '' })).statusCode).toBe(404);
        expect((await client.get(removalUrl)).statusCode).toBe(404);
      });
    }
    const denied = await owner(`select 1 from audit_events where outcome = 'denied' and actor_user_id = $1`, [world.users.caseworker.id]);
    expect(denied.length).toBeGreaterThan(0);

    expect((await adviser.api('PUT', `/api/v1/cases/${caseId}/shares/${shareId}`, { access: 'write', version: 1 })).statusCode).toBe(200);
    expect((await caseworker.api('POST', apiUrl, { reason: 'Forkert sag' })).statusCode).toBe(200);
    const [row] = await owner<{ bytes: number; removed_by: string }>('select octet_length(content_enc) as bytes, removed_by::text from case_attachments where id = $1', [attachmentId]);
    expect(Number(row.bytes)).toBe(0);
    expect(row.removed_by).toBe(world.users.caseworker.id);
    // Once removed, anyone who reads the case may see who removed it and why; others still get 404.
    expect((await adviser.api('PUT', `/api/v1/cases/${caseId}/shares/${shareId}`, { access: 'read', version: 2 })).statusCode).toBe(200);
    const record = await caseworker.get(removalUrl);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('Forkert sag');
    expect((await jobworker.get(removalUrl)).statusCode).toBe(404);
  });
});
