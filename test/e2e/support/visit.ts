/** Navigation that checks what every visit must satisfy. */
import type { Page, Response } from 'playwright-core';
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
