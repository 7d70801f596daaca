/**
 * Message catalogs for the staff application. Danish is the default and the source; every
 * catalog module exports `da` and an `en` typed with da's keys, so a missing English text is a
 * compile error. Features register their own namespaced catalogs at import time.
 * (The citizen site has its own catalogs in five languages, in its own folder.)
 */
export const LANGUAGES = ['da', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'da';

export type Messages = Record<string, string>;
export type Translate = (key: string, params?: Record<string, string | number>) => string;

const catalogs: Record<Lang, Messages> = { da: {}, en: {} };

/** Adds a feature's messages. Keys must be unique across features (namespace them). */
export function registerMessages(messages: { da: Messages; en: Messages }): void {
  for (const lang of LANGUAGES) {
    for (const [key, text] of Object.entries(messages[lang])) {
      if (key in catalogs[lang] && catalogs[lang][key] !== text) throw new Error(`Duplicate message key ${key} (${lang})`);
      catalogs[lang][key] = text;
    }
  }
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function hasMessage(lang: Lang, key: string): boolean {
  return key in catalogs[lang];
}

/** All keys per language (for completeness tests). */
export function catalogKeys(lang: Lang): string[] {
  return Object.keys(catalogs[lang]);
}

function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : match));
}

/**
 * A translator for one language. `key.one`/`key.other` pairs are chosen by `params.count`.
 * An unknown key renders as the key itself, which tests catch.
 */
export function translator(lang: Lang): Translate {
  let translate = translators.get(lang);
  if (!translate) {
    translate = makeTranslator(lang);
    translators.set(lang, translate);
  }
  return translate;
}

// One translator and one set of formatters per language for the process: constructing an Intl
// object costs more than rendering a small page's texts (every request used to build its own).
const translators = new Map<Lang, Translate>();
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cachedFormatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

function makeTranslator(lang: Lang): Translate {
  const catalog = catalogs[lang];
  const plural = new Intl.PluralRules(lang);
  return (key, params) => {
    // Own keys only: "constructor" or "__proto__" must render as themselves, not as functions.
    const own = (name: string) => (Object.hasOwn(catalog, name) ? catalog[name] : undefined);
    let text = own(key);
    if (text === undefined && params && typeof params.count === 'number') {
      text = own(`${key}.${plural.select(params.count)}`) ?? own(`${key}.other`);
    }
    return interpolate(text ?? key, params);
  };
}

/** Picks the first supported language from an Accept-Language header. */
export function languageFromHeader(header: string | undefined, supported: readonly string[] = LANGUAGES, fallback = 'da'): string {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.find((entry) => supported.includes(entry.tag))?.tag ?? fallback;
}

/** Dates and numbers shown the Danish or English way, in Copenhagen time. */
export function formatDateTime(lang: Lang, value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  return cachedFormatter(`datetime:${lang}`, () => new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Copenhagen',
  })).format(date);
}

export function formatDate(lang: Lang, value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value;
  return cachedFormatter(`date:${lang}`, () => new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/Copenhagen' })).format(date);
}

export function formatNumber(lang: Lang, value: number, fractionDigits = 0): string {
  return cachedFormatter(`number:${lang}:${fractionDigits}`, () => new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits,
  })).format(value);
}

// The platform's own texts (layout, errors, validation, roles) are always present.
import * as platformMessages from './platform-messages.js';
registerMessages(platformMessages);
