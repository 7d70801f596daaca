/**
 * Issue 6 in a real browser: on a municipality with the demo year's records, a manager opens
 * "Mørketal", picks the six sources, sees the estimate with its interval, the chart and the
 * overlap table, starts the bootstrap on the real job queue and watches the progress bar until
 * the intervals are there, and downloads the CSV and PDF. Then the same without JavaScript: the
 * form works and the status page is updated by a link (no timed reload: WCAG 2.2.1). axe (WCAG 2.1 A/AA) runs on every page shown.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import '../../src/features/darkfigure/demo.js';
import { DEMO_SECTORS } from '../../src/features/darkfigure/demo.js';
import { demoSeeders } from '../../src/features/demo/registry.js';
import {
  createTeam, createTenant, createUser, expectNoAxeViolations, expectNoPageProblems, launchBrowser, logInAs, openPage, startE2eServer,
  type E2eServer, type TestTenant, type TestUser,
} from './support/index.js';

let server: E2eServer;
let browser: Browser;
let tenant: TestTenant;
let manager: TestUser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  tenant = await createTenant(server.deps, { name: 'Mørkerup Kommune', isDemo: true });
  const unit = await createTeam(server.deps, tenant, { name: 'NSK-enheden', kind: 'unit' });
  manager = await createUser(server.deps, tenant, { role: 'manager', team: unit, displayName: 'Lone Leder' });
  const seeder = demoSeeders().find((candidate) => candidate.name === 'darkfigure')!;
  await server.deps.db.unsafeOwnerTransaction((tx) => seeder.seed({ tx, deps: server.deps, tenantId: tenant.id, teams: { unit: unit.id }, users: {}, fresh: true }));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function chooseDemoSources(page: Page): Promise<void> {
  for (const sector of DEMO_SECTORS) {
    const box = page.locator(`main input[name="sectors"][value="${sector}"]`);
    await page.locator(`label[for="${await box.getAttribute('id')}"]`).click();
    expect(await box.isChecked()).toBe(true);
  }
}

async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.locator(selector).first().click()]);
}

it('a manager estimates the hidden number, runs the bootstrap and downloads the result', async () => {
  const { page, context, problems } = await openPage(browser, { baseURL: server.urlFor(tenant) });
  await logInAs(page, manager);
  // The manager's menu is long: on a narrow screen dkfds.js moves "Mørketal" into the "more" menu.
  const link = page.locator('.navigation-menu a:visible', { hasText: 'Mørketal' });
  if ((await link.count()) === 0) await page.locator('.navigation-menu .more-option .more-button').click();
  await Promise.all([page.waitForEvent('load'), link.first().click()]);
  expect(new URL(page.url()).pathname).toBe('/moerketal');
  await expectNoAxeViolations(page);

  // First with one source only: the error summary says why.
  await page.locator(`label[for="${await page.locator('main input[name="sectors"][value="school"]').getAttribute('id')}"]`).click();
  await submit(page, 'main form.darkfigure-form button[type="submit"]');
  expect(await page.locator('#error-summary').textContent()).toContain('Vælg mindst 2 kilder.');
  await expectNoAxeViolations(page);

  await page.locator('main input[name="sectors"][value="school"]').uncheck();
  await chooseDemoSources(page);
  await submit(page, 'main form.darkfigure-form button[type="submit"]');
  const cards = await page.locator('.stat-card-value').allTextContents();
  expect(cards).toHaveLength(3);
  for (const value of cards) expect(value).toMatch(/^\d{1,3}(\.\d{3})*$/);
  expect(await page.locator('.darkfigure-interval').first().textContent()).toMatch(/^95 %-interval: \d+ – \d+$/);
  expect(await page.locator('.darkfigure-chart svg[role="img"] title').textContent()).toBe('Skønnet antal berørte med 95 %-interval');
  expect(await page.locator('table.darkfigure-matrix tbody tr').count()).toBe(DEMO_SECTORS.length);
  expect(await page.locator('main').textContent()).toContain('Modellen tager højde for');
  await expectNoAxeViolations(page);

  // The bootstrap on the real queue: the progress bar moves, then the page shows the intervals.
  await submit(page, 'main form[action="/moerketal/bootstrap"] button[type="submit"]');
  expect(new URL(page.url()).pathname).toMatch(/^\/moerketal\/bootstrap\/[0-9a-f-]{36}$/);
  const runPath = new URL(page.url()).pathname;
  // The queue picks the job up within a second and the bootstrap takes seconds: the bar is there.
  expect(await page.locator('progress#darkfigure-progress').count()).toBe(1);
  await expectNoAxeViolations(page);
  // Once the job has reported progress, the script sets the bar from the API (or, if the run is
  // already over, has reloaded the page).
  await page.waitForFunction(() => {
    const bar = document.querySelector('progress#darkfigure-progress') as HTMLProgressElement | null;
    return bar === null || (bar.max > 1 && bar.value > 0);
  }, undefined, { timeout: 120_000 });
  await page.locator('main p[role="status"]', { hasText: 'Beregningen er færdig.' }).waitFor({ timeout: 180_000 });
  expect(new URL(page.url()).pathname).toBe(runPath);
  expect(await page.locator('table.darkfigure-estimates thead').textContent()).toContain('95 % bootstrap (BCa)');
  expect(await page.locator('.darkfigure-chart svg title').textContent()).toBe('Skønnet antal berørte med 95 %-interval');
  await expectNoAxeViolations(page);

  // Downloads, fetched by the page itself (the session's cookie, the tenant's host name).
  const download = (href: string) => page.evaluate(async (url) => {
    const response = await fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, type: response.headers.get('content-type'), text: new TextDecoder().decode(bytes) };
  }, href);
  const csvHref = await page.locator('main a', { hasText: 'Hent som CSV med bootstrap-interval' }).getAttribute('href');
  const csv = await download(csvHref!);
  expect(csv.status).toBe(200);
  expect(csv.text).toContain('95 % bootstrap (BCa)');
  const pdfHref = await page.locator('main a', { hasText: 'Hent som PDF med bootstrap-interval' }).getAttribute('href');
  const pdf = await download(pdfHref!);
  expect(pdf.status).toBe(200);
  expect(pdf.type).toBe('application/pdf');
  expect(pdf.text.startsWith('%PDF-')).toBe(true);

  await Promise.all([page.waitForEvent('load'), page.locator('main a', { hasText: 'Tilbage til beregningen' }).click()]);
  expect(await page.locator('.stat-card-value').count()).toBe(3);
  expectNoPageProblems(problems);
  await context.close();
});

it('works without JavaScript: the form, and a status page updated by its link', async () => {
  const { page, context, problems } = await openPage(browser, { baseURL: server.urlFor(tenant), javaScript: false });
  await logInAs(page, manager);
  await page.goto('/moerketal');
  await chooseDemoSources(page);
  await page.locator('label[for="field-method-1"]').click(); // independent sources
  await submit(page, 'main form.darkfigure-form button[type="submit"]');
  expect(await page.locator('.stat-card-value').count()).toBe(3);
  expect(await page.locator('main').textContent()).toContain('Modellen antager, at kilderne er uafhængige');
  await expectNoAxeViolations(page);
  await submit(page, 'main form[action="/moerketal/bootstrap"] button[type="submit"]');
  expect(new URL(page.url()).pathname).toMatch(/^\/moerketal\/bootstrap\/[0-9a-f-]{36}$/);
  await expectNoAxeViolations(page);
  expect(await page.locator('main noscript, main p', { hasText: 'Opdatér status' }).count()).toBeGreaterThan(0);
  // No script polls and nothing reloads by itself: the user follows "Opdatér status" until done.
  const done = page.locator('main p[role="status"]', { hasText: 'Beregningen er færdig.' });
  const deadline = Date.now() + 180_000;
  while ((await done.count()) === 0) {
    if (Date.now() > deadline) throw new Error('the bootstrap run did not finish within 3 minutes');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.all([page.waitForEvent('load'), page.locator('main a', { hasText: 'Opdatér status' }).click()]);
  }
  await expectNoAxeViolations(page);
  expectNoPageProblems(problems);
  await context.close();
});
