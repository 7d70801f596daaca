/**
 * Texts: the Danish and English catalogs of the staff application hold the same keys with the
 * same placeholders; every key the source names literally (`t('…')`, `labelKey: '…'`, zod
 * messages `'validation.…'`, `messageKey: '…'`) exists; and the language switch sets `lang`.
 *
 * The citizen site keeps its own catalogs in five languages (src/features/citizen/catalogs,
 * tested with that feature) and the CLI prints English; both are left out of the scan.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFESSIONAL_GROUPS, ROLES, TEAM_KINDS, TOKEN_SCOPES } from '../../src/platform/access/roles.js';
import { catalogKeys, translator } from '../../src/platform/i18n/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTenant, createUser } from '../support/factories.js';

const SRC = new URL('../../src/', import.meta.url).pathname;
/** Folders with a translator of their own (or none). */
const OWN_CATALOGS = ['features/citizen/', 'cli/', 'stats/'];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp(); // registers every feature's catalog
});
afterAll(() => t.close());

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Literal message keys named in the source, with where they were found. */
function literalKeys(): Map<string, string> {
  const patterns = [
    /(?<![\w$])t\(\s*'([a-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)+)'/g,
    /labelKey:\s*'([a-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)+)'/g,
    /messageKey:\s*'([a-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)+)'/g,
    /'(validation\.[A-Za-z0-9_]+)'/g,
    /'(error\.[A-Za-z0-9_.]+)'/g,
  ];
  const found = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const path = relative(SRC, file);
    if (OWN_CATALOGS.some((prefix) => path.startsWith(prefix))) continue;
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) if (!found.has(match[1])) found.set(match[1], path);
    }
  }
  return found;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

describe('message catalogs', () => {
  it('hold the same keys in Danish and English, blank in both or neither, with the same placeholders', () => {
    const da = catalogKeys('da');
    const en = catalogKeys('en');
    expect(da.length).toBeGreaterThan(200);
    expect(da.filter((key) => !en.includes(key)), 'missing in English').toEqual([]);
    expect(en.filter((key) => !da.includes(key)), 'missing in Danish').toEqual([]);
    const tDa = translator('da');
    const tEn = translator('en');
    for (const key of da) {
      // A text may be deliberately blank, but then in both languages.
      expect(tEn(key).trim() === '', key).toBe(tDa(key).trim() === '');
      expect(placeholders(tEn(key)), key).toEqual(placeholders(tDa(key)));
    }
  });

  it('has every key the source names', () => {
    const keys = literalKeys();
    expect(keys.size).toBeGreaterThan(150);
    const known = new Set(catalogKeys('da'));
    const missing = [...keys].filter(([key]) => !known.has(key) && !known.has(`${key}.one`)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has the keys built from the platform enumerations', () => {
    const known = new Set(catalogKeys('da'));
    const built = [
      ...ROLES.map((role) => `role.${role}`),
      ...TEAM_KINDS.map((kind) => `teamKind.${kind}`),
      ...PROFESSIONAL_GROUPS.map((group) => `group.${group}`),
      ...TOKEN_SCOPES.map((scope) => `tokens.scope.${scope}`),
      ...['active', 'revoked', 'expired'].map((status) => `tokens.status.${status}`),
    ];
    expect(built.filter((key) => !known.has(key))).toEqual([]);
  });

  it('renders unknown keys as themselves, never a value from the object prototype', () => {
    const tDa = translator('da');
    expect(tDa('constructor')).toBe('constructor');
    expect(tDa('__proto__')).toBe('__proto__');
    expect(tDa('findes.ikke', { count: 2 })).toBe('findes.ikke');
  });
});

describe('the language switch', () => {
  it('sets lang on <html>, for anonymous visitors by cookie and for users on their account', async () => {
    const tenant = await createTenant(t.deps);
    const visitor = TestClient.for(t.app, tenant);
    const danish = await visitor.get('/login');
    expect(danish.body).toContain('<html lang="da"');
    expect(danish.body).toMatch(/<a class="[^"]*language-switch[^"]*" href="\/sprog\?lang=en&amp;next=%2Flogin" lang="en" hreflang="en"/);
    const switched = await visitor.get('/sprog?lang=en&next=/login');
    expect(switched.headers.location).toBe('/login');
    const english = await visitor.get('/login');
    expect(english.body).toContain('<html lang="en"');
    expect(english.body).toContain('Log in');
    expect((await visitor.get('/sprog?lang=xx&next=/login')).statusCode).toBe(303);
    expect((await visitor.get('/login')).body).toContain('<html lang="en"'); // an unknown language changes nothing
    await visitor.get('/sprog?lang=da&next=/login');
    expect((await visitor.get('/login')).body).toContain('<html lang="da"');

    // A logged-in user's choice is remembered on the account, so her next login is in English.
    const user = await createUser(t.deps, tenant, { role: 'professional' });
    const client = TestClient.for(t.app, tenant);
    await client.loginForm(user);
    await client.get('/sprog?lang=en&next=/');
    expect((await client.get('/')).body).toContain('<html lang="en"');
    const elsewhere = TestClient.for(t.app, tenant);
    await elsewhere.loginForm(user);
    elsewhere.cookies.delete('sb_lang');
    expect((await elsewhere.get('/')).body).toContain('<html lang="en"');

    // A link on another site switches the visitor's cookie but never writes to her account.
    const lured = await client.get('/sprog?lang=da&next=/', { 'sec-fetch-site': 'cross-site' });
    expect(lured.statusCode).toBe(303);
    const { rows } = await t.db.unsafeOwnerQuery<{ preferred_language: string }>('select preferred_language from users where id = $1', [user.id]);
    expect(rows[0].preferred_language).toBe('en');
  });
});
