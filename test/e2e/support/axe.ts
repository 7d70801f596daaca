/**
 * Accessibility: axe-core's WCAG 2.1 A and AA rules on the page as the user sees it now.
 * axe is evaluated through the DevTools protocol, which the page's Content Security Policy
 * does not govern, so the page under test keeps its real CSP (no `bypassCSP`).
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { isScriptless } from './browser.js';

const TIMERS_AS_MICROTASKS = `
  window.setTimeout = (callback, _delay, ...args) => { Promise.resolve().then(() => callback(...args)); return 0; };
  window.clearTimeout = () => {};
`;

export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
  html: string;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/**
 * Runs axe's WCAG 2.1 A/AA rules and returns the violations (an empty list when clean).
 * A page that navigates by itself during the scan (a status page that reloads when its job is
 * done) is scanned again once the new page has loaded: the page as the user sees it now.
 */
export async function axeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<AxeViolation[]> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await scan(page, options);
    } catch (error) {
      const navigated = error instanceof Error && /Execution context was destroyed|navigation/i.test(error.message);
      if (!navigated || attempt >= 3) throw error;
      await page.waitForLoadState('load');
    }
  }
}

async function scan(page: Page, options: { exclude?: string[] }): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) {
    // With JavaScript switched off Chromium runs no timers, and axe yields with setTimeout:
    // run those callbacks as microtasks instead (the page itself runs no script anyway).
    if (isScriptless(page)) await page.evaluate(TIMERS_AS_MICROTASKS);
    await page.evaluate(axe.source);
  }
  const context = options.exclude?.length ? { exclude: options.exclude.map((selector) => [selector]) } : undefined;
  return page.evaluate(
    async ({ tags, context }) => {
      const api = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await api.run(context ?? document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary, html: node.html.slice(0, 300) })),
      }));
    },
    { tags: WCAG_21_AA_TAGS, context },
  );
}

/** One readable paragraph per violation: rule, impact, what to fix and where. */
export function formatViolations(url: string, violations: AxeViolation[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => `    at ${JSON.stringify(node.target)}: ${node.html}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `${violation.id} (${violation.impact}) on ${url}: ${violation.help}\n  ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n\n');
}

/**
 * Asserts 0 WCAG 2.1 AA violations on the page as it is now. Call it on every page a journey
 * visits, and again after opening anything that changes the page (a menu, an error summary).
 */
export async function expectNoAxeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<void> {
  const violations = await axeViolations(page, options);
  expect(violations.length, formatViolations(page.url(), violations)).toBe(0);
}
