/**
 * Calibration forms against mistaken or hostile input: a vignette chosen twice counts once (so a
 * round always has at least two different vignettes), and version numbers beyond what the
 * database holds are field errors with the form and the typed text kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTeam, createTenant, createUser, tenantDigest, type TestTenant, type TestUser } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function loggedIn(tenant: TestTenant, user: TestUser): Promise<TestClient> {
  const client = TestClient.for(t.app, tenant);
  expect((await client.loginForm(user)).statusCode).toBe(303);
  return client;
}

async function setup() {
  const tenant = await createTenant(t.deps);
  const unitTeam = await createTeam(t.deps, tenant, { kind: 'unit' });
  const adviser = await createUser(t.deps, tenant, { role: 'adviser', team: unitTeam, group: 'unit' });
  const unit = await loggedIn(tenant, adviser);
  const ids: string[] = [];
  for (const title of ['Lejrskolen', 'Sommerferien']) {
    await unit.getPage('/kalibrering/vignetter/ny');
    const response = await unit.postForm('/kalibrering/vignetter/ny', { title, expectedLevel: '1', body: `${title}: en fiktiv elev fortæller om hjemmet og om fraværet.` });
    expect(response.statusCode).toBe(303);
  }
  const { rows } = await t.db.unsafeOwnerQuery<{ id: string }>('select id::text from calibration_vignettes where tenant_id = $1 order by created_at', [tenant.id]);
  ids.push(...rows.map((row) => row.id));
  return { tenant, unit, ids };
}

describe('a new round', () => {
  it('counts a vignette chosen twice once, and refuses a round with fewer than two different vignettes', async () => {
    const { tenant, unit, ids } = await setup();
    await unit.getPage('/kalibrering/runder/ny');
    const before = await tenantDigest(t.deps, tenant.id);
    for (const vignetteIds of [[ids[0], ids[0]], [ids[0], ids[0], ids[0]], [ids[1], ids[1].toUpperCase()]]) {
      const refused = await unit.postForm('/kalibrering/runder/ny', { name: 'R1', groups: 'unit', vignetteIds });
      expect(refused.statusCode, vignetteIds.join()).toBe(400);
      expect(refused.body).toContain('Vælg mindst to forskellige vignetter.');
      expect(refused.body).toContain('value="R1"');
    }
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);

    // Two different vignettes, one of them repeated: a round of two.
    const created = await unit.postForm('/kalibrering/runder/ny', { name: 'R2', groups: ['unit', 'unit'], vignetteIds: [ids[0], ids[1], ids[0]] });
    expect(created.statusCode, created.body).toBe(303);
    const roundId = String(created.headers.location).split('/').pop()!;
    const { rows } = await t.db.unsafeOwnerQuery<{ n: number; groups: string[] }>(
      'select (select count(*)::int from calibration_round_vignettes v where v.round_id = r.id) as n, r.groups from calibration_rounds r where r.id = $1', [roundId]);
    expect(rows[0]).toEqual({ n: 2, groups: ['unit'] });
  });
});

describe('version numbers beyond what the database holds', () => {
  it('are a field error on the vignette form, keeping the typed text', async () => {
    const { tenant, unit, ids } = await setup();
    await unit.getPage(`/kalibrering/vignetter/${ids[0]}`);
    const before = await tenantDigest(t.deps, tenant.id);
    for (const version of ['99999999999', '99999999999999999999']) {
      const refused = await unit.postForm(`/kalibrering/vignetter/${ids[0]}`, {
        version, title: 'Ny titel, der ikke må gå tabt', expectedLevel: '2', body: 'En længere tekst, som brugeren har skrevet, og som skal blive stående.',
      });
      expect(refused.statusCode, version).toBe(400);
      expect(refused.body, version).toContain('Må højst være 2147483647.');
      expect(refused.body, version).toContain('Ny titel, der ikke må gå tabt');
      expect(refused.body, version).toContain('En længere tekst, som brugeren har skrevet');
      // The hidden version is the current one again, so saving once more works.
      expect(refused.body, version).toContain('name="version" value="1"');
    }
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });

  it('is refused when closing a round without a server error', async () => {
    const { tenant, unit, ids } = await setup();
    await unit.getPage('/kalibrering/runder/ny');
    const created = await unit.postForm('/kalibrering/runder/ny', { name: 'R', groups: 'unit', vignetteIds: ids });
    const roundId = String(created.headers.location).split('/').pop()!;
    await unit.getPage(`/kalibrering/runder/${roundId}`);
    const before = await tenantDigest(t.deps, tenant.id);
    const refused = await unit.postForm(`/kalibrering/runder/${roundId}/luk`, { version: '99999999999' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Må højst være 2147483647.');
    expect(refused.body).toContain(`href="/kalibrering/runder/${roundId}"`);
    expect(await tenantDigest(t.deps, tenant.id)).toBe(before);
  });
});
