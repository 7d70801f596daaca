/**
 * Screenshots of the staff pages at desktop (1280 px) and phone (375 px) width, for looking at
 * the layout while working on it. Not a test:
 *
 *   npx tsx test/e2e/tools/screenshots.ts [DIR]                     the administrator's pages
 *   npx tsx test/e2e/tools/screenshots.ts DIR ROLE PATH [PATH…]     these pages as a user of ROLE
 *
 * writes PNGs to DIR (default /tmp/selvbestemt-screenshots) and prints their paths. With
 * NOJS=1 in the environment the pages are taken with JavaScript switched off.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Role } from '../../../src/platform/access/roles.js';
import { createTeam, createTenant, createUser, launchBrowser, logInAs, openPage, startE2eServer } from '../support/index.js';

const outDir = process.argv[2] ?? '/tmp/selvbestemt-screenshots';
const role = (process.argv[3] ?? 'admin') as Role;
const extraPaths = process.argv.slice(4);
mkdirSync(outDir, { recursive: true });

const server = await startE2eServer();
const browser = await launchBrowser();
try {
  const tenant = await createTenant(server.deps, { name: 'Demokommune', isDemo: true });
  const team = await createTeam(server.deps, tenant, { name: 'NSK-enheden', kind: 'unit' });
  const admin = await createUser(server.deps, tenant, { role, team, displayName: 'Astrid Andersen' });
  for (const other of ['adviser', 'caseworker', 'professional'] as const) await createUser(server.deps, tenant, { role: other, team });

  const custom: Array<[string, (page: Page) => Promise<void>]> = [
    ['home', async (page) => { await logInAs(page, admin); }],
    ...extraPaths.map((path): [string, (page: Page) => Promise<void>] => [path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'root', async (page) => { await page.goto(path); }]),
  ];
  const shots: Array<[string, (page: Page) => Promise<void>]> = extraPaths.length > 0 ? custom : [
    ['login', async (page) => { await page.goto('/login'); }],
    ['login-error', async (page) => {
      await page.goto('/login');
      await page.locator('main button[type="submit"]').click();
      await page.waitForLoadState();
    }],
    ['home', async (page) => { await logInAs(page, admin); }],
    ['users', async (page) => { await page.goto('/admin/users'); }],
    ['user-new-errors', async (page) => {
      await page.goto('/admin/users/new');
      await page.locator('main button[type="submit"]').click();
      await page.waitForLoadState();
    }],
    ['teams', async (page) => { await page.goto('/admin/teams?notice=created'); }],
    ['team-edit', async (page) => { await page.goto(`/admin/teams/${team.id}`); }],
    ['account', async (page) => { await page.goto('/account'); }],
    ['not-found', async (page) => { await page.goto('/findes-ikke'); }],
    ['about-en', async (page) => { await page.goto('/sprog?lang=en&next=/om'); }],
    ['home-en', async (page) => { await page.goto('/'); }],
  ];

  for (const width of [1280, 375]) {
    const { page, context } = await openPage(browser, { baseURL: server.urlFor(tenant), width, javaScript: process.env.NOJS !== '1' });
    await page.goto('/sprog?lang=da&next=/login');
    for (const [name, go] of shots) {
      await go(page);
      const file = join(outDir, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
      if (width === 375 && name === 'home') {
        const menuButton = page.locator('.js-menu-open:visible').first();
        if (await menuButton.count()) {
          await menuButton.click();
          await page.waitForTimeout(400);
          const open = join(outDir, `menu-open-${width}.png`);
          await page.screenshot({ path: open });
          console.log(open);
          await page.locator('.js-menu-close').click();
        }
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
