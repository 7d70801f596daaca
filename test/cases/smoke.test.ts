import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { childConcern, clientFor, makeWorld } from './world.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

it('smoke: share a concern, triage, open a case, render pages', async () => {
  const world = await makeWorld(t);
  const teacher = await clientFor(t, world, world.users.teacher);
  let r = await teacher.getPage('/bekymring');
  expect(r.statusCode, r.body).toBe(200);
  r = await teacher.postForm('/bekymring', {
    ageGroup: 'child', identify: 'yes', 'identity.name': 'Testpige Demo', 'identity.cpr': '150312-4321', sourceSector: 'school',
    redFlags: ['travel_abroad'], forms: ['partner_choice'], controllers: ['father'], description: 'Hun siger, hun skal på sommerferie og ikke komme hjem igen.',
  });
  expect(r.statusCode, r.body).toBe(303);
  const receipt = await teacher.get(String(r.headers.location));
  expect(receipt.statusCode, receipt.body).toBe(200);
  expect(receipt.body).toContain('112');
  const adviser = await clientFor(t, world, world.users.adviser);
  r = await adviser.getPage('/henvendelser');
  expect(r.statusCode, r.body).toBe(200);
  const id = /href="\/henvendelser\/([0-9a-f-]{36})"/.exec(r.body)![1];
  r = await adviser.getPage(`/henvendelser/${id}`);
  expect(r.statusCode, r.body).toBe(200);
  expect(r.body).toContain('Testpige Demo');
  const version = /name="version" value="(\d+)"/.exec(r.body)![1];
  r = await adviser.postForm(`/henvendelser/${id}/opret-sag`, { version });
  expect(r.statusCode, r.body).toBe(303);
  const caseUrl = String(r.headers.location);
  r = await adviser.getPage(caseUrl);
  expect(r.statusCode, r.body).toBe(200);
  expect(r.body).toContain('Testpige Demo');
  for (const url of ['/sager', '/opgaver', '/frister', '/soeg?q=testpige', `${caseUrl}/del`, `${caseUrl}/luk`]) {
    const page = await adviser.get(url);
    expect(page.statusCode, `${url}: ${page.body.slice(0, 2000)}`).toBe(200);
  }
  expect((await adviser.get('/soeg?q=testpige')).body).toContain('Testpige Demo');
  const status = await teacher.get(`/henvendelser/${id}`);
  expect(status.body).toContain('Under behandling');
  expect(status.body).not.toContain('sommerferie');
});
