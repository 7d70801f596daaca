/**
 * The browser-suite harness in one import. See test/e2e/README.md for a worked example.
 *
 *   startE2eServer   the real server on a free port with its own database
 *   launchBrowser    Debian's Chromium through playwright-core
 *   openPage         a fresh context and page that records script/CSP/5xx problems
 *   logIn, logInAs   the login pages, with TOTP codes from the user's secret
 *   expectNoAxeViolations  axe-core WCAG 2.1 A/AA, 0 violations required
 */
export { authenticatorFor, Authenticator, enrolSecondFactor, logIn, logInAs, logOut } from './auth.js';
export { axeViolations, expectNoAxeViolations, formatViolations, WCAG_21_AA_TAGS } from './axe.js';
export { CHROMIUM_ARGS, CHROMIUM_PATH, expectNoPageProblems, isScriptless, launchBrowser, openPage, watchPage, type OpenedPage, type OpenPageOptions } from './browser.js';
export { press, visit } from './visit.js';
export { startE2eServer, type E2eServer, type E2eServerOptions } from './server.js';
export { createTeam, createTenant, createUser, TEST_PASSWORD, type TestTeam, type TestTenant, type TestUser } from '../../support/factories.js';
