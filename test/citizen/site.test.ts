/**
 * The citizen site over HTTP against a real database: every page in every language, the
 * no-trace rules (no cookies set, cookies sent are ignored, no-store, neutral title and
 * favicon, nothing from other hosts), anonymous messages encrypted at rest, wrong codes, rate
 * limits and bad input that changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/features/citizen/catalogs/index.js';
import { CITIZEN_LANGS } from '../../src/features/citizen/languages.js';
import { PAGES } from '../../src/features/citizen/layout.js';
import { purgeExpiredConversations } from '../../src/features/citizen/retention.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TestClient } from '../support/client.js';
import { createTeam, createTenant, createUser, tenantSnapshot, type TestTenant } from '../support/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function unitTenant(): Promise<TestTenant> {
  const tenant = await createTenant(t.deps);
  await createTeam(t.deps, tenant, { kind: 'unit' });
  return tenant;
}

function get(tenant: TestTenant, url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers: { host: tenant.host, ...headers } });
}

let clientAddress = 0;
/** Each test posts from its own address unless it asks otherwise (the limiters are per address). */
function post(tenant: TestTenant, url: string, form: Record<string, string>, options: { headers?: Record<string, string>; address?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { host: tenant.host, 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    payload: new URLSearchParams(form).toString(),
    remoteAddress: options.address ?? `10.9.${Math.floor(++clientAddress / 250)}.${clientAddress % 250}`,
  });
}

function pickupCode(html: string): string {
  const match = /data-pickup-code="true">([^<]+)</.exec(html);
  if (!match) throw new Error('no pickup code on the page');
  return match[1];
}

function pageUrls(): string[] {
  return CITIZEN_LANGS.flatMap((lang) => PAGES.map((page) => `/hjaelp/${lang}/${page.segment}`));
}

describe('pages', () => {
  it('answer in every language with the neutral title, favicon and language attributes', async () => {
    const tenant = await unitTenant();
    for (const url of pageUrls()) {
      const response = await get(tenant, url);
      expect(response.statusCode, url).toBe(200);
      const lang = url.split('/')[2];
      expect(response.body).toContain(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`);
      expect(response.body).toContain('<title>Information</title>');
      expect(response.body).toContain('href="/hjaelp/static/favicon.svg"');
      expect(response.body).not.toContain('/static/app/');
      expect(response.body).not.toContain('/static/dkfds/');
      expect(response.body).toMatch(/<a id="quick-exit" class="quick-exit" href="https:\/\/www\.dmi\.dk\/"/);
      // Nothing is loaded from another host: every src and stylesheet is our own.
      for (const [, src] of response.body.matchAll(/(?:src|href)="([^"]+)"(?=[^>]*(?:rel="stylesheet"|rel="icon"|><\/script>))/g)) {
        expect(src.startsWith('/hjaelp/static/'), `${url}: ${src}`).toBe(true);
      }
      expect(response.body).not.toMatch(/<script(?![^>]*src="\/hjaelp\/static\/exit\.js")/);
      expect(response.body).not.toMatch(/ style="/);
    }
  });

  it('set no cookie, send no-store and no referrer, and ignore a staff session cookie', async () => {
    const tenant = await unitTenant();
    const admin = await createUser(t.deps, tenant, { role: 'admin' });
    const staff = new TestClient(t.app, tenant.host);
    await staff.loginApi(admin);
    expect(staff.cookies.size).toBeGreaterThan(0);
    const cookieHeader = [...staff.cookies].map(([name, value]) => `${name}=${value}`).join('; ') + '; sb_lang=en; tracker=1';
    for (const url of [...pageUrls(), '/hjaelp/', '/hjaelp/static/site.css', '/hjaelp/static/exit.js', '/hjaelp/da/no-such-page']) {
      const response = await get(tenant, url, { cookie: cookieHeader });
      expect(response.headers['set-cookie'], url).toBeUndefined();
      expect(response.headers['cache-control'], url).toBe('no-store');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
      expect(response.body, url).not.toContain(admin.displayName);
      if (url === '/hjaelp/da/') expect(response.body).toContain(CATALOGS.da.messages['start.title']);
    }
  });

  it('chooses the language from the browser at /hjaelp/ and answers unknown languages with 404', async () => {
    const tenant = await unitTenant();
    const arabic = await get(tenant, '/hjaelp/', { 'accept-language': 'ar,en;q=0.5' });
    expect(arabic.statusCode).toBe(302);
    expect(arabic.headers.location).toBe('/hjaelp/ar/');
    expect((await get(tenant, '/hjaelp')).headers.location).toBe('/hjaelp/da/');
    const unknown = await get(tenant, '/hjaelp/xx/');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain(CATALOGS.da.messages['error.notFound.title']);
    const missing = await get(tenant, '/hjaelp/tr/findes-ikke');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain(CATALOGS.tr.messages['error.notFound.title']);
  });

  it('computes the self-check from a post, stores nothing, and shows urgent help for danger', async () => {
    const tenant = await unitTenant();
    const before = await tenantSnapshot(t.deps, tenant.id, { includeAudit: true });
    const calm = await post(tenant, '/hjaelp/en/test', { q1: 'no', q2: 'no' });
    expect(calm.statusCode).toBe(200);
    expect(calm.body).toContain(CATALOGS.en.messages['check.result.none']);
    expect(calm.body).not.toContain(CATALOGS.en.messages['check.result.urgentTitle']);
    const danger = await post(tenant, '/hjaelp/en/test', { q10: 'sometimes' });
    expect(danger.body).toContain(CATALOGS.en.messages['check.result.urgentTitle']);
    const empty = await post(tenant, '/hjaelp/en/test', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain(CATALOGS.en.messages['check.error.noAnswers']);
    const invalid = await post(tenant, '/hjaelp/da/test', { q1: '<script>' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain(CATALOGS.da.messages['check.error.invalid']);
    expect(await tenantSnapshot(t.deps, tenant.id, { includeAudit: true })).toEqual(before);
  });
});

describe('anonymous messages', () => {
  it('round-trip with a pickup code, stored only as ciphertext and a keyed hash', async () => {
    const tenant = await unitTenant();
    const text = 'Min far læser alle mine beskeder, og jeg må ikke gå til fodbold.';
    const sent = await post(tenant, '/hjaelp/da/skriv', { message: text, contact: 'sms 12 34 56 78' });
    expect(sent.statusCode).toBe(200);
    const code = pickupCode(sent.body);
    expect(code).toMatch(/^[a-z]+ [a-z]+ [a-z]+ [a-z]+ \d{6}$/);

    const stored = await t.db.unsafeOwnerQuery<Record<string, unknown>>(
      `select c.*, m.body_enc from citizen_conversations c join citizen_messages m on m.conversation_id = c.id where c.tenant_id = $1`,
      [tenant.id],
    );
    expect(stored.rows).toHaveLength(1);
    const dump = JSON.stringify(stored.rows);
    for (const secret of ['læser alle', 'fodbold', '12 34 56 78', code, code.replace(/ /g, '')]) expect(dump).not.toContain(secret);
    expect(String(stored.rows[0].body_enc)).toMatch(/^[A-Za-z0-9+/]+=*$/);

    const shouted = code.toUpperCase().replace(/ /g, '  ').replace(/(\d{3})(\d{3})/, '$1 $2');
    const read = await post(tenant, '/hjaelp/da/svar', { code: shouted });
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain(text);
    expect(read.body).toContain(CATALOGS.da.messages['read.noReplyYet']);

    const reply = await post(tenant, '/hjaelp/da/svar/skriv', { code, message: 'Tak. Hvad kan jeg gøre?' });
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toContain(CATALOGS.da.messages['read.replySent']);
    expect(reply.body).toContain('Tak. Hvad kan jeg gøre?');

    const audit = await t.db.unsafeOwnerQuery<{ action: string; actor_kind: string; details: unknown }>(
      "select action, actor_kind, details from audit_events where tenant_id = $1 and action like 'citizen.%' order by id",
      [tenant.id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(expect.arrayContaining(['citizen.conversation.create', 'citizen.conversation.read_by_code', 'citizen.conversation.reply']));
    expect(audit.rows.every((row) => row.actor_kind === 'anonymous')).toBe(true);
    expect(JSON.stringify(audit.rows)).not.toContain('fodbold');
  });

  it('does not decrypt a ciphertext moved to another conversation', async () => {
    const tenant = await unitTenant();
    const first = pickupCode((await post(tenant, '/hjaelp/da/skriv', { message: 'Første besked' })).body);
    const second = pickupCode((await post(tenant, '/hjaelp/da/skriv', { message: 'Anden besked' })).body);
    await t.db.unsafeOwnerQuery(
      `update citizen_messages m set body_enc = (select body_enc from citizen_messages where tenant_id = $1 and conversation_id <> m.conversation_id limit 1)
        where tenant_id = $1 and conversation_id = (select conversation_id from citizen_messages where tenant_id = $1 order by created_at desc limit 1)`,
      [tenant.id],
    );
    expect((await post(tenant, '/hjaelp/da/svar', { code: first })).statusCode).toBe(200);
    const swapped = await post(tenant, '/hjaelp/da/svar', { code: second });
    expect(swapped.statusCode).toBe(500);
    expect(swapped.body).not.toContain('Første besked');
  });

  it('are deleted on schedule after the last activity, and a reply moves the schedule on', async () => {
    const tenant = await unitTenant();
    const old = pickupCode((await post(tenant, '/hjaelp/da/skriv', { message: 'Gammel samtale' })).body);
    const recent = pickupCode((await post(tenant, '/hjaelp/da/skriv', { message: 'Ny samtale' })).body);
    // The first conversation's last activity is 31 days ago; the default retention is 30 days.
    await t.db.unsafeOwnerQuery(
      `update citizen_conversations set last_activity_at = now() - interval '31 days', expires_at = now() - interval '1 day'
        where tenant_id = $1 and id = (select conversation_id from citizen_messages where tenant_id = $1 order by created_at limit 1)`,
      [tenant.id],
    );
    expect((await post(tenant, '/hjaelp/da/svar', { code: old })).statusCode).toBe(400); // expired: no longer readable
    const expires = await t.db.unsafeOwnerQuery<{ days: number }>(
      "select round(extract(epoch from expires_at - last_activity_at) / 86400)::int as days from citizen_conversations where tenant_id = $1 and expires_at > now()",
      [tenant.id],
    );
    expect(expires.rows).toEqual([{ days: 30 }]);
    const purged = await purgeExpiredConversations(t.db, new Date(), { tenantIds: [tenant.id] });
    expect(purged.conversations).toBeGreaterThanOrEqual(1);
    const left = await t.db.unsafeOwnerQuery<{ conversations: number; messages: number }>(
      `select (select count(*)::int from citizen_conversations where tenant_id = $1) as conversations,
              (select count(*)::int from citizen_messages where tenant_id = $1) as messages`,
      [tenant.id],
    );
    expect(left.rows[0]).toEqual({ conversations: 1, messages: 1 });
    // Thirty days on from now the remaining one goes too, unless someone writes.
    await purgeExpiredConversations(t.db, new Date(Date.now() + 29 * 86_400_000), { tenantIds: [tenant.id] });
    expect((await post(tenant, '/hjaelp/da/svar', { code: recent })).statusCode).toBe(200);
    await purgeExpiredConversations(t.db, new Date(Date.now() + 30 * 86_400_000 + 60_000), { tenantIds: [tenant.id] });
    expect((await post(tenant, '/hjaelp/da/svar', { code: recent })).statusCode).toBe(400);
    const purgeAudit = await t.db.unsafeOwnerQuery<{ count: number }>(
      "select count(*)::int as count from audit_events where tenant_id = $1 and action = 'citizen.conversation.purge' and actor_kind = 'system'",
      [tenant.id],
    );
    expect(purgeAudit.rows[0].count).toBe(2);
  });

  it('give every wrong code the same message and refuse the sixth wrong code in a minute', async () => {
    const tenant = await unitTenant();
    const code = pickupCode((await post(tenant, '/hjaelp/en/skriv', { message: 'Hello' })).body);
    const address = '192.0.2.77';
    const wrong = ['sol hest kage ugle 000000', 'nonsense', '12345', `${code.slice(0, -1)}${(Number(code.slice(-1)) + 1) % 10}`, 'x y z w 1'];
    for (const attempt of wrong) {
      const response = await post(tenant, '/hjaelp/en/svar', { code: attempt }, { address });
      expect(response.statusCode, attempt).toBe(400);
      expect(response.body).toContain(CATALOGS.en.messages['read.wrongCode']);
    }
    const sixth = await post(tenant, '/hjaelp/en/svar', { code }, { address });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.body).toContain(CATALOGS.en.messages['read.rateLimited']);
    expect(sixth.body).not.toContain('Hello');
    // Another address is not affected, and the right code works there.
    expect((await post(tenant, '/hjaelp/en/svar', { code }, { address: '192.0.2.78' })).statusCode).toBe(200);
    // Each wrong code is written down as refused, without the code; the refused sixth try was not looked up.
    const refused = await t.db.unsafeOwnerQuery<{ details: { reason: string } }>(
      "select details from audit_events where tenant_id = $1 and action = 'citizen.conversation.read_by_code' and outcome = 'denied' order by id", [tenant.id]);
    expect(refused.rows.map((row) => row.details.reason)).toEqual(['unknown_code', 'malformed_code', 'malformed_code', 'unknown_code', 'malformed_code']);
    // The address appears in no table and no log line.
    const dump = await t.db.unsafeOwnerQuery<{ dump: string }>("select string_agg(t::text, '|') as dump from audit_events t where tenant_id = $1", [tenant.id]);
    expect(dump.rows[0].dump).not.toContain('192.0.2.77');
    expect(t.logLines.join('')).not.toContain('192.0.2.77');
  });

  it('limits messages per address and tells the visitor in their language', async () => {
    const tenant = await unitTenant();
    const address = '192.0.2.90';
    for (let i = 0; i < 10; i += 1) expect((await post(tenant, '/hjaelp/tr/skriv', { message: `Mesaj ${i}` }, { address })).statusCode).toBe(200);
    const before = await tenantSnapshot(t.deps, tenant.id, { includeAudit: true });
    const refused = await post(tenant, '/hjaelp/tr/skriv', { message: 'Bir tane daha' }, { address });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain(CATALOGS.tr.messages['message.rateLimited']);
    expect(refused.body).toContain('Bir tane daha'); // what was typed is not lost
    expect(await tenantSnapshot(t.deps, tenant.id, { includeAudit: true })).toEqual(before);
  });

  it('count wrong codes and messages sent at the same moment, so parallel requests cannot pass the limits together', async () => {
    const tenant = await unitTenant();
    const address = '192.0.2.91';
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      post(tenant, '/hjaelp/en/svar', { code: `sol hest kage ugle ${String(i).padStart(6, '0')}` }, { address })));
    expect(guesses.filter((response) => response.statusCode === 400)).toHaveLength(5);
    expect(guesses.filter((response) => response.statusCode === 429)).toHaveLength(15);
    const sender = '192.0.2.92';
    const sent = await Promise.all(Array.from({ length: 15 }, (_, i) => post(tenant, '/hjaelp/da/skriv', { message: `Besked ${i}` }, { address: sender })));
    expect(sent.filter((response) => response.statusCode === 200)).toHaveLength(10);
    expect(sent.filter((response) => response.statusCode === 429)).toHaveLength(5);
    const stored = await t.db.unsafeOwnerQuery<{ count: number }>('select count(*)::int as count from citizen_conversations where tenant_id = $1', [tenant.id]);
    expect(stored.rows[0].count).toBe(10);
    // A message refused for bad input does not use up the allowance; a right code does not count as a wrong one.
    const third = '192.0.2.93';
    for (let i = 0; i < 12; i += 1) expect((await post(tenant, '/hjaelp/da/skriv', { message: '' }, { address: third })).statusCode).toBe(400);
    const sentOnce = await post(tenant, '/hjaelp/da/skriv', { message: 'Hej' }, { address: third });
    expect(sentOnce.statusCode).toBe(200);
    const code = pickupCode(sentOnce.body);
    for (let i = 0; i < 8; i += 1) expect((await post(tenant, '/hjaelp/da/svar', { code }, { address: third })).statusCode).toBe(200);
  });

  it('handle bad input with a clear message in the visitor language and store nothing', async () => {
    const tenant = await unitTenant();
    const cases: { lang: 'da' | 'en' | 'ar' | 'so'; form: Record<string, string>; status: number; key: keyof typeof CATALOGS.da.messages }[] = [
      { lang: 'da', form: { message: '' }, status: 400, key: 'validation.required' },
      { lang: 'en', form: { message: '   \n\t  ' }, status: 400, key: 'validation.required' },
      { lang: 'en', form: { message: '\u200B\u200B' }, status: 400, key: 'validation.required' },
      { lang: 'ar', form: { message: 'x'.repeat(100 * 1024) }, status: 400, key: 'validation.tooLong' },
      { lang: 'so', form: { message: 'Hej\u0000med\u0007dig' }, status: 400, key: 'validation.controlCharacters' },
      { lang: 'da', form: { message: 'Hej', contact: 'a\u001bb' }, status: 400, key: 'validation.controlCharacters' },
      { lang: 'da', form: { message: 'Hej', contact: 'x'.repeat(301) }, status: 400, key: 'validation.tooLong' },
    ];
    const before = await tenantSnapshot(t.deps, tenant.id, { includeAudit: true });
    for (const testCase of cases) {
      const response = await post(tenant, `/hjaelp/${testCase.lang}/skriv`, testCase.form);
      expect(response.statusCode, JSON.stringify(testCase.form).slice(0, 60)).toBe(testCase.status);
      const expected = CATALOGS[testCase.lang].messages[testCase.key].replace('{max}', testCase.key === 'validation.tooLong' ? (testCase.form.contact ? '300' : '5000') : '');
      expect(response.body).toContain(expected.split('{')[0].replace(/'/g, '&#39;').slice(0, 20));
    }
    // A body far over any message is refused before parsing, in the visitor's language.
    const huge = await post(tenant, '/hjaelp/en/skriv', { message: 'y'.repeat(400 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.body).toContain(CATALOGS.en.messages['error.tooLarge']);
    // A post from another site is refused.
    const crossSite = await post(tenant, '/hjaelp/da/skriv', { message: 'Spam' }, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.body).toContain(CATALOGS.da.messages['error.crossSite']);
    const foreignOrigin = await post(tenant, '/hjaelp/da/skriv', { message: 'Spam' }, { headers: { origin: 'https://evil.example' } });
    expect(foreignOrigin.statusCode).toBe(403);
    expect(await tenantSnapshot(t.deps, tenant.id, { includeAudit: true })).toEqual(before);
  });

  it('keep HTML, emoji and a cookie the site never set as harmless text', async () => {
    const tenant = await unitTenant();
    const html = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"';
    const code = pickupCode((await post(tenant, '/hjaelp/da/skriv', { message: html }, { headers: { cookie: 'sb_session=forged; evil=1' } })).body);
    const read = await post(tenant, '/hjaelp/da/svar', { code });
    expect(read.body).not.toContain('<script>alert');
    expect(read.body).not.toContain('<img src=x');
    expect(read.body).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
    const emoji = '😢🙏🏽👩‍👧';
    const emojiCode = pickupCode((await post(tenant, '/hjaelp/so/skriv', { message: emoji })).body);
    const emojiRead = await post(tenant, '/hjaelp/so/svar', { code: emojiCode });
    expect(emojiRead.statusCode).toBe(200);
    expect(emojiRead.body).toContain(emoji);
  });

  it('say so instead of accepting text when the tenant has no unit team to receive it', async () => {
    const tenant = await createTenant(t.deps);
    const form = await get(tenant, '/hjaelp/da/skriv');
    expect(form.body).toContain(CATALOGS.da.messages['write.unavailable'].replace(/"/g, '&quot;'));
    const before = await tenantSnapshot(t.deps, tenant.id, { includeAudit: true });
    const refused = await post(tenant, '/hjaelp/da/skriv', { message: 'Hjælp' });
    expect(refused.statusCode).toBe(503);
    expect(await tenantSnapshot(t.deps, tenant.id, { includeAudit: true })).toEqual(before);
  });

  it('never write message text or codes to the log', async () => {
    const tenant = await unitTenant();
    const secret = 'Hemmelig-besked-7f3a';
    const code = pickupCode((await post(tenant, '/hjaelp/da/skriv', { message: secret })).body);
    await post(tenant, '/hjaelp/da/svar', { code });
    const log = t.logLines.join('');
    expect(log).not.toContain(secret);
    expect(log).not.toContain(code.split(' ')[4]);
  });
});
