/**
 * The case-flow journey of issue 3 in a real browser: a teacher shares a concern about a
 * fictional girl → the adviser triages and opens a case → adds a note, a task and a "do not"
 * item → transfers it to Børne- og Ungerådgivningen with a handover summary → the caseworker
 * there accepts and sees the summary first → the teacher sees "being handled" and nothing else
 * → a partner and another team's user get 404 on the case. axe (WCAG 2.1 A/AA) on every page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTeam, createTenant, createUser, expectNoAxeViolations, expectNoPageProblems, launchBrowser, logInAs, openPage, startE2eServer, visit, type E2eServer,
} from './support/index.js';

let server: E2eServer;
let browser: Browser;
beforeAll(async () => { [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await server?.stop(); });

async function submit(page: Page, form: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.locator(`${form} button[type="submit"]`).first().click()]);
  await expectNoAxeViolations(page);
}

it('from a teacher’s concern to a case accepted by child welfare', async () => {
  const tenant = await createTenant(server.deps, { name: 'Journeyrup Kommune' });
  const unit = await createTeam(server.deps, tenant, { name: 'NSK-enheden', kind: 'unit' });
  const bur = await createTeam(server.deps, tenant, { name: 'Børne- og Ungerådgivningen', kind: 'child_welfare' });
  const school = await createTeam(server.deps, tenant, { name: 'Journeyrup Skole', kind: 'school' });
  const job = await createTeam(server.deps, tenant, { name: 'Jobcentret', kind: 'job_centre' });
  const partnerTeam = await createTeam(server.deps, tenant, { name: 'Bydelsmødrene', kind: 'partner' });
  const teacher = await createUser(server.deps, tenant, { role: 'professional', team: school, group: 'school_daycare', displayName: 'Lærke Lærer' });
  const adviser = await createUser(server.deps, tenant, { role: 'adviser', team: unit, displayName: 'Rikke Rådgiver' });
  await createUser(server.deps, tenant, { role: 'adviser', team: unit, displayName: 'Kasper Kollega' });
  const caseworker = await createUser(server.deps, tenant, { role: 'caseworker', team: bur, displayName: 'Søren Sagsbehandler' });
  const jobworker = await createUser(server.deps, tenant, { role: 'caseworker', team: job, displayName: 'Jonas Jobkonsulent' });
  const partner = await createUser(server.deps, tenant, { role: 'partner', team: partnerTeam, displayName: 'Pernille Partner' });
  const baseURL = server.urlFor(tenant);

  // The teacher shares a concern, on a phone.
  const teacherSide = await openPage(browser, { baseURL, width: 375 });
  const t = teacherSide.page;
  await logInAs(t, teacher);
  await visit(t, '/bekymring');
  await t.locator('#field-ageGroup-0').check();
  await t.locator('#field-identify-1').check();
  await t.locator('#field-identity\\.name').fill('Testpige Demo');
  await t.locator('#field-identity\\.cpr').fill('150312-4321');
  await t.locator('#field-identity\\.schoolOrWorkplace').fill('Journeyrup Skole, 7. b');
  await t.locator('#field-sourceSector').selectOption('school');
  await t.locator('#field-forms-0').check();
  await t.locator('#field-controllers-0').check();
  await t.locator('#field-description').fill('Hun må ikke komme med på lejrskole, og faren henter hende hver dag.');
  await submit(t, 'main form');
  expect(await t.locator('h1').textContent()).toBe('Tak – din henvendelse er modtaget');
  const reference = /H-\d{4}-\d{5}/.exec((await t.locator('main').textContent()) ?? '')![0];

  // The adviser triages it and opens a case.
  const adviserSide = await openPage(browser, { baseURL });
  const a = adviserSide.page;
  await logInAs(a, adviser);
  await visit(a, '/henvendelser');
  await Promise.all([a.waitForEvent('load'), a.locator(`a:text("${reference}")`).click()]);
  await expectNoAxeViolations(a);
  expect(await a.locator('main').textContent()).toContain('Testpige Demo');
  await submit(a, `form[action$="/opret-sag"]`);
  expect(new URL(a.url()).pathname).toMatch(/^\/sager\/[0-9a-f-]{36}$/);
  const casePath = new URL(a.url()).pathname;

  // A note, a task and a "do not" item.
  await a.locator('form[action$="/noter"] textarea').fill('Samtale med Testpige i skolens mødelokale.');
  await submit(a, 'form[action$="/noter"]');
  await a.locator('details:has(form[action$="/opgaver"]) summary').click();
  await a.locator('form[action$="/opgaver"] #field-title').fill('Ring til klasselæreren');
  await a.locator('form[action$="/opgaver"] #field-dueDate').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
  await submit(a, 'form[action$="/opgaver"]');
  await a.locator('form[action$="/maa-ikke"] #field-text').fill('Kontakt ikke faren');
  await submit(a, 'form[action$="/maa-ikke"]');
  expect(await a.locator('.do-not-list').textContent()).toContain('Kontakt ikke faren');
  expect(await a.locator('main').textContent()).toContain('Ring til klasselæreren');
  // The task goes to a colleague in the unit through its own small form.
  const ownerSelect = a.locator('form.task-owner-form select');
  expect(await ownerSelect.count()).toBe(1);
  const colleague = 'Kasper Kollega';
  await ownerSelect.selectOption({ label: colleague });
  await submit(a, 'form.task-owner-form');
  expect(await a.locator('table', { hasText: 'Ring til klasselæreren' }).textContent()).toContain(colleague);
  await expectNoAxeViolations(a);

  // Transfer to child welfare with a handover summary.
  await visit(a, `${casePath}/del`);
  await a.locator('input[name="kind"][value="transfer"]').check();
  await a.locator('#field-teamId').selectOption({ label: 'Børne- og Ungerådgivningen' });
  await a.locator('#field-situation').fill('Pigen (13) må ikke deltage i skolens aktiviteter og følges overalt.');
  await a.locator('#field-done').fill('Samtale på skolen, notat skrevet.');
  await a.locator('#field-contacts').fill('Klasselæreren via skolens kontor.');
  await a.locator('#field-consentStatus').selectOption('given');
  await submit(a, 'main form');
  expect(await a.locator('main').textContent()).toContain('Overdragelsen er sendt');

  // The caseworker in child welfare sees the summary first, then accepts.
  const caseworkerSide = await openPage(browser, { baseURL });
  const c = caseworkerSide.page;
  await logInAs(c, caseworker);
  await Promise.all([c.waitForEvent('load'), c.goto(casePath)]);
  expect(new URL(c.url()).pathname).toBe(`${casePath}/overdragelse`);
  await expectNoAxeViolations(c);
  const summary = (await c.locator('main').textContent()) ?? '';
  expect(summary).toContain('Overdragelsesresumé');
  expect(summary).toContain('Kontakt ikke faren');
  expect(summary).toContain('Ring til klasselæreren');
  await c.locator('#field-acknowledged-0').check();
  await submit(c, 'form[action$="/accepter"]');
  expect(new URL(c.url()).pathname).toBe(casePath);
  expect(await c.locator('main').textContent()).toContain('Børne- og Ungerådgivningen');
  expect(await c.locator('.do-not-list').textContent()).toContain('Kontakt ikke faren');

  // The teacher sees "being handled" and nothing else.
  await visit(t, '/mine-henvendelser');
  expect(await t.locator('main').textContent()).toContain('Under behandling');
  await Promise.all([t.waitForEvent('load'), t.locator(`a:text("${reference}")`).click()]);
  await expectNoAxeViolations(t);
  const status = (await t.locator('main').textContent()) ?? '';
  expect(status).toContain('Under behandling');
  expect(status).not.toContain('lejrskole');
  expect(status).not.toContain('Testpige');
  await visit(t, casePath, { status: 404 });

  // A partner and another team's user get 404 on the case.
  for (const outsider of [partner, jobworker]) {
    const side = await openPage(browser, { baseURL });
    await logInAs(side.page, outsider);
    await visit(side.page, casePath, { status: 404 });
    expectNoPageProblems(side.problems);
    await side.context.close();
  }
  // And the unit, which handed the case over, no longer sees it.
  await visit(a, casePath, { status: 404 });

  // The share-a-concern form works without JavaScript too (an anonymous consultation).
  const scriptless = await openPage(browser, { baseURL, javaScript: false });
  await logInAs(scriptless.page, teacher);
  await visit(scriptless.page, '/bekymring');
  await scriptless.page.locator('#field-ageGroup-1').check();
  await scriptless.page.locator('#field-sourceSector').selectOption('school');
  await scriptless.page.locator('#field-description').fill('Hvordan taler jeg med en ung kvinde om kontrol fra kæresten?');
  await submit(scriptless.page, 'main form');
  expect(await scriptless.page.locator('h1').textContent()).toBe('Tak – din henvendelse er modtaget');
  expectNoPageProblems(scriptless.problems);
  await scriptless.context.close();

  for (const side of [teacherSide, adviserSide, caseworkerSide]) {
    expectNoPageProblems(side.problems);
    await side.context.close();
  }
});
