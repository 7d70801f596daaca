/**
 * Debian's Chromium driven by playwright-core (no browser download), and a watch on every
 * page for what a user would not see but must not happen: script errors, Content Security
 * Policy refusals (an inline style or script slipped in), server errors and missing assets.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Tenants made by the factories live on `<slug>.test`: resolve those names to this machine
  // so each journey can have its own municipality, as the integration tests do.
  '--host-resolver-rules=MAP *.test 127.0.0.1',
];

/** Launches headless Chromium; close it in `afterAll`. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface OpenPageOptions {
  /** Relative `page.goto('/login')` resolves against this, e.g. `server.url` or `server.urlFor(tenant)`. */
  baseURL: string;
  /** False opens a context where pages run no script at all (forms must still work). */
  javaScript?: boolean;
  /** Viewport width in CSS pixels (height follows); 1280 by default, 375 for a phone. */
  width?: number;
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** What went wrong so far on this page (see `expectNoPageProblems`). */
  problems: string[];
}

/** Opens a fresh context (own cookies) and page, and starts recording problems. */
export async function openPage(browser: Browser, options: OpenPageOptions): Promise<OpenedPage> {
  const width = options.width ?? 1280;
  const context = await browser.newContext({
    baseURL: options.baseURL,
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width, height: width < 600 ? 812 : 900 },
    locale: 'da-DK',
  });
  const page = await context.newPage();
  if (options.javaScript === false) scriptlessPages.add(page);
  return { context, page, problems: watchPage(page) };
}

const scriptlessPages = new WeakSet<Page>();

/** Whether `page` was opened by `openPage` with `javaScript: false`. */
export function isScriptless(page: Page): boolean {
  return scriptlessPages.has(page);
}

/** Records console errors (CSP refusals are reported there), page errors, 5xx answers and missing static files. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`script error on ${page.url()}: ${error.message}`));
  page.on('response', (response) => {
    const status = response.status();
    if (status >= 500) problems.push(`${status} from ${response.request().method()} ${response.url()}`);
    else if (status === 404 && new URL(response.url()).pathname.startsWith('/static/')) problems.push(`missing static file ${response.url()}`);
  });
  page.on('requestfailed', (request) => {
    // A navigation replaced by the next one is not a failure of the application.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  return problems;
}

const IGNORED = [
  // The browser's own line for an expected 4xx answer (a 404 page, a form with errors).
  /Failed to load resource: the server responded with a status of 4\d\d/,
  // Chromium ignores Cross-Origin-Opener-Policy on plain-http origins other than localhost
  // and 127.0.0.1 (the factories' `*.test` hosts); production runs behind HTTPS.
  /The Cross-Origin-Opener-Policy header has been ignored, because the URL's origin was untrustworthy/,
];

/**
 * Fails when anything was recorded, except the browser notices in IGNORED.
 */
export function expectNoPageProblems(problems: string[]): void {
  const real = problems.filter((problem) => !IGNORED.some((pattern) => pattern.test(problem)));
  expect(real, 'problems seen in the browser').toEqual([]);
}
