/**
 * The citizen site's pure parts: pickup codes, the self-check's scoring, the rate limiter and
 * the five catalogs' completeness.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGS, CITIZEN_KEYS, citizenTranslator } from '../../src/features/citizen/catalogs/index.js';
import { defaultDocument, SiteDocument } from '../../src/features/citizen/document.js';
import { CITIZEN_LANGS } from '../../src/features/citizen/languages.js';
import { codeEntropyBits, generatePickupCode, normalizePickupCode } from '../../src/features/citizen/pickup-code.js';
import { PICKUP_WORDS } from '../../src/features/citizen/pickup-words.js';
import { preferredLanguage } from '../../src/features/citizen/plugin.js';
import { jobDefinition } from '../../src/platform/jobs/registry.js';
import { SlidingWindowLimiter } from '../../src/features/citizen/rate-limit.js';
import { parseAnswers, QUESTIONS, scoreSelfCheck, SelfCheckInputError } from '../../src/features/citizen/self-check.js';

describe('pickup codes', () => {
  it('carry at least 60 bits, from a list of distinct lower-case ASCII words', () => {
    expect(new Set(PICKUP_WORDS).size).toBe(PICKUP_WORDS.length);
    expect(PICKUP_WORDS.every((word) => /^[a-z]{3,9}$/.test(word))).toBe(true);
    expect(codeEntropyBits()).toBeGreaterThanOrEqual(60);
    expect(codeEntropyBits(1000)).toBeLessThan(60); // the test can fail: a shorter list would not do
  });

  it('are four listed words and six digits, and differ from draw to draw', () => {
    const codes = Array.from({ length: 200 }, generatePickupCode);
    for (const code of codes) {
      const parts = code.split(' ');
      expect(parts).toHaveLength(5);
      expect(parts.slice(0, 4).every((word) => PICKUP_WORDS.includes(word))).toBe(true);
      expect(parts[4]).toMatch(/^\d{6}$/);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are accepted with other spacing, case, dashes and Arabic-Indic digits', () => {
    const canonical = normalizePickupCode('sol hest kage ugle 482913');
    expect(canonical).toBe('solhestkageugle482913');
    for (const typed of ['  SOL  Hest kage-ugle 482 913 ', 'sol-hest-kage-ugle-482913', 'solhestkageugle482913', 'sol hest kage ugle ٤٨٢٩١٣', 'ｓｏｌ hest kage ugle 482913']) {
      expect(normalizePickupCode(typed), typed).toBe(canonical);
    }
  });

  it('refuse input that cannot be a code', () => {
    for (const typed of ['', '123456', 'sol hest', 'sol hest kage ugle', '482913 sol hest kage ugle', 'sol <script> kage ugle 482913', 'x'.repeat(300)]) {
      expect(normalizePickupCode(typed), typed).toBeNull();
    }
  });
});

describe('the self-check', () => {
  const all = (answer: string) => Object.fromEntries(QUESTIONS.map((question) => [question.id, answer]));

  it('finds no signs when every answer is no', () => {
    expect(scoreSelfCheck(parseAnswers(all('no')))).toMatchObject({ level: 'none', urgent: false, score: 0, domains: [] });
  });

  it('calls many yes answers clear signs and names the domains', () => {
    const result = scoreSelfCheck(parseAnswers({ q1: 'often', q2: 'often', q3: 'often', q4: 'sometimes', q5: 'often', q12: 'no' }));
    expect(result).toMatchObject({ level: 'clear', urgent: false, score: 9 });
    expect(result.domains).toEqual(['education', 'social', 'belief']);
  });

  it('shows urgent help for a single danger answer, however low the score', () => {
    const result = scoreSelfCheck(parseAnswers({ q9: 'sometimes' }));
    expect(result).toMatchObject({ level: 'some', urgent: true, score: 1, domains: ['abuse'] });
    for (const question of QUESTIONS) {
      expect(scoreSelfCheck(parseAnswers({ [question.id]: 'sometimes' })).urgent, question.id).toBe(question.danger);
    }
  });

  it('refuses no answers and unknown answers, and ignores unknown fields', () => {
    expect(() => parseAnswers({})).toThrow(SelfCheckInputError);
    expect(() => parseAnswers({ submit: 'x' })).toThrow(expect.objectContaining({ reason: 'no_answers' }));
    expect(() => parseAnswers({ q1: 'maybe' })).toThrow(expect.objectContaining({ reason: 'invalid' }));
    expect(() => parseAnswers({ q1: ['no', 'often'] })).toThrow(expect.objectContaining({ reason: 'invalid' }));
    expect(parseAnswers({ q1: 'no', other: 'often' }).size).toBe(1);
  });
});

describe('the in-memory rate limiter', () => {
  it('refuses the sixth event within the window and forgets after it', () => {
    let now = 1_000_000;
    const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 4; i += 1) {
      limiter.record('203.0.113.7');
      now += 1000;
    }
    expect(limiter.take('203.0.113.7')).not.toBeNull();
    now += 1000;
    expect(limiter.take('203.0.113.7')).toBeNull();
    expect(limiter.take('203.0.113.8')).not.toBeNull();
    expect(limiter.take('203.0.113.7', 'another-tenant')).not.toBeNull();
    now += 60_000;
    // Forgotten: the next check sweeps every expired client away and counts only the new event.
    expect(limiter.take('203.0.113.7')).not.toBeNull();
    expect(limiter.size).toBe(1);
  });

  it('takes an allowance in one step, and gives back an event that did not count once', () => {
    let now = 1_000_000;
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 60_000 }, () => now);
    const taken = [limiter.take('203.0.113.9'), limiter.take('203.0.113.9'), limiter.take('203.0.113.9')];
    expect(taken.every((release) => typeof release === 'function')).toBe(true);
    expect(limiter.take('203.0.113.9')).toBeNull();
    taken[1]!();
    taken[1]!(); // a second return gives nothing more back
    now += 1000;
    expect(limiter.take('203.0.113.9')).not.toBeNull();
    expect(limiter.take('203.0.113.9')).toBeNull();
    now += 60_000;
    expect(limiter.take('203.0.113.9')).not.toBeNull();
  });

  it('keeps no client address in memory, only keyed hashes', () => {
    const limiter = new SlidingWindowLimiter({ limit: 5, windowMs: 60_000 });
    limiter.record('198.51.100.23');
    const keys = [...(limiter as unknown as { events: Map<string, number[]> }).events.keys()];
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('198.51.100.23');
  });
});

describe('the catalogs', () => {
  it('hold every Danish key, non-empty, with the same placeholders, in all five languages', () => {
    for (const lang of CITIZEN_LANGS) {
      const messages = CATALOGS[lang].messages as Record<string, string>;
      expect(Object.keys(messages).sort(), lang).toEqual([...CITIZEN_KEYS].sort());
      for (const key of CITIZEN_KEYS) {
        expect(messages[key].trim(), `${lang} ${key}`).not.toBe('');
        const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(messages[key]), `${lang} ${key}`).toEqual(placeholders(CATALOGS.da.messages[key]));
      }
    }
  });

  it('say which catalogs a human has reviewed', () => {
    expect(CITIZEN_LANGS.filter((lang) => !CATALOGS[lang].reviewedByHuman)).toEqual(['ar', 'so', 'tr']);
  });

  it('let the unit override a text, and fall back when the override is empty', () => {
    expect(citizenTranslator('da', { 'start.title': 'Egen overskrift' })('start.title')).toBe('Egen overskrift');
    expect(citizenTranslator('da', { 'start.title': '  ' })('start.title')).toBe(CATALOGS.da.messages['start.title']);
  });
});

describe('the site document', () => {
  it('starts with the verified help directory and neutral settings', () => {
    const document = defaultDocument();
    expect(document.settings).toMatchObject({ pageTitle: 'Information', exitUrl: 'https://www.dmi.dk/', retentionDays: 30 });
    expect(document.directory.map((entry) => entry.phone).filter(Boolean)).toEqual(['112', '114', '1888', '116 111']);
    expect(document.directory.every((entry) => entry.description.da && entry.description.en)).toBe(true);
  });

  it('refuses a non-https exit, a bad phone number and unknown text keys', () => {
    const bad = SiteDocument.safeParse({
      settings: { exitUrl: 'javascript:alert(1)' },
      directory: [{ id: 'x', name: 'X', phone: 'call me', url: 'http://example.org', description: {}, hours: {} }],
      texts: { da: { 'no.such.key': 'x' } },
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((issue) => issue.message);
    expect(messages).toEqual(expect.arrayContaining(['citizenadmin.validation.httpsUrl', 'citizenadmin.validation.phone', 'citizenadmin.validation.unknownText']));
  });
});

describe('the language chosen at /hjaelp/', () => {
  it('follows Accept-Language and defaults to Danish', () => {
    expect(preferredLanguage(undefined)).toBe('da');
    expect(preferredLanguage('ar-SA,ar;q=0.9,en;q=0.8')).toBe('ar');
    expect(preferredLanguage('de-DE,de;q=0.9,tr;q=0.5,en;q=0.6')).toBe('en');
    expect(preferredLanguage('so')).toBe('so');
    expect(preferredLanguage('fr, de')).toBe('da');
  });
});

describe('retention', () => {
  it('runs as a scheduled job on the platform queue', () => {
    const job = jobDefinition('citizen.purge-expired');
    expect(job?.schedule).toBe('*/15 * * * *');
  });
});
