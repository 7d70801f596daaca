/**
 * Logging in through the real pages, as a person with an authenticator app would: password,
 * then a TOTP code computed from the user's secret (RFC 6238, `currentTotp`).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { currentTotp } from '../../../src/platform/auth/totp.js';
import type { TestUser } from '../../support/factories.js';

/**
 * An authenticator app for one secret. The server accepts each 30-second step once per user
 * (replay protection) and one step either side of now, so a second code within the same step
 * is taken from the next step; a third within 30 seconds waits for the clock.
 */
export class Authenticator {
  private lastStep = -1;

  constructor(readonly secret: string) {}

  async code(): Promise<string> {
    let now = Math.floor(Date.now() / 30_000);
    if (this.lastStep > now) {
      await new Promise((resolve) => setTimeout(resolve, (this.lastStep * 30_000 - Date.now()) + 1_000));
      now = Math.floor(Date.now() / 30_000);
    }
    const step = Math.max(now, this.lastStep + 1);
    this.lastStep = step;
    return currentTotp(this.secret, step * 30_000 + 1_000);
  }
}

const authenticators = new Map<string, Authenticator>();

/** The one authenticator per secret, shared by every helper so steps are never reused. */
export function authenticatorFor(secret: string): Authenticator {
  let authenticator = authenticators.get(secret);
  if (!authenticator) authenticators.set(secret, (authenticator = new Authenticator(secret)));
  return authenticator;
}

/** Fills and submits the login form (and the second-factor page when it comes). Ends on the page after login. */
export async function logIn(page: Page, credentials: { username: string; password: string; totpSecret?: string | null }): Promise<void> {
  await page.goto('/login');
  await page.locator('#field-username').fill(credentials.username);
  await page.locator('#field-password').fill(credentials.password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.locator('main button[type="submit"]').click()]);
  if (new URL(page.url()).pathname === '/login/code') {
    if (!credentials.totpSecret) throw new Error(`logIn: ${credentials.username} has no TOTP secret but the server asks for a code`);
    await page.locator('#field-code').fill(await authenticatorFor(credentials.totpSecret).code());
    await Promise.all([page.waitForURL((url) => url.pathname !== '/login/code'), page.locator('main button[type="submit"]').click()]);
  }
}

/** Logs in a user made by the factories and checks the home page greets them. */
export async function logInAs(page: Page, user: TestUser): Promise<void> {
  await logIn(page, user);
  expect(new URL(page.url()).pathname, `${user.username} should land on the home page`).toBe('/');
  await page.locator('h1', { hasText: user.displayName }).waitFor();
}

/** Reads the secret from the enrolment page, enters the current code, and returns the secret. */
export async function enrolSecondFactor(page: Page): Promise<string> {
  expect(new URL(page.url()).pathname).toBe('/login/enrol');
  const secret = await page.locator('[data-secret]').getAttribute('data-secret');
  if (!secret) throw new Error('enrolSecondFactor: no secret on the enrolment page');
  await page.locator('#field-code').fill(await authenticatorFor(secret).code());
  await page.locator('main button[type="submit"]').click();
  await page.waitForLoadState();
  return secret;
}

/** Uses the header's log-out button (visible on desktop; on a phone, inside the menu). */
export async function logOut(page: Page): Promise<void> {
  const button = page.locator('form[action="/logout"] button:visible').first();
  await Promise.all([page.waitForURL((url) => url.pathname === '/login'), button.click()]);
}
