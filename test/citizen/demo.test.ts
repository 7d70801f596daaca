/** The citizen site's demo data: published contact details and two readable conversations. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedCitizenDemo } from '../../src/features/citizen/demo.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createTeam, createTenant, createUser } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('seeds the unit contact details and conversations a tester can open with the documented codes', async () => {
  const tenant = await createTenant(t.deps, { isDemo: true });
  const unit = await createTeam(t.deps, tenant, { kind: 'unit' });
  const admin = await createUser(t.deps, tenant, { role: 'admin', team: unit });
  const adviser = await createUser(t.deps, tenant, { role: 'adviser', team: unit });
  await t.db.unsafeOwnerTransaction((tx) =>
    seedCitizenDemo({ tx, deps: t.deps, tenantId: tenant.id, teams: { unit: unit.id }, users: { admin: admin.id, raadgiver: adviser.id }, fresh: true }),
  );
  const help = await t.app.inject({ url: '/hjaelp/da/find-hjaelp', headers: { host: tenant.host } });
  expect(help.body).toContain('12 34 56 78');
  const read = await t.app.inject({
    method: 'POST', url: '/hjaelp/en/svar', headers: { host: tenant.host, 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'code=demo+sol+bold+ugle+222222',
  });
  expect(read.statusCode).toBe(200);
  expect(read.body).toContain('You have the right to say no');
});

it('tells a visitor of a demo installation, on every page and in her language, that nobody real reads it', async () => {
  const demo = await createTenant(t.deps, { isDemo: true });
  const real = await createTenant(t.deps);
  for (const url of ['/hjaelp/da', '/hjaelp/ar/skriv', '/hjaelp/tr/findes-ikke']) {
    const page = await t.app.inject({ url, headers: { host: demo.host } });
    expect(page.body, url).toMatch(/<p class="demo-note" role="note"><strong>[^<]*DEMO/);
    expect((await t.app.inject({ url, headers: { host: real.host } })).body, url).not.toContain('demo-note');
  }
  const english = await t.app.inject({ url: '/hjaelp/en/svar', headers: { host: demo.host } });
  expect(english.body).toContain('Messages written here are not read by real counsellors.');
});
