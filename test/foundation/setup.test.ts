/**
 * The first-administrator link is single use even when it is submitted twice at the same
 * moment (two tabs, a double click that reaches two server connections): one administrator is
 * created, the other submission is refused with the link's own message and stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueOneTimeLink } from '../../src/features/auth/activation.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTenant } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function adminForm(username: string): Record<string, string> {
  return { tenantName: 'Prøvekommune', username, displayName: `Admin ${username}`, email: '', password: 'et-godt-langt-kodeord', passwordRepeat: 'et-godt-langt-kodeord' };
}

describe('the first-administrator link', () => {
  it('creates one administrator when two submissions race, and refuses the other', async () => {
    const tenant = await createTenant(t.deps);
    const token = await t.db.unsafeOwnerTransaction((tx) => issueOneTimeLink(tx, { tenantId: tenant.id, purpose: 'first_admin', hours: 1 }));
    const tabs = [TestClient.for(t.app, tenant), TestClient.for(t.app, tenant)];
    for (const tab of tabs) expect((await tab.getPage(`/setup/${token}`)).statusCode).toBe(200);
    const answers = await Promise.all(tabs.map((tab, index) => tab.postForm(`/setup/${token}`, adminForm(`admin.${index}`))));
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses[0]).toBe(303);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    expect(statuses[1]).toBeLessThan(500);
    const refused = answers.find((answer) => answer.statusCode !== 303)!;
    expect(refused.body).toContain('Linket er ugyldigt, udløbet eller allerede brugt');
    const { rows } = await t.db.unsafeOwnerQuery<{ username: string }>("select username from users where tenant_id = $1 and role = 'admin'", [tenant.id]);
    expect(rows).toHaveLength(1);
    // And afterwards the link is spent.
    expect((await TestClient.for(t.app, tenant).getPage(`/setup/${token}`)).statusCode).toBe(404);
  });
});
