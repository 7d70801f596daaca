/**
 * The citizen site in Chromium: every page in every language (axe-core WCAG 2.1 AA, Arabic
 * right to left, at 320 px too), no cookies or storage and no request to any other host after
 * a full visit and a message, the quick exit by button and by Shift × 3 (the neutral page is
 * intercepted, never fetched), the anonymous round trip with the staff inbox, wrong codes and
 * the sixth refused, forms without JavaScript, and the transferred bytes of a first load.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/features/citizen/catalogs/index.js';
import { CITIZEN_LANGS } from '../../src/features/citizen/languages.js';
import { PAGES } from '../../src/features/citizen/layout.js';
import {
  createTeam, createTenant, createUser, expectNoAxeViolations, expectNoPageProblems, launchBrowser, logInAs, openPage, startE2eServer,
  visit, type E2eServer, type TestTenant,
} from './support/index.js';

const EXIT_URL = 'https://www.dmi.dk/';
let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function unitTenant(): Promise<TestTenant> {
  const tenant = await createTenant(server.deps);
  await createTeam(server.deps, tenant, { kind: 'unit' });
  return tenant;
}

/** The neutral page is answered by the test itself: the real host is never contacted. */
async function interceptExit(context: BrowserContext, delayMs = 0): Promise<string[]> {
  const seen: string[] = [];
  await context.route('https://www.dmi.dk/**', async (route) => {
    seen.push(route.request().url());
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html lang="da"><title>Vejret</title><h1>Vejret</h1></html>' });
  });
  return seen;
}

/** Every request's host, to prove nothing left for another host. */
function recordHosts(page: Page): Set<string> {
  const hosts = new Set<string>();
  page.on('request', (request) => hosts.add(new URL(request.url()).host));
  return hosts;
}

async function submit(page: Page, selector = 'main form button[type="submit"]'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.locator(selector).first().click()]);
}

async function storageEntries(page: Page): Promise<number> {
  return page.evaluate(() => window.localStorage.length + window.sessionStorage.length);
}

describe('the citizen site', () => {
  it('passes axe on every page in every language, Arabic right to left, and leaves no cookie, storage or foreign request', async () => {
    const tenant = await unitTenant();
    const { page, context, problems } = await openPage(browser, { baseURL: server.urlFor(tenant) });
    const hosts = recordHosts(page);
    for (const lang of CITIZEN_LANGS) {
      for (const candidate of PAGES) {
        await visit(page, `/hjaelp/${lang}/${candidate.segment}`);
        expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(await page.title()).toBe('Information');
      }
    }
    // The self-check's result with urgent help, the sent page with the code and the conversation page.
    await visit(page, '/hjaelp/ar/test');
    await page.locator('#q9-often').check();
    expect(await page.locator('fieldset:has(#q9-often) .urgent-inline').isVisible()).toBe(true); // shown at once, before sending
    expect(await page.locator('fieldset:has(#q1-often) .urgent-inline').count()).toBe(0);
    await submit(page);
    expect(await page.locator('.callout-urgent[role="alert"]').count()).toBe(1);
    await expectNoAxeViolations(page);
    await visit(page, '/hjaelp/so/skriv');
    await page.locator('#field-message').fill('Waxaan u baahanahay caawimaad.');
    await submit(page);
    const code = (await page.locator('[data-pickup-code]').textContent())!;
    await expectNoAxeViolations(page);
    await visit(page, '/hjaelp/so/svar');
    expect(await page.locator('#field-code').getAttribute('autocomplete')).toBe('off');
    await page.locator('#field-code').fill(code);
    await submit(page);
    expect(await page.locator('.conversation').textContent()).toContain('Waxaan u baahanahay caawimaad.');
    await expectNoAxeViolations(page);

    expect(await context.cookies()).toEqual([]);
    expect(await storageEntries(page)).toBe(0);
    expect([...hosts]).toEqual([new URL(server.urlFor(tenant)).host]);
    expectNoPageProblems(problems);
    await context.close();
  });

  it('works at 320 px with the quick exit visible and at least 44 × 44 px', async () => {
    const tenant = await unitTenant();
    const { page, context, problems } = await openPage(browser, { baseURL: server.urlFor(tenant), width: 320 });
    for (const lang of ['da', 'ar'] as const) {
      for (const path of ['', 'test', 'find-hjaelp', 'skriv']) {
        await visit(page, `/hjaelp/${lang}/${path}`);
        const box = (await page.locator('#quick-exit').boundingBox())!;
        expect(box.width).toBeGreaterThanOrEqual(44);
        expect(box.height).toBeGreaterThanOrEqual(44);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      }
    }
    // Still visible after scrolling to the bottom (sticky).
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const box = (await page.locator('#quick-exit').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(100);
    expectNoPageProblems(problems);
    await context.close();
  });

  it('leaves by the button: the page is blanked and no longer the current history entry', async () => {
    const tenant = await unitTenant();
    const { page, context } = await openPage(browser, { baseURL: server.urlFor(tenant) });
    // The neutral page answers slowly here, so the blanking can be seen before it arrives.
    const exits = await interceptExit(context, 1500);
    await visit(page, '/hjaelp/da/');
    await visit(page, '/hjaelp/da/rettigheder');
    const before = await page.evaluate(() => history.length);
    const arrived = page.waitForURL(EXIT_URL);
    // Click and look in the same task: the page is already blank while the neutral page loads.
    const right = await page.evaluate(() => {
      document.getElementById('quick-exit')!.click();
      return { body: document.body.innerHTML, title: document.title, exiting: document.documentElement.classList.contains('exiting') };
    });
    expect(right).toEqual({ body: '', title: '', exiting: true });
    await arrived;
    expect(exits).toEqual([EXIT_URL]);
    expect(await page.evaluate(() => history.length)).toBe(before);
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe('/hjaelp/da/'); // the rights page was replaced, not kept
    await context.close();
  });

  it('leaves by pressing Shift three times, with a visible count, but not when typing capitals', async () => {
    const tenant = await unitTenant();
    const { page, context } = await openPage(browser, { baseURL: server.urlFor(tenant) });
    const exits = await interceptExit(context);
    await visit(page, '/hjaelp/da/');
    await visit(page, '/hjaelp/da/skriv');
    await page.locator('#field-message').click();
    await page.keyboard.type('Hej Med Dig Og Alle ANDRE');
    expect(exits).toEqual([]);
    await page.keyboard.press('Shift');
    await expect.poll(() => page.locator('#exit-presses').textContent()).toBe('Shift: 1 af 3');
    expect(await page.locator('#exit-presses').isVisible()).toBe(true);
    await page.keyboard.press('Shift');
    await expect.poll(() => page.locator('#exit-presses').textContent()).toBe('Shift: 2 af 3');
    const before = await page.evaluate(() => history.length);
    await Promise.all([page.waitForURL(EXIT_URL), page.keyboard.press('Shift')]);
    expect(exits).toEqual([EXIT_URL]);
    expect(await page.evaluate(() => history.length)).toBe(before);
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe('/hjaelp/da/');
    await context.close();
  });

  it('works without JavaScript: the exit is a plain link that leaves, and the message form sends', async () => {
    const tenant = await unitTenant();
    const { page, context, problems } = await openPage(browser, { baseURL: server.urlFor(tenant), javaScript: false });
    const exits = await interceptExit(context);
    await visit(page, '/hjaelp/en/skriv');
    await page.locator('#field-message').fill('Sent without JavaScript.');
    await submit(page);
    expect(await page.locator('[data-pickup-code]').textContent()).toMatch(/^[a-z]+ [a-z]+ [a-z]+ [a-z]+ \d{6}$/);
    await visit(page, '/hjaelp/en/test');
    await page.locator('#q1-often').check();
    await submit(page);
    expect(await page.locator('h1').textContent()).toBe(CATALOGS.en.messages['check.result.title']);
    await Promise.all([page.waitForURL(EXIT_URL), page.locator('#quick-exit').click()]);
    expect(exits).toEqual([EXIT_URL]);
    expect(await context.cookies()).toEqual([]);
    expectNoPageProblems(problems);
    await context.close();
  });

  it('carries a message to the staff inbox and the answer back to the visitor, who replies', async () => {
    const tenant = await createTenant(server.deps);
    const unit = await createTeam(server.deps, tenant, { kind: 'unit' });
    const adviser = await createUser(server.deps, tenant, { role: 'adviser', team: unit });

    const visitor = await openPage(browser, { baseURL: server.urlFor(tenant) });
    await visit(visitor.page, '/hjaelp/da/skriv');
    await visitor.page.locator('#field-message').fill('Jeg må ikke gå til fodbold. Hvad kan jeg gøre?');
    await submit(visitor.page);
    const code = (await visitor.page.locator('[data-pickup-code]').textContent())!;

    const staff = await openPage(browser, { baseURL: server.urlFor(tenant) });
    await logInAs(staff.page, adviser);
    await visit(staff.page, '/enhed/borgerhenvendelser');
    await Promise.all([staff.page.waitForEvent('load'), staff.page.locator('main table a').first().click()]);
    await expectNoAxeViolations(staff.page);
    expect(await staff.page.locator('main').textContent()).toContain('Jeg må ikke gå til fodbold.');
    await staff.page.locator('#field-message').fill('Du har ret til at gå til fodbold. Vil du mødes med os?');
    await submit(staff.page, 'form[action$="/svar"] button[type="submit"]');
    await expectNoAxeViolations(staff.page);

    await visit(visitor.page, '/hjaelp/da/svar');
    await visitor.page.locator('#field-code').fill(`  ${code.toUpperCase()} `);
    await submit(visitor.page);
    expect(await visitor.page.locator('.conversation').textContent()).toContain('Du har ret til at gå til fodbold.');
    await visitor.page.locator('#field-message').fill('Ja tak, gerne efter skole.');
    await submit(visitor.page);
    expect(await visitor.page.locator('[role="status"]').last().textContent()).toBe(CATALOGS.da.messages['read.replySent']);
    await expectNoAxeViolations(visitor.page);
    expect(await visitor.context.cookies()).toEqual([]);
    expect(await storageEntries(visitor.page)).toBe(0);

    await staff.page.reload();
    expect(await staff.page.locator('main').textContent()).toContain('Ja tak, gerne efter skole.');
    expectNoPageProblems(visitor.problems);
    expectNoPageProblems(staff.problems);
    await Promise.all([visitor.context.close(), staff.context.close()]);
  });

  it('gives a wrong code the generic message and refuses the sixth wrong code in a minute', async () => {
    const tenant = await unitTenant();
    const { page, context } = await openPage(browser, { baseURL: server.urlFor(tenant) });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await visit(page, '/hjaelp/en/svar');
      await page.locator('#field-code').fill(`sol hest kage ugle ${String(attempt).padStart(6, '0')}`);
      await Promise.all([page.waitForEvent('load'), page.locator('main form button[type="submit"]').click()]);
      expect(await page.locator('.error-message').textContent()).toBe(CATALOGS.en.messages['read.wrongCode']);
      await expectNoAxeViolations(page);
    }
    await visit(page, '/hjaelp/en/svar');
    await page.locator('#field-code').fill('sol hest kage ugle 000006');
    await Promise.all([page.waitForEvent('load'), page.locator('main form button[type="submit"]').click()]);
    expect(await page.locator('.error-message').textContent()).toBe(CATALOGS.en.messages['read.rateLimited']);
    await context.close();
  });

  it('transfers at most 150 KB on the first load of any page, fonts and scripts included', async () => {
    const tenant = await unitTenant();
    let largest = 0;
    // Danish and Arabic: the Arabic pages are the heaviest (two bytes a letter in UTF-8).
    for (const lang of ['da', 'ar'] as const) {
      for (const candidate of PAGES) {
        const { page, context } = await openPage(browser, { baseURL: server.urlFor(tenant) });
        const sizes: Promise<number>[] = [];
        page.on('requestfinished', (request) => sizes.push(request.sizes().then((size) => size.responseBodySize + size.responseHeadersSize, () => 0)));
        await page.goto(`/hjaelp/${lang}/${candidate.segment}`, { waitUntil: 'networkidle' });
        const total = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
        largest = Math.max(largest, total);
        await context.close();
      }
    }
    expect(largest).toBeGreaterThan(5_000);
    expect(largest).toBeLessThanOrEqual(150 * 1024);
  });
});
