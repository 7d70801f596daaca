/**
 * The foundation journey in a real browser against a fresh installation: the first
 * administrator sets up the municipality, enrols a second factor, creates a team and a user;
 * that user activates her account, enrols and logs in. Then the language switch, validation
 * errors, the friendly 404, the phone menu, the skip link, the demo banner, and the same forms
 * with JavaScript switched off. axe (WCAG 2.1 A/AA) runs on every page visited.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTeam,
  createTenant,
  createUser,
  enrolSecondFactor,
  expectNoAxeViolations,
  expectNoPageProblems,
  launchBrowser,
  logIn,
  logInAs,
  logOut,
  openPage,
  startE2eServer,
  visit,
  type E2eServer,
} from './support/index.js';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer({ firstAdmin: true }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ADMIN = { username: 'anne.admin', password: 'lang-nok-adgangskode-1', name: 'Anne Administrator' };
const NEW_USER = { username: 'bodil.raadgiver', password: 'endnu-en-lang-kode-2', name: 'Bodil Rådgiver' };

async function submit(page: Page, form = 'main form'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.locator(`${form} button[type="submit"]`).first().click()]);
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

describe('foundation journey', () => {
  it('first administrator sets up the municipality, creates a user who activates, enrols and logs in', async () => {
    expect(server.firstAdminLink).toMatch(/\/setup\/[A-Za-z0-9_-]+$/);
    const { page, context, problems } = await openPage(browser, { baseURL: server.url });

    // The printed first-administrator link.
    await visit(page, server.firstAdminLink!);
    await expect(page.locator('html')).toBeDefined();
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await page.locator('h1').textContent()).toBe('Opret den første administrator');
    await page.locator('#field-tenantName').fill('Testrup Kommune');
    await page.locator('#field-displayName').fill(ADMIN.name);
    await page.locator('#field-username').fill(ADMIN.username);
    await page.locator('#field-email').fill('anne@testrup.dk');
    await page.locator('#field-password').fill(ADMIN.password);
    await page.locator('#field-passwordRepeat').fill(ADMIN.password);
    await submit(page);
    expect(pathOf(page)).toBe('/login');
    await expectNoAxeViolations(page);
    expect(await page.locator('.alert-success').textContent()).toContain('Log ind');
    // The municipality's new name is in the header from now on.
    expect(await page.locator('.header .logo-text').textContent()).toBe('Testrup Kommune');

    // The link is single-use.
    const reused = await page.goto(server.firstAdminLink!);
    expect(reused?.status()).toBe(404);
    await expectNoAxeViolations(page);

    // Login, then TOTP enrolment: the secret is read from the page like an authenticator app would.
    await logIn(page, ADMIN);
    expect(pathOf(page)).toBe('/login/enrol');
    await expectNoAxeViolations(page);
    expect(await page.locator('img.totp-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await enrolSecondFactor(page);
    expect(await page.locator('h1').textContent()).toBe('Gem dine gendannelseskoder');
    await expectNoAxeViolations(page);
    const codes = await page.locator('.recovery-codes code').allTextContents();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    await Promise.all([page.waitForEvent('load'), page.locator('main a.button').click()]);
    expect(pathOf(page)).toBe('/');
    await expectNoAxeViolations(page);
    expect(await page.locator('h1').textContent()).toContain(ADMIN.name);

    // A team, through the menu.
    await Promise.all([page.waitForEvent('load'), page.locator('.navigation-menu a', { hasText: 'Teams' }).click()]);
    expect(pathOf(page)).toBe('/admin/teams');
    await expectNoAxeViolations(page);
    await page.locator('#field-name').fill('NSK-enheden');
    await page.locator('#field-kind').selectOption('unit');
    await submit(page);
    expect(await page.locator('.alert-success').textContent()).toContain('Teamet er oprettet');
    expect(await page.locator('table').textContent()).toContain('NSK-enheden');
    await expectNoAxeViolations(page);

    // A user: the activation link is shown once.
    await Promise.all([page.waitForEvent('load'), page.locator('.navigation-menu a', { hasText: 'Brugere' }).click()]);
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForEvent('load'), page.locator('main a[href="/admin/users/new"]').click()]);
    await expectNoAxeViolations(page);
    await page.locator('#field-username').fill(NEW_USER.username);
    await page.locator('#field-displayName').fill(NEW_USER.name);
    await page.locator('#field-role').selectOption('adviser');
    await page.locator('#field-teamId').selectOption({ label: 'NSK-enheden' });
    await submit(page);
    await expectNoAxeViolations(page);
    const activationLink = (await page.locator('.activation-link').textContent())!.trim();
    expect(activationLink).toMatch(/\/activate\/[A-Za-z0-9_-]+$/);
    await visit(page, '/admin/users');
    expect(await page.locator('table').textContent()).toContain(NEW_USER.name);

    await logOut(page);
    await expectNoAxeViolations(page);
    expect(await page.locator('.alert-success').count()).toBe(1);

    // The new user activates her account, enrols her second factor and logs in.
    await visit(page, new URL(activationLink).pathname);
    await page.locator('#field-password').fill(NEW_USER.password);
    await page.locator('#field-passwordRepeat').fill(NEW_USER.password);
    await submit(page);
    expect(pathOf(page)).toBe('/login');
    await expectNoAxeViolations(page);
    await logIn(page, NEW_USER);
    expect(pathOf(page)).toBe('/login/enrol');
    await expectNoAxeViolations(page);
    const secret = await enrolSecondFactor(page);
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForEvent('load'), page.locator('main a.button').click()]);
    expect(await page.locator('h1').textContent()).toContain(NEW_USER.name);
    await logOut(page);

    // A normal login afterwards: password and a code from her app.
    await logIn(page, { ...NEW_USER, totpSecret: secret });
    expect(pathOf(page)).toBe('/');
    await expectNoAxeViolations(page);
    expect(await page.locator('h1').textContent()).toBe(`Velkommen, ${NEW_USER.name}`);
    // An adviser's menu has no administration.
    expect(await page.locator('.navigation-menu a', { hasText: 'Brugere' }).count()).toBe(0);

    // Language switch: Danish → English → Danish, on the same page.
    await Promise.all([page.waitForEvent('load'), page.locator('.portal-user a.language-switch').click()]);
    expect(pathOf(page)).toBe('/');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe(`Welcome, ${NEW_USER.name}`);
    expect(await page.locator('.portal-user a.language-switch').textContent()).toBe('Dansk');
    // When the menu is too long for the line, dkfds.js adds a "more" menu: labelled in English too.
    const more = page.locator('.navigation-menu .more-button');
    if (await more.isVisible()) expect((await more.textContent())?.trim()).toBe('More');
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForEvent('load'), page.locator('.portal-user a.language-switch').click()]);
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await page.locator('h1').textContent()).toBe(`Velkommen, ${NEW_USER.name}`);

    await logOut(page);
    expect(pathOf(page)).toBe('/login');
    await expectNoAxeViolations(page);
    // Logged out means logged out: home now asks for a login.
    await page.goto('/');
    expect(pathOf(page)).toBe('/login');

    expectNoPageProblems(problems);
    await context.close();
  });

  it('shows validation errors at the field and in a summary, in the chosen language', async () => {
    const tenant = await createTenant(server.deps);
    const admin = await createUser(server.deps, tenant, { role: 'admin' });
    const { page, context, problems } = await openPage(browser, { baseURL: server.urlFor(tenant) });
    await logInAs(page, admin);

    for (const lang of ['da', 'en'] as const) {
      await page.goto(`/sprog?lang=${lang}&next=/admin/users/new`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await expectNoAxeViolations(page);
      await page.locator('#field-username').fill('Ikke Gyldig!');
      await submit(page);
      expect(pathOf(page)).toBe('/admin/users/new');

      const summary = page.locator('#error-summary');
      expect(await summary.locator('h2').textContent()).toBe(lang === 'da' ? 'Der er problemer med det, du har indtastet' : 'There is a problem with what you entered');
      // The summary is focused (dkfds.js) and links to each failing field.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
      const links = await summary.locator('a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
      expect(links).toEqual(expect.arrayContaining(['#field-username', '#field-displayName']));

      // At the field: the message, aria-invalid and aria-describedby pointing at the message.
      const username = page.locator('#field-username');
      expect(await username.getAttribute('aria-invalid')).toBe('true');
      expect(await username.getAttribute('aria-describedby')).toContain('field-username-error');
      expect(await username.inputValue()).toBe('Ikke Gyldig!');
      const message = await page.locator('#field-username-error').textContent();
      expect(message).toContain(lang === 'da' ? 'Brugernavnet må kun indeholde' : 'The user name may only contain');
      expect(await page.locator('#field-displayName-error').textContent()).toContain(lang === 'da' ? 'Skal udfyldes.' : 'Required.');
      await expectNoAxeViolations(page);

      // Following a summary link moves focus to the field.
      await page.locator('#error-summary a[href="#field-displayName"]').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-displayName');
    }

    // Wrong password: a clear message that does not say whether the account exists.
    await logOut(page);
    await page.goto('/sprog?lang=da&next=/login');
    await page.locator('#field-username').fill(admin.username);
    await page.locator('#field-password').fill('forkert-adgangskode');
    await submit(page);
    expect(await page.locator('.alert-error').textContent()).toContain('Brugernavnet eller adgangskoden er forkert');
    await expectNoAxeViolations(page);

    expectNoPageProblems(problems);
    await context.close();
  });

  it('answers unknown addresses with a friendly 404 page, logged in or not', async () => {
    const tenant = await createTenant(server.deps);
    const user = await createUser(server.deps, tenant, { role: 'adviser' });
    const { page, context, problems } = await openPage(browser, { baseURL: server.urlFor(tenant) });

    await visit(page, '/findes-ikke/overhovedet', { status: 404 });
    expect(await page.locator('h1').textContent()).toBe('Siden findes ikke');
    expect(await page.locator('main a[href="/"]').count()).toBe(1);

    await logInAs(page, user);
    await visit(page, '/admin/users', { status: 404 }); // not an adviser's page: 404, not 403
    expect(await page.locator('h1').textContent()).toBe('Siden findes ikke');
    // The frame is the normal one: the user's menu and name are there.
    expect(await page.locator('.navigation-menu a').count()).toBeGreaterThan(0);
    expect(await page.locator('.portal-user .user-name').textContent()).toBe(user.displayName);

    await page.goto('/sprog?lang=en&next=/intet-her');
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await expectNoAxeViolations(page);

    expectNoPageProblems(problems.filter((problem) => !problem.includes('404')));
    await context.close();
  });

  it('works on a phone: the menu opens as a drawer, and the skip link reaches the content', async () => {
    const tenant = await createTenant(server.deps, { isDemo: true });
    const admin = await createUser(server.deps, tenant, { role: 'admin' });
    const { page, context, problems } = await openPage(browser, { baseURL: server.urlFor(tenant), width: 375 });
    await logInAs(page, admin);
    await expectNoAxeViolations(page);

    // The demo banner is on every page.
    expect(await page.locator('.demo-banner').isVisible()).toBe(true);
    expect(await page.locator('.demo-banner').textContent()).toContain('DEMO — fiktive data');

    // The desktop menu is hidden; the Menu button opens the drawer with the same items.
    expect(await page.locator('.navigation-menu').isVisible()).toBe(false);
    const drawer = page.locator('.mobile-drawer');
    expect(await drawer.isVisible()).toBe(false);
    await page.locator('button.js-menu-open').click();
    await drawer.waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('js-menu-close'))).toBe(true);
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForEvent('load'), drawer.locator('.navigation-menu-mobile a', { hasText: 'Teams' }).click()]);
    expect(pathOf(page)).toBe('/admin/teams');
    await expectNoAxeViolations(page);
    await page.locator('button.js-menu-open').click();
    await drawer.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Skip link: first Tab stop, visible when focused, moves focus to the main content.
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skipnav');
    expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');

    // Log out from inside the drawer.
    await page.locator('button.js-menu-open').click();
    await drawer.waitFor({ state: 'visible' });
    await logOut(page);
    expect(await page.locator('.demo-banner').isVisible()).toBe(true);
    await expectNoAxeViolations(page);

    expectNoPageProblems(problems);
    await context.close();
  });

  it('logs in and submits forms with JavaScript switched off', async () => {
    const tenant = await createTenant(server.deps);
    const admin = await createUser(server.deps, tenant, { role: 'admin' });
    for (const width of [1280, 375]) {
      const { page, context, problems } = await openPage(browser, { baseURL: server.urlFor(tenant), javaScript: false, width });
      await logInAs(page, admin);
      await expectNoAxeViolations(page);
      // Without script the phone layout shows the menu as a list instead of the drawer button.
      const menu = page.locator('.navigation-menu a', { hasText: 'Teams' });
      expect(await menu.isVisible()).toBe(true);
      expect(await page.locator('button.js-menu-open').isVisible()).toBe(false);

      await Promise.all([page.waitForEvent('load'), menu.click()]);
      await expectNoAxeViolations(page);
      await submit(page); // empty name: errors come back from the server
      expect(await page.locator('#error-summary').isVisible()).toBe(true);
      expect(await page.locator('#field-name-error').textContent()).toContain('Skal udfyldes.');
      await expectNoAxeViolations(page);
      await page.locator('#field-name').fill(`Jobcentret ${width}`);
      await page.locator('#field-kind').selectOption('job_centre');
      await submit(page);
      expect(await page.locator('.alert-success').textContent()).toContain('Teamet er oprettet');
      expect(await page.locator('table').textContent()).toContain(`Jobcentret ${width}`);
      await expectNoAxeViolations(page);

      await logOut(page);
      await expectNoAxeViolations(page);
      expectNoPageProblems(problems);
      await context.close();
    }
  });

  it('logged no server errors during the journeys', () => {
    expect(server.errorLogs()).toEqual([]);
  });
});
