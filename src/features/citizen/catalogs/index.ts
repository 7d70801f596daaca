/**
 * The citizen site's own message catalogs (separate from the staff application's), one per
 * language, each marked with whether a human translator has reviewed it. An unreviewed
 * catalog looks the same to the visitor; the unit sees the flag in its content editor.
 */
import type { CitizenLang } from '../languages.js';
import { ar } from './ar.js';
import { da, type CitizenKey } from './da.js';
import { en } from './en.js';
import { so } from './so.js';
import { tr } from './tr.js';

export type { CitizenKey } from './da.js';

export interface CitizenCatalog {
  lang: CitizenLang;
  /** True once a human translator has read and corrected the whole catalog. */
  reviewedByHuman: boolean;
  messages: Record<CitizenKey, string>;
}

export const CATALOGS: Record<CitizenLang, CitizenCatalog> = {
  da: { lang: 'da', reviewedByHuman: true, messages: da },
  en: { lang: 'en', reviewedByHuman: true, messages: en },
  // Written by the developer from the Danish source; a translator must still review them.
  ar: { lang: 'ar', reviewedByHuman: false, messages: ar },
  so: { lang: 'so', reviewedByHuman: false, messages: so },
  tr: { lang: 'tr', reviewedByHuman: false, messages: tr },
};

export const CITIZEN_KEYS = Object.keys(da) as CitizenKey[];

export function isCitizenKey(value: string): value is CitizenKey {
  return Object.prototype.hasOwnProperty.call(da, value);
}

export type CitizenTranslate = (key: CitizenKey, params?: Record<string, string | number>) => string;

/**
 * A translator for one language. `overrides` are the unit's published edits of single texts
 * (an empty override falls back to the catalog).
 */
export function citizenTranslator(lang: CitizenLang, overrides: Partial<Record<string, string>> = {}): CitizenTranslate {
  const messages = CATALOGS[lang].messages;
  return (key, params) => {
    const override = overrides[key];
    const text = override && override.trim() !== '' ? override : messages[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : match));
  };
}
