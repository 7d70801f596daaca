/**
 * Issue 4 in a real browser: a teacher screens a concern and sees the level and her own action
 * plan (also with JavaScript off); the unit writes vignettes, runs a calibration round that three
 * teachers answer, and reads the results with alpha and kappa; an administrator drafts and
 * previews a new instrument version. axe (WCAG 2.1 A/AA) runs on every page shown.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_KEYS } from '../../src/features/screening/instrument/definition.js';
import {
  createTeam, createTenant, createUser, expectNoAxeViolations, expectNoPageProblems, launchBrowser, logInAs, openPage, startE2eServer, visit,
  type E2eServer, type TestTenant, type TestUser,
} from './support/index.js';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function submit(page: Page, selector = 'main form button[type="submit"]'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.locator(selector).first().click()]);
}

/** Picks a step for every domain by clicking its radio button's label, as a person would. */
async function rate(page: Page, steps: Partial<Record<(typeof DOMAIN_KEYS)[number], number>>): Promise<void> {
  for (const [index, key] of DOMAIN_KEYS.entries()) {
    const step = steps[key] ?? 0;
    await page.locator(`label[for="field-rating_${key}-${step}"]`).click();
    expect(await page.locator(`#field-rating_${key}-${step}`).isChecked(), `${index}`).toBe(true);
  }
}

async function world(): Promise<{ tenant: TestTenant; teacher: TestUser; teachers: TestUser[]; adviser: TestUser; admin: TestUser }> {
  const tenant = await createTenant(server.deps, { name: 'Testrup Kommune' });
  const school = await createTeam(server.deps, tenant, { name: 'Testrup Skole', kind: 'school' });
  const unit = await createTeam(server.deps, tenant, { name: 'NSK-enheden', kind: 'unit' });
  const teachers = [];
  for (const name of ['Lærke Lærer', 'Bo Lærer', 'Cecilie Lærer']) {
    teachers.push(await createUser(server.deps, tenant, { role: 'professional', team: school, group: 'school_daycare', displayName: name }));
  }
  const adviser = await createUser(server.deps, tenant, { role: 'adviser', team: unit, group: 'unit', displayName: 'Rikke Rådgiver' });
  const admin = await createUser(server.deps, tenant, { role: 'admin', team: unit, displayName: 'Ada Administrator' });
  return { tenant, teacher: teachers[0], teachers, adviser, admin };
}

describe('screening, action plans and calibration', () => {
  it('a teacher screens a concern and sees the level and her plan', async () => {
    const { tenant, teacher, admin } = await world();
    const { page, context, problems } = await openPage(browser, { baseURL: server.urlFor(tenant) });
    await logInAs(page, teacher);
    await Promise.all([page.waitForEvent('load'), page.locator('.navigation-menu a', { hasText: 'Fælles vurdering' }).click()]);
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForEvent('load'), page.locator('main a.button', { hasText: 'Lav en vurdering' }).click()]);
    await expectNoAxeViolations(page);

    // First without a step for one domain: the error summary names it.
    await rate(page, { education_work_leisure: 2, relations_digital: 2 });
    await page.locator('#field-rating_privacy-0').evaluate((input) => ((input as HTMLInputElement).checked = false));
    await submit(page);
    expect(await page.locator('#error-summary').textContent()).toContain('Vælg et trin fra 0 til 3.');
    await expectNoAxeViolations(page);
    await page.locator('label[for="field-rating_privacy-1"]').click();
    await page.locator('label[for="field-relations-0"]').click();
    await submit(page);

    expect(new URL(page.url()).pathname).toMatch(/^\/vurdering\/[0-9a-f-]{36}$/);
    expect(await page.locator('.level-result-value').textContent()).toBe('2 – Negativ social kontrol');
    expect(await page.locator('main').textContent()).toContain('Din handleplan (Skole og dagtilbud) ved "Negativ social kontrol"');
    expect(await page.locator('main').textContent()).toContain('Send en skriftlig underretning til Børne- og Ungerådgivningen');
    await expectNoAxeViolations(page);

    // The whole plan, with feedback on a step, and its print version.
    await Promise.all([page.waitForEvent('load'), page.locator('main a', { hasText: 'Åbn handleplanen' }).click()]);
    await expectNoAxeViolations(page);
    await Promise.all([page.waitForEvent('load'), page.locator('#step-notify-133 button[value="yes"]').click()]);
    expect(await page.locator('.alert-success').textContent()).toContain('Tak. Dit svar er gemt');
    await expectNoAxeViolations(page);
    await visit(page, '/handleplaner/school_daycare/2?udskrift=1');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.plan-feedback').count()).toBe(0);
    expect(await page.locator('.navigation-menu').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await visit(page, '/handleplaner');
    expectNoPageProblems(problems);
    await context.close();

    // The same form works without JavaScript.
    const noScript = await openPage(browser, { baseURL: server.urlFor(tenant), javaScript: false });
    await logInAs(noScript.page, teacher);
    await visit(noScript.page, '/vurdering/ny');
    await rate(noScript.page, {});
    await noScript.page.locator('label[for="field-redFlags-4"]').click();
    await submit(noScript.page);
    expect(await noScript.page.locator('.level-result-value').textContent()).toBe('3 – Akut fare');
    await expectNoAxeViolations(noScript.page);
    await noScript.context.close();

    // An administrator drafts a new version of the instrument and previews it.
    const adminPage = await openPage(browser, { baseURL: server.urlFor(tenant) });
    await logInAs(adminPage.page, admin);
    await visit(adminPage.page, '/admin/instrument');
    await submit(adminPage.page);
    expect(await adminPage.page.locator('h1').textContent()).toBe('Udkast til version 2');
    await expectNoAxeViolations(adminPage.page);
    await Promise.all([adminPage.page.waitForEvent('load'), adminPage.page.locator('main a', { hasText: 'Forhåndsvis udkastet' }).click()]);
    await expectNoAxeViolations(adminPage.page);
    expectNoPageProblems(adminPage.problems);
    await adminPage.context.close();
  });

  it('the unit runs a calibration round with three teachers and reads alpha and kappa', async () => {
    const { tenant, teachers, adviser } = await world();
    const unit = await openPage(browser, { baseURL: server.urlFor(tenant) });
    await logInAs(unit.page, adviser);
    await visit(unit.page, '/kalibrering');
    const vignettes: [string, string, number][] = [
      ['Lejrskolen', 'Sara (fiktiv, 12 år) må ikke komme med på lejrskole med overnatning; hun går ellers til håndbold.', 1],
      ['Sommerferien', 'Nadia (fiktiv, 14 år) har hørt, at hun skal blive i hjemlandet efter sommerferien, og græder.', 3],
      ['Telefonen', 'Amina (fiktiv, 15 år) må kun se godkendte veninder, og moren læser hendes telefon hver aften.', 2],
    ];
    for (const [title, body, level] of vignettes) {
      await visit(unit.page, '/kalibrering/vignetter/ny');
      await unit.page.locator('#field-title').fill(title);
      await unit.page.locator('#field-body').fill(body);
      await unit.page.locator('#field-expectedLevel').selectOption(String(level));
      await submit(unit.page);
    }
    await expectNoAxeViolations(unit.page);
    await visit(unit.page, '/kalibrering/runder/ny');
    await unit.page.locator('#field-name').fill('Forår 2026');
    await unit.page.locator('#field-groups input[value="school_daycare"]').check();
    for (const box of await unit.page.locator('#field-vignetteIds input').all()) await box.check();
    await submit(unit.page);
    const roundUrl = new URL(unit.page.url()).pathname;
    await expectNoAxeViolations(unit.page);

    const answers: Record<string, number>[][] = [
      [{ education_work_leisure: 1 }, { generational_conflict: 1 }, { relations_digital: 2, privacy: 2 }],
      [{ education_work_leisure: 2 }, { isolation_threats: 3 }, { relations_digital: 2, privacy: 1 }],
      [{ education_work_leisure: 1 }, { generational_conflict: 2 }, { relations_digital: 2, privacy: 2 }],
    ];
    const flags = [[false, true, false], [false, true, false], [false, false, false]];
    for (const [t, teacher] of teachers.entries()) {
      const { page, context, problems } = await openPage(browser, { baseURL: server.urlFor(tenant) });
      await logInAs(page, teacher);
      await visit(page, roundUrl);
      // Before answering everything, the results are closed to her.
      await visit(page, `${roundUrl}/resultater`, { status: 404 });
      await visit(page, roundUrl);
      await Promise.all([page.waitForEvent('load'), page.locator('main a.button', { hasText: 'Begynd at svare' }).click()]);
      for (let v = 0; v < vignettes.length; v++) {
        await expectNoAxeViolations(page);
        await rate(page, answers[t][v]);
        if (flags[t][v]) await page.locator('label[for="field-redFlags-1"]').click();
        await submit(page);
      }
      expect(await page.locator('.alert-success').textContent()).toContain('Tak! Du har svaret på alle vignetterne');
      await visit(page, `${roundUrl}/resultater`);
      expectNoPageProblems(problems);
      await context.close();
    }

    await visit(unit.page, `${roundUrl}/resultater`);
    const cards = await unit.page.locator('.stat-card').allTextContents();
    expect(cards[0]).toMatch(/Krippendorffs alfa for niveauet-?\d,\d{3}/);
    expect(cards[1]).toMatch(/Fleiss' kappa for niveauet-?\d,\d{3}/);
    expect(await unit.page.locator('main').textContent()).toContain('3 deltagere har givet 9 svar på 3 vignetter.');
    expect(await unit.page.locator('figure.chart svg[role="img"]').count()).toBeGreaterThanOrEqual(2);
    await expectNoAxeViolations(unit.page);
    expectNoPageProblems(unit.problems);
    await unit.context.close();
  });
});
