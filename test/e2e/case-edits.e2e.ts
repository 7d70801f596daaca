/**
 * Two edits on a running case in a real browser: the owner changes a read-only share with the
 * job centre to read and write (and, from a browser without JavaScript, back to read), and
 * removes a wrongly uploaded attachment with a reason: the confirm page, the refusal without a
 * reason, the file gone from the list and from its download address, and the timeline's link
 * to who removed it, when and why. axe (WCAG 2.1 A/AA) on every page shown.
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

/** A real 1×1 PNG (the server decides the type from the bytes, not the name). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A small one-page PDF. */
const PDF = Buffer.from([
  '%PDF-1.4',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
  'trailer << /Root 1 0 R >>',
  '%%EOF',
  '',
].join('\n'));
const WRONG_FILE = 'forkert-sag.png';
const KEPT_FILE = 'samtale-referat.pdf';
const REASON = 'Uploadet på den forkerte sag.';

/** A section of the case page, found by its heading. */
function section(page: Page, heading: string): Locator {
  return page.locator('main section', { has: page.getByRole('heading', { name: heading, exact: true }) });
}

/**
 * The accessible name of a button or link whose visible text is followed by a visually hidden
 * ": <what>" (Chromium joins the two with a space: "Giv skriveadgang : Jobcentret").
 */
function named(text: string, what: string): RegExp {
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(text)}\\s*: ${escape(what)}$`);
}

/** The HTTP status the browser gets for `path` (fetched by the page, with its cookies). */
async function statusOf(page: Page, path: string): Promise<number> {
  return page.evaluate(async (url) => (await fetch(url, { cache: 'no-store' })).status, path);
}

/** The people offered as owner of a new task (only users who may write the case). */
async function taskOwnerOptions(page: Page): Promise<string[]> {
  return page.locator('form[action$="/opgaver"] select[name="ownerUserId"] option').allTextContents();
}

it('the owner gives a shared team write access and removes a wrong attachment with a reason', async () => {
  const tenant = await createTenant(server.deps, { name: 'Rettelserup Kommune' });
  const unit = await createTeam(server.deps, tenant, { name: 'NSK-enheden', kind: 'unit' });
  const job = await createTeam(server.deps, tenant, { name: 'Jobcentret', kind: 'job_centre' });
  const adviser = await createUser(server.deps, tenant, { role: 'adviser', team: unit, displayName: 'Rikke Rådgiver' });
  const jobworker = await createUser(server.deps, tenant, { role: 'caseworker', team: job, displayName: 'Jonas Jobkonsulent' });
  const baseURL = server.urlFor(tenant);
  const { page, context, problems } = await openPage(browser, { baseURL });
  await logInAs(page, adviser);

  // A case to work on: the adviser registers a concern and opens a case from it.
  await visit(page, '/bekymring');
  await page.locator('#field-ageGroup-0').check();
  await page.locator('#field-identify-1').check();
  await page.locator('#field-identity\\.name').fill('Testpige Rettelse');
  await page.locator('#field-sourceSector').selectOption('school');
  await page.locator('#field-forms-0').check();
  await page.locator('#field-description').fill('Hun må ikke gå til svømning, og broren følger hende hjem.');
  await press(page, page.locator('main form button[type="submit"]'));
  const reference = /H-\d{4}-\d{5}/.exec((await page.locator('main').textContent()) ?? '')![0];
  await visit(page, '/henvendelser');
  await press(page, page.getByRole('link', { name: reference }));
  await press(page, page.locator('form[action$="/opret-sag"] button[type="submit"]'));
  const casePath = new URL(page.url()).pathname;
  expect(casePath).toMatch(/^\/sager\/[0-9a-f-]{36}$/);

  // Shared read-only with the job centre.
  await press(page, page.getByRole('link', { name: 'Del eller overdrag sagen' }));
  expect(new URL(page.url()).pathname).toBe(`${casePath}/del`);
  await page.getByLabel('Dele sagen (dit team bevarer ejerskabet)').check();
  await page.locator('#field-teamId').selectOption({ label: 'Jobcentret' });
  await page.locator('#field-access').selectOption('read');
  await page.locator('#field-situation').fill('Pigen (13) følges overalt af sin bror.');
  await page.locator('#field-done').fill('Samtale på skolen.');
  await page.locator('#field-contacts').fill('Klasselæreren via skolens kontor.');
  await page.locator('#field-consentStatus').selectOption('given');
  expect(await press(page, page.locator('main form button[type="submit"]'))).toBe(200);
  expect(new URL(page.url()).pathname).toBe(casePath);
  expect(await page.locator('.alert-success').textContent()).toContain('Sagen er delt.');
  const shares = section(page, 'Delt med');
  expect((await shares.locator('li').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([
    'Jobcentret (Læse) Giv skriveadgang: Jobcentret Ophæv deling: Jobcentret',
  ]);
  // A read share's users may not own tasks on the case.
  expect(await taskOwnerOptions(page)).not.toContain(jobworker.displayName);

  // Read → write: the page shows the new level, the other button, and the change in the timeline.
  expect(await press(page, shares.getByRole('button', { name: named('Giv skriveadgang', 'Jobcentret') }))).toBe(200);
  expect(new URL(page.url()).pathname).toBe(casePath);
  expect(await page.locator('.alert-success').textContent()).toContain('Gemt.');
  expect((await shares.locator('li').textContent())?.replace(/\s+/g, ' ')).toContain('Jobcentret (Læse og skrive)');
  expect(await shares.getByRole('button', { name: named('Begræns til læseadgang', 'Jobcentret') }).count()).toBe(1);
  expect(await shares.getByRole('button', { name: named('Giv skriveadgang', 'Jobcentret') }).count()).toBe(0);
  expect(await section(page, 'Tidslinje').textContent()).toContain('Adgangen for et team, sagen er delt med, blev ændret fra læseadgang til læse- og skriveadgang');
  // The shared team's rights follow at once: its caseworker may now own a task.
  expect(await taskOwnerOptions(page)).toContain(jobworker.displayName);

  // Two attachments: a record of a conversation, and a picture uploaded on the wrong case.
  const attachments = section(page, 'Bilag');
  expect(await attachments.textContent()).toContain('Ingen bilag.');
  for (const file of [{ name: KEPT_FILE, mimeType: 'application/pdf', buffer: PDF }, { name: WRONG_FILE, mimeType: 'image/png', buffer: PNG }]) {
    await attachments.getByLabel('Fil', { exact: true }).setInputFiles(file);
    expect(await press(page, attachments.getByRole('button', { name: 'Upload', exact: true }))).toBe(200);
    expect(new URL(page.url()).pathname).toBe(casePath);
  }
  expect(await attachments.getByRole('link', { name: KEPT_FILE, exact: true }).count()).toBe(1);
  const wrongLink = attachments.getByRole('link', { name: WRONG_FILE, exact: true });
  const download = await wrongLink.getAttribute('href');
  expect(await statusOf(page, download!)).toBe(200);

  // "Fjern": the confirm page names the file and says what removal means.
  expect(await press(page, attachments.getByRole('link', { name: named('Fjern', WRONG_FILE) }))).toBe(200);
  const removePath = new URL(page.url()).pathname;
  expect(removePath).toMatch(new RegExp(`^${casePath}/bilag/[0-9a-f-]{36}/fjern$`));
  expect(await page.locator('h1').textContent()).toBe('Fjern bilag');
  const confirm = (await page.locator('main').textContent()) ?? '';
  expect(confirm).toContain(WRONG_FILE);
  expect(confirm).toContain('image/png');
  expect(confirm).toContain('Bilaget slettes helt');

  // Without a reason: refused, with the message at the field and in the summary; nothing removed.
  expect(await press(page, page.getByRole('button', { name: 'Fjern bilaget' }))).toBe(400);
  expect(new URL(page.url()).pathname).toBe(removePath);
  expect(await page.locator('h1').textContent()).toBe('Fjern bilag');
  const summaryLink = page.locator('#error-summary').getByRole('link');
  expect(await summaryLink.getAttribute('href')).toBe('#field-reason');
  expect(await summaryLink.textContent()).toBe('Skal udfyldes.');
  const reason = page.getByLabel('Hvorfor fjernes bilaget?');
  expect(await reason.getAttribute('aria-invalid')).toBe('true');
  expect(await reason.getAttribute('aria-describedby')).toContain('field-reason-error');
  expect(await page.locator('#field-reason-error').textContent()).toContain('Skal udfyldes.');
  expect(await statusOf(page, download!)).toBe(200);

  // With a reason: back on the case with a notice; the file is gone from the list and its address.
  await reason.fill(REASON);
  expect(await press(page, page.getByRole('button', { name: 'Fjern bilaget' }))).toBe(200);
  expect(new URL(page.url()).pathname).toBe(casePath);
  expect(await page.locator('.alert-success').textContent()).toContain('Bilaget er fjernet, og filen er slettet.');
  expect(await attachments.getByRole('link', { name: KEPT_FILE, exact: true }).count()).toBe(1);
  expect(await attachments.getByRole('link', { name: named('Fjern', WRONG_FILE) }).count()).toBe(0);
  expect(await page.locator('main').textContent()).not.toContain(WRONG_FILE);
  expect(await statusOf(page, download!)).toBe(404);

  // The timeline says an attachment was removed; "Se begrundelse" tells by whom and why.
  const timeline = section(page, 'Tidslinje');
  const removedEvent = timeline.locator('li', { hasText: 'Bilag fjernet (filen er slettet)' });
  expect(await removedEvent.count()).toBe(1);
  expect(await press(page, removedEvent.getByRole('link', { name: 'Se begrundelse' }))).toBe(200);
  expect(new URL(page.url()).pathname).toBe(removePath);
  expect(await page.locator('h1').textContent()).toBe('Fjernet bilag');
  const removed = (await page.locator('main').textContent()) ?? '';
  expect(removed).toContain(REASON);
  expect(removed).toContain(adviser.displayName);
  expect(removed).toContain('image/png');
  expect(removed).not.toContain(WRONG_FILE);
  expect(await page.getByRole('button', { name: 'Fjern bilaget' }).count()).toBe(0);
  await press(page, page.locator('main').getByRole('link', { name: 'Tilbage', exact: true }));
  expect(new URL(page.url()).pathname).toBe(casePath);

  // Without JavaScript, the owner limits the share to reading again.
  const scriptless = await openPage(browser, { baseURL, javaScript: false });
  const s = scriptless.page;
  await logInAs(s, adviser);
  await visit(s, casePath);
  const sharesWithoutScript = section(s, 'Delt med');
  expect(await press(s, sharesWithoutScript.getByRole('button', { name: named('Begræns til læseadgang', 'Jobcentret') }))).toBe(200);
  expect(new URL(s.url()).pathname).toBe(casePath);
  expect((await sharesWithoutScript.locator('li').textContent())?.replace(/\s+/g, ' ')).toContain('Jobcentret (Læse)');
  expect(await sharesWithoutScript.getByRole('button', { name: named('Giv skriveadgang', 'Jobcentret') }).count()).toBe(1);
  expect(await section(s, 'Tidslinje').textContent()).toContain('blev ændret fra læse- og skriveadgang til læseadgang');
  expect(await taskOwnerOptions(s)).not.toContain(jobworker.displayName);
  expectNoPageProblems(scriptless.problems);
  await scriptless.context.close();

  expectNoPageProblems(problems);
  await context.close();
});

it('logged no server errors during the journey', () => {
  expect(server.errorLogs()).toEqual([]);
});
