/**
 * The bad-input list: each gets a clear, translated error (Danish by default, English
 * on request) and changes nothing (a digest of every tenant row before and after).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { tenantDigest } from '../support/factories.js';
import type { TestClient } from '../support/client.js';
import { childConcern, clientFor, makeWorld, type World } from './world.js';

let t: TestApp;
let world: World;
let teacher: TestClient;
let adviser: TestClient;
let caseId: string;
let otherCasePerson: string;

beforeAll(async () => {
  t = await createTestApp();
  world = await makeWorld(t);
  [teacher, adviser] = await Promise.all([clientFor(t, world, world.users.teacher), clientFor(t, world, world.users.adviser)]);
  const open = async () => {
    const inquiry = (await teacher.api('POST', '/api/v1/inquiries', childConcern())).json();
    const { version } = (await adviser.api('GET', `/api/v1/inquiries/${inquiry.id}`)).json();
    return (await adviser.api('POST', `/api/v1/inquiries/${inquiry.id}/case`, { version })).json().caseId as string;
  };
  caseId = await open();
  const other = await open();
  otherCasePerson = (await adviser.api('GET', `/api/v1/cases/${other}`)).json().persons[0].id;
});
afterAll(async () => { if (process.env.SHOW_ERRORS) console.log(t.logLines.filter((line) => line.includes('request failed')).join('\n')); await t.close(); });

async function unchanged<T>(work: () => Promise<T>): Promise<T> {
  const before = await tenantDigest(t.deps, world.tenant.id);
  const result = await work();
  expect(await tenantDigest(t.deps, world.tenant.id)).toBe(before);
  return result;
}

function messages(response: { json: () => { error: { fields?: { field: string; message: string }[]; message: string } } }): string[] {
  const error = response.json().error;
  return [error.message, ...(error.fields ?? []).map((field) => field.message)];
}

function multipart(filename: string, content: Buffer): { body: Buffer; type: string } {
  const boundary = '----sbtest' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`);
  return { body: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b0e6f40000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

describe('bad input to the case flow', () => {
  it('refuses invalid CPR numbers with a clear message in Danish and English', async () => {
    const cases: [string, string, string][] = [
      ['12345', 'CPR-nummeret skal være 10 cifre', 'The CPR number must be 10 digits'],
      ['3102121234', 'ikke en gyldig fødselsdato', 'does not hold a valid date of birth'],
      ['2902231234', 'ikke en gyldig fødselsdato', 'does not hold a valid date of birth'],
      [`0101${String((new Date().getFullYear() + 1) % 100).padStart(2, '0')}5000`, 'ligger i fremtiden', 'is in the future'],
      ['abcdefghij', 'CPR-nummeret skal være 10 cifre', 'The CPR number must be 10 digits'],
    ];
    for (const [cpr, da, en] of cases) {
      await unchanged(async () => {
        const body = childConcern({ identity: { name: 'Testpige', cpr } });
        const danish = await teacher.api('POST', '/api/v1/inquiries', body);
        expect(danish.statusCode, cpr).toBe(400);
        expect(messages(danish).join(' '), cpr).toContain(da);
        const english = await teacher.api('POST', '/api/v1/inquiries', body, { 'accept-language': 'en' });
        expect(messages(english).join(' '), cpr).toContain(en);
      });
    }
  });

  it('shows the CPR error on the form, keeping what the professional typed', async () => {
    await teacher.getPage('/bekymring');
    const response = await unchanged(() => teacher.postForm('/bekymring', {
      ageGroup: 'child', identify: 'yes', 'identity.name': 'Testpige Demo', 'identity.cpr': '320112-1234', sourceSector: 'school', description: 'Min beskrivelse bevares',
    }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('CPR-nummeret indeholder ikke en gyldig fødselsdato.');
    expect(response.body).toContain('Min beskrivelse bevares');
    expect(response.body).toContain('value="Testpige Demo"');
  });

  it('asks again, keeping the name and CPR number, when the form does not say whether the person is named', async () => {
    await teacher.getPage('/bekymring');
    const typed = { ageGroup: 'child', 'identity.name': 'Testpige Demo', 'identity.cpr': '010112-1234', sourceSector: 'school', description: 'Min beskrivelse' };
    for (const identify of [undefined, 'maybe', ['yes', 'yes']]) {
      const form: Record<string, string | string[]> = identify === undefined ? { ...typed } : { ...typed, identify };
      const response = await unchanged(() => teacher.postForm('/bekymring', form));
      expect(response.statusCode, JSON.stringify(identify)).toBe(400);
      expect(response.body).toContain('Vælg en af mulighederne.');
      expect(response.body).toContain('value="Testpige Demo"');
    }
    // An identity field the form does not have is refused, not ignored.
    const unknown = await unchanged(() => teacher.postForm('/bekymring', { ...typed, identify: 'yes', 'identity.foo': 'x' }));
    expect(unknown.statusCode).toBe(400);
  });

  it('refuses a date in the future', async () => {
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const response = await unchanged(() => teacher.api('POST', '/api/v1/inquiries', childConcern({ observedOn: future })));
    expect(response.statusCode).toBe(400);
    expect(messages(response)).toContain('Datoen må ikke ligge i fremtiden.');
  });

  it('refuses a relation to a person who is not on the case', async () => {
    const subject = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().persons[0].id;
    const response = await unchanged(() => adviser.api('POST', `/api/v1/cases/${caseId}/relations`, { fromPersonId: otherCasePerson, toPersonId: subject, relation: 'father' }));
    expect(response.statusCode).toBe(400);
    expect(messages(response)).toContain('Personen findes ikke på sagen.');
    const english = await adviser.api('POST', `/api/v1/cases/${caseId}/relations`, { fromPersonId: otherCasePerson, toPersonId: subject, relation: 'father' }, { 'accept-language': 'en' });
    expect(messages(english)).toContain('The person is not on the case.');
  });

  it('refuses an attachment whose extension lies about its content, and executables', async () => {
    for (const [name, content, expected] of [
      ['rapport.pdf', PNG, 'Filens indhold passer ikke til filnavnets endelse (.pdf)'],
      ['billede.png', PDF, 'Filens indhold passer ikke til filnavnets endelse (.png)'],
      ['program.exe', EXE, 'Filtypen er ikke tilladt'],
      ['faktura.pdf', EXE, 'Filtypen er ikke tilladt'],
      ['noter.txt', ELF, 'Filtypen er ikke tilladt'],
      ['noter.txt', Buffer.from([0x00, 0xff, 0xfe, 0x00]), 'Filens indhold passer ikke'],
    ] as const) {
      const upload = multipart(name, content);
      const response = await unchanged(() => adviser.request({ method: 'POST', url: `/sager/${caseId}/bilag?_csrf=${adviser.csrfToken}`, body: upload.body, headers: { 'content-type': upload.type } }));
      expect(response.statusCode, name).toBe(400);
      expect(response.body, name).toContain(expected);
    }
    const good = multipart('billede.png', PNG);
    const accepted = await adviser.request({ method: 'POST', url: `/sager/${caseId}/bilag?_csrf=${adviser.csrfToken}`, body: good.body, headers: { 'content-type': good.type } });
    expect(accepted.statusCode, accepted.body.slice(0, 500)).toBe(303);
    const [row] = (await t.db.unsafeOwnerQuery<{ media_type: string; content_enc: Uint8Array; size_bytes: number }>('select media_type, content_enc, size_bytes from case_attachments where case_id = $1', [caseId])).rows;
    expect(row.media_type).toBe('image/png');
    expect(row.size_bytes).toBe(PNG.length);
    expect(Buffer.from(row.content_enc).includes(PNG.subarray(0, 16))).toBe(false);
    const detail = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json();
    const download = await adviser.get(`/sager/${caseId}/bilag/${detail.attachments[0].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
  });

  it('takes and gives attachments through the API, with the same checks and clear errors', async () => {
    const url = `/api/v1/cases/${caseId}/attachments`;
    const csrf = { 'x-csrf-token': adviser.csrfToken! };
    const lying = multipart('rapport.pdf', PNG);
    const refused = await unchanged(() => adviser.request({ method: 'POST', url, body: lying.body, headers: { 'content-type': lying.type, ...csrf } }));
    expect(refused.statusCode).toBe(400);
    expect(messages(refused).join(' ')).toContain('Filens indhold passer ikke til filnavnets endelse (.pdf)');
    const exe = multipart('program.exe', EXE);
    const english = await unchanged(() => adviser.request({ method: 'POST', url, body: exe.body, headers: { 'content-type': exe.type, 'accept-language': 'en', ...csrf } }));
    expect(english.statusCode).toBe(400);
    expect(english.json().error.fields[0].field).toBe('file');
    const json = await unchanged(() => adviser.api('POST', url, { file: 'aGVq' }));
    expect(json.statusCode).toBe(415);
    expect(json.json().error.message).toBe('Send filen som multipart/form-data i feltet »file«.');
    const big = multipart('stor.pdf', Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024 + 10, 0x20)]));
    const tooLarge = await unchanged(() => adviser.request({ method: 'POST', url, body: big.body, headers: { 'content-type': big.type, ...csrf } }));
    expect(tooLarge.statusCode).toBe(413);
    expect(messages(tooLarge).join(' ')).toContain('Filen er for stor. Den største tilladte størrelse er 20 MB.');

    const good = multipart('Referat fra møde.pdf', PDF);
    const created = await adviser.request({ method: 'POST', url, body: good.body, headers: { 'content-type': good.type, ...csrf } });
    expect(created.statusCode, created.body.slice(0, 300)).toBe(201);
    const { id } = created.json() as { id: string };
    const listed = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().attachments as { id: string; filename: string; mediaType: string; sizeBytes: number }[];
    expect(listed.find((file) => file.id === id)).toMatchObject({ filename: 'Referat fra møde.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length });
    const download = await adviser.request({ method: 'GET', url: `${url}/${id}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="file"; filename*=UTF-8''${encodeURIComponent('Referat fra møde.pdf')}`);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    const { rows } = await t.db.unsafeOwnerQuery<{ action: string }>(`select action from audit_events where entity_id = $1 order by id`, [id]);
    expect(rows.map((row) => row.action)).toEqual(['case.attachment.create', 'case.attachment.read']);
    const missing = await adviser.request({ method: 'GET', url: `${url}/00000000-0000-4000-8000-000000000000` });
    expect(missing.statusCode).toBe(404);
  });

  it('answers a cut-off upload with a clear 400, and keeps long or spoofing file names honest', async () => {
    const url = `/api/v1/cases/${caseId}/attachments`;
    const csrf = { 'x-csrf-token': adviser.csrfToken! };
    const cut = '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nabc';
    const api = await unchanged(() => adviser.request({ method: 'POST', url, body: cut, headers: { 'content-type': 'multipart/form-data; boundary=XYZ', ...csrf } }));
    expect(api.statusCode).toBe(400);
    expect(messages(api).join(' ')).toContain('Filen kom ikke helt frem.');
    const page = await unchanged(() => adviser.request({ method: 'POST', url: `/sager/${caseId}/bilag?_csrf=${adviser.csrfToken}`, body: cut, headers: { 'content-type': 'multipart/form-data; boundary=XYZ' } }));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Filen kom ikke helt frem.');

    const long = multipart(`${'m'.repeat(2000)}.pdf`, PDF);
    const longCreated = await adviser.request({ method: 'POST', url, body: long.body, headers: { 'content-type': long.type, ...csrf } });
    expect(longCreated.statusCode, longCreated.body.slice(0, 300)).toBe(201);
    const spoof = multipart('rapport\u202Efdp.txt', Buffer.from('hej'));
    const spoofCreated = await adviser.request({ method: 'POST', url, body: spoof.body, headers: { 'content-type': spoof.type, ...csrf } });
    expect(spoofCreated.statusCode, spoofCreated.body.slice(0, 300)).toBe(201);
    const listed = (await adviser.api('GET', `/api/v1/cases/${caseId}`)).json().attachments as { id: string; filename: string }[];
    expect(listed.find((file) => file.id === longCreated.json().id)?.filename).toBe(`${'m'.repeat(196)}.pdf`);
    expect(listed.find((file) => file.id === spoofCreated.json().id)?.filename).toBe('rapportfdp.txt');
  });

  it('refuses a file over 20 MB', async () => {
    const big = multipart('stor.pdf', Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024 + 10, 0x20)]));
    const response = await unchanged(() => adviser.request({ method: 'POST', url: `/sager/${caseId}/bilag?_csrf=${adviser.csrfToken}`, body: big.body, headers: { 'content-type': big.type } }));
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('Filen er for stor. Den største tilladte størrelse er 20 MB.');
  });

  it('refuses a task due before the day it is created', async () => {
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const response = await unchanged(() => adviser.api('POST', `/api/v1/cases/${caseId}/tasks`, { title: 'For sent', dueDate: yesterday }));
    expect(response.statusCode).toBe(400);
    expect(messages(response)).toContain('Fristen kan ikke ligge før i dag, hvor opgaven oprettes.');
    const english = await adviser.api('POST', `/api/v1/cases/${caseId}/tasks`, { title: 'Too late', dueDate: yesterday }, { 'accept-language': 'en' });
    expect(messages(english)).toContain('The due date cannot be before today, when the task is created.');
  });

  it('refuses a transfer to a team that does not exist or to the own team', async () => {
    const body = { situation: 'S', done: 'D', contacts: 'K', consentStatus: 'given' };
    const missing = await unchanged(() => adviser.api('POST', `/api/v1/cases/${caseId}/transfers`, { ...body, teamId: '6f1c4e1e-2b0a-4a55-9d7e-000000000000' }));
    expect(missing.statusCode).toBe(400);
    expect(messages(missing)).toContain('Teamet findes ikke.');
    const own = await unchanged(() => adviser.api('POST', `/api/v1/cases/${caseId}/transfers`, { ...body, teamId: world.teams.unit.id }));
    expect(own.statusCode).toBe(400);
    expect(messages(own)).toContain('Sagen kan ikke deles med eller overdrages til dit eget team.');
    const partner = await unchanged(() => adviser.api('POST', `/api/v1/cases/${caseId}/shares`, { ...body, teamId: world.teams.partner.id }));
    expect(partner.statusCode).toBe(400);
    const formResponse = await unchanged(async () => {
      await adviser.getPage(`/sager/${caseId}/del`);
      return adviser.postForm(`/sager/${caseId}/del`, { kind: 'transfer', teamId: world.teams.unit.id, ...body, situation: 'Min tekst bevares' });
    });
    expect(formResponse.statusCode).toBe(400);
    expect(formResponse.body).toContain('Sagen kan ikke deles med eller overdrages til dit eget team.');
    expect(formResponse.body).toContain('Min tekst bevares');
  });

  it('refuses accepting a transfer twice, in Danish and English', async () => {
    const caseworker = await clientFor(t, world, world.users.caseworker);
    const transfer = (await adviser.api('POST', `/api/v1/cases/${caseId}/transfers`, { teamId: world.teams.bur.id, situation: 'S', done: 'D', contacts: 'K', consentStatus: 'given' })).json();
    expect((await caseworker.api('POST', `/api/v1/transfers/${transfer.transferId}/accept`, { acknowledged: true })).statusCode).toBe(200);
    const again = await unchanged(() => caseworker.api('POST', `/api/v1/transfers/${transfer.transferId}/accept`, { acknowledged: true }, { 'accept-language': 'en' }));
    expect(again.statusCode).toBe(400);
    expect(messages(again)).toContain('The transfer has already been accepted.');
    const form = await unchanged(() => caseworker.postForm(`/overdragelser/${transfer.transferId}/accepter`, { acknowledged: 'on' }));
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('Overdragelsen er allerede accepteret.');
  });

  it('answers malformed ids with 404 and unknown fields with 400, never 500', async () => {
    expect((await adviser.api('GET', '/api/v1/cases/not-a-uuid')).statusCode).toBe(404);
    expect((await adviser.get('/sager/123/noter/abc')).statusCode).toBe(404);
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/notes`, { body: 'x', extra: 1 })).statusCode).toBe(400);
    expect((await adviser.api('POST', `/api/v1/cases/${caseId}/risk-levels`, { level: 7, reason: 'x' })).statusCode).toBe(400);
    expect((await adviser.api('GET', `/api/v1/search?q=${'x'.repeat(300)}`)).statusCode).toBe(400);
  });
});
