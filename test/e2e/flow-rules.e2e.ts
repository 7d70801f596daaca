/**
 * The flow rules' administration in a real browser: an administrator opens "Frister og
 * efterværn" from the menu, reads the five rules in Danish (and once in English), changes the
 * receipt-confirmation deadline (first with an amount the rule refuses, then 8 working days
 * with a reason), sees the new version in force and in the history, and returns to the
 * national default from a browser without JavaScript. axe (WCAG 2.1 A/AA) on every page shown.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTeam, createTenant, createUser, expectNoAxeViolations, expectNoPageProblems, launchBrowser, logInAs, openPage, startE2eServer, press, visit, type E2eServer,
} from './support/index.js';

let server: E2eServer;
let browser: Browser;
beforeAll(async () => { [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await server?.stop(); });

const RECEIPT = 'clock.receipt_confirmation';
const RECEIPT_NAME = 'Kvittering til en fagperson for en underretning om et barn';
const NOTE = 'Byrådets beslutning af 12. marts: kvittering inden 8 hverdage.';

/** The rows of the version table in `scope`, each as its cells' text. */
async function versionRows(scope: Locator): Promise<string[][]> {
  return scope.locator('table tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td'), (cell) => (cell.textContent ?? '').trim())));
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

it('an administrator changes the receipt deadline to 8 working days and returns to the national default', async () => {
  const tenant = await createTenant(server.deps, { name: 'Regelrup Kommune' });
  const unit = await createTeam(server.deps, tenant, { name: 'NSK-enheden', kind: 'unit' });
  const admin = await createUser(server.deps, tenant, { role: 'admin', team: unit, displayName: 'Ada Administrator' });
  const baseURL = server.urlFor(tenant);
  const { page, context, problems } = await openPage(browser, { baseURL });
  await logInAs(page, admin);

  // From the menu (dkfds.js may have moved the item into the "more" menu when the line is full).
  const menuItem = page.locator('.navigation-menu a', { hasText: 'Frister og efterværn' });
  if (!(await menuItem.isVisible())) await page.locator('.navigation-menu .more-button').click();
  expect(await press(page, menuItem)).toBe(200);
  expect(pathOf(page)).toBe('/admin/regler');
  expect(await page.locator('h1').textContent()).toBe('Regler for frister og efterværn');
  expect(await page.locator('main h2').allTextContents()).toEqual([
    'Akut vurdering af en underretning om et barn',
    RECEIPT_NAME,
    'Børnefaglig undersøgelse',
    'Efterværn: opfølgning efter lukning',
    'Hverdage: helligdage og kommunens lukkedage',
  ].map((name) => expect.stringContaining(name)));
  const receipt = page.getByRole('region', { name: RECEIPT_NAME });
  const overview = (await receipt.textContent()) ?? '';
  expect(overview).toContain('6 hverdage');
  expect(overview).toContain('Version 1 – national standard');
  expect(overview).toContain('Barnets lov § 133');
  expect(await page.locator('main').textContent()).toContain('Opfølgning 1, 3, 6 og 12 måneder efter lukning');

  // The same page in English, once, and back.
  await press(page, page.locator('.portal-user a.language-switch'));
  expect(pathOf(page)).toBe('/admin/regler');
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await page.locator('h1').textContent()).toBe('Rules for deadlines and aftercare');
  const receiptInEnglish = page.getByRole('region', { name: 'Receipt confirmation to a professional for a notification about a child' });
  expect(await receiptInEnglish.textContent()).toContain('6 working days');
  expect(await page.locator('.navigation-menu a', { hasText: 'Deadlines and aftercare' }).count()).toBe(1);
  await press(page, page.locator('.portal-user a.language-switch'));
  expect(await page.getAttribute('html', 'lang')).toBe('da');
  expect(await page.locator('h1').textContent()).toBe('Regler for frister og efterværn');

  // The receipt rule's page: the value in force fills the form.
  expect(await press(page, receipt.getByRole('link', { name: `Ændr reglen: ${RECEIPT_NAME}` }))).toBe(200);
  expect(pathOf(page)).toBe(`/admin/regler/${RECEIPT}`);
  expect(await page.locator('h1').textContent()).toBe(`Ændr reglen: ${RECEIPT_NAME}`);
  const amount = page.getByLabel('Antal');
  expect(await amount.inputValue()).toBe('6');
  expect(await page.getByLabel('Enhed').inputValue()).toBe('working_days');
  // The municipality already uses the national default: nothing to return to yet.
  expect(await page.getByRole('button', { name: 'Brug den nationale standard' }).count()).toBe(0);

  // 0 is refused: the message at the field and in the summary, what was typed kept, nothing saved.
  await amount.fill('0');
  expect(await press(page, page.getByRole('button', { name: 'Gem ny version' }))).toBe(400);
  expect(pathOf(page)).toBe(`/admin/regler/${RECEIPT}`);
  const summary = page.locator('#error-summary');
  expect(await summary.locator('h2').textContent()).toBe('Der er problemer med det, du har indtastet');
  const summaryLink = summary.getByRole('link');
  expect(await summaryLink.getAttribute('href')).toBe('#field-amount');
  expect(await summaryLink.textContent()).toMatch(/^Fristens længde skal være fra 1 til \d+\.$/);
  const refused = page.getByLabel('Antal');
  expect(await refused.inputValue()).toBe('0');
  expect(await refused.getAttribute('aria-invalid')).toBe('true');
  expect(await refused.getAttribute('aria-describedby')).toContain('field-amount-error');
  expect(await page.locator('#field-amount-error').textContent()).toMatch(/Fristens længde skal være fra 1 til \d+\./);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
  expect(await versionRows(page.locator('main'))).toHaveLength(1);
  await summaryLink.click();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-amount');

  // 8 working days, with a reason: saved as version 2, in force from now.
  await refused.fill('8');
  await page.getByLabel('Begrundelse').fill(NOTE);
  expect(await press(page, page.getByRole('button', { name: 'Gem ny version' }))).toBe(200);
  expect(pathOf(page)).toBe('/admin/regler');
  expect(await page.locator('.alert-success').textContent()).toContain('Den nye version er gemt og gælder fra nu.');
  const saved = (await receipt.textContent()) ?? '';
  expect(saved).toContain('8 hverdage');
  expect(saved).toContain('Version 2 – kommunens egen');
  const history = await versionRows(receipt);
  expect(history).toHaveLength(2);
  expect(history[0][0]).toMatch(/^2\s*Gælder nu$/);
  expect(history[0].slice(1, 3)).toEqual(['8 hverdage', 'Kommunen']);
  expect(history[0].slice(4)).toEqual([admin.displayName, NOTE]);
  expect(history[1][0]).toBe('1');
  expect(history[1].slice(1, 3)).toEqual(['6 hverdage', 'National standard']);
  // The other rules are untouched.
  expect(await page.getByRole('region', { name: 'Akut vurdering af en underretning om et barn' }).textContent()).toContain('Version 1 – national standard');

  // The same administrator, on a browser without JavaScript, returns to the national default.
  const scriptless = await openPage(browser, { baseURL, javaScript: false });
  const s = scriptless.page;
  await logInAs(s, admin);
  await visit(s, `/admin/regler/${RECEIPT}`);
  expect(await s.getByLabel('Antal').inputValue()).toBe('8');
  expect(await s.locator('main').textContent()).toContain('Den nationale standard er: 6 hverdage (version 1).');
  expect(await versionRows(s.locator('main'))).toHaveLength(2);
  expect(await press(s, s.getByRole('button', { name: 'Brug den nationale standard' }))).toBe(200);
  expect(pathOf(s)).toBe('/admin/regler');
  expect(await s.locator('.alert-success').textContent()).toContain('Kommunen bruger nu igen den nationale standard for reglen.');
  const restoredRule = s.getByRole('region', { name: RECEIPT_NAME });
  const restored = (await restoredRule.textContent()) ?? '';
  expect(restored).toContain('6 hverdage');
  expect(restored).toContain('Version 3 – kommunens egen, med samme indhold som den nationale standard');
  const restoredHistory = await versionRows(restoredRule);
  expect(restoredHistory.map((row) => row[0].replace(/\s+/g, ''))).toEqual(['3Gældernu', '2', '1']);
  expect(restoredHistory[0][1]).toBe('6 hverdageSamme som den nationale standard');
  expect(restoredHistory[1][5]).toBe(NOTE);
  // Back on the rule's page the way back to the default is gone again: it is the default.
  await press(s, restoredRule.getByRole('link', { name: `Ændr reglen: ${RECEIPT_NAME}` }));
  expect(await s.getByLabel('Antal').inputValue()).toBe('6');
  expect(await s.getByRole('button', { name: 'Brug den nationale standard' }).count()).toBe(0);
  expectNoPageProblems(scriptless.problems);
  await scriptless.context.close();

  expectNoPageProblems(problems);
  await context.close();
});

it('logged no server errors during the journey', () => {
  expect(server.errorLogs()).toEqual([]);
});
