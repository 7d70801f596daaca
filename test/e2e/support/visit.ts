/** Navigation that checks what every visit must satisfy. */
import type { Locator, Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import { expectNoAxeViolations } from './axe.js';

/**
 * Goes to `path` (or waits for a navigation already under way when `path` is omitted),
 * checks the HTTP status (200 unless given) and runs the axe scan. Returns the response.
 */
export async function visit(page: Page, path: string, options: { status?: number } = {}): Promise<Response> {
  const response = await page.goto(path);
  if (!response) throw new Error(`visit: no response for ${path}`);
  expect(response.status(), `status of ${path}`).toBe(options.status ?? 200);
  await expectNoAxeViolations(page);
  return response;
}

/** Clicks a control that navigates, waits for the new page, runs axe, and returns the HTTP status of the page shown (after any redirect). */
export async function press(page: Page, control: Locator): Promise<number> {
  const [response] = await Promise.all([page.waitForNavigation(), control.click()]);
  await expectNoAxeViolations(page);
  return response?.status() ?? 0;
}
