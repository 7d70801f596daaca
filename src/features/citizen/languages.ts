/**
 * The citizen site's five languages. Each is named in its own language in the switch, and
 * Arabic is written right to left.
 */
export const CITIZEN_LANGS = ['da', 'en', 'ar', 'so', 'tr'] as const;
export type CitizenLang = (typeof CITIZEN_LANGS)[number];
export const DEFAULT_CITIZEN_LANG: CitizenLang = 'da';

/** Each language's own name, as shown in the language switch. */
export const LANGUAGE_NAMES: Record<CitizenLang, string> = {
  da: 'Dansk',
  en: 'English',
  ar: 'العربية',
  so: 'Soomaali',
  tr: 'Türkçe',
};

export function isCitizenLang(value: unknown): value is CitizenLang {
  return typeof value === 'string' && (CITIZEN_LANGS as readonly string[]).includes(value);
}

export function textDirection(lang: CitizenLang): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** BCP 47 locale for dates and numbers. */
export function localeOf(lang: CitizenLang): string {
  return { da: 'da-DK', en: 'en-GB', ar: 'ar', so: 'so-SO', tr: 'tr-TR' }[lang];
}
