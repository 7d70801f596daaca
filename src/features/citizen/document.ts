/**
 * The unit's editable site content as one document: settings (neutral title, quick-exit
 * destination, retention, receiving team), the unit's contact details, the help directory and
 * text overrides per language. Stored as JSON per revision; validated with the same schema
 * when the unit saves a draft and when a stored revision is read back.
 */
import { z } from 'zod';
import { isCitizenKey } from './catalogs/index.js';
import { CITIZEN_LANGS, type CitizenLang } from './languages.js';
import { DEFAULT_DIRECTORY } from './directory-defaults.js';
import { isCalendarDate, strictNumber } from '../../platform/http/validation.js';

// Control characters other than tab and newline have no place in published text.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function plain(max: number) {
  return z
    .string({ error: 'validation.required' })
    .trim()
    .max(max, 'validation.tooLong')
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'validation.controlCharacters');
}

/** A text in each of the five languages; an empty language falls back to Danish. */
export const LocalizedText = z.object(
  Object.fromEntries(CITIZEN_LANGS.map((lang) => [lang, plain(2000).default('')])) as Record<CitizenLang, z.ZodDefault<ReturnType<typeof plain>>>,
);
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Entries on the help list: a list a visitor can still read through on a phone. */
export const DIRECTORY_MAX = 40;

const httpsUrl = z
  .string()
  .trim()
  .max(500, 'validation.tooLong')
  // new URL() accepts (and quietly drops or keeps) control characters; a stored address must not
  // hold any (a NUL also made the database refuse the whole draft).
  .regex(/^[^\u0000-\u001F\u007F]*$/, 'validation.controlCharacters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'citizenadmin.validation.httpsUrl');

const optionalHttpsUrl = z.union([z.literal(''), httpsUrl]).default('');

/** Digits, spaces and a leading +; what a visitor can dial. */
const phone = z
  .string()
  .trim()
  .max(40, 'validation.tooLong')
  .regex(/^(\+?[0-9][0-9 ]{1,30})?$/, 'citizenadmin.validation.phone')
  .default('');

const isoDate = z
  .union([z.literal(''), z.null(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'citizenadmin.validation.date')])
  .transform((value) => (value ? value : null))
  .refine((value) => value === null || isCalendarDate(value), 'citizenadmin.validation.date');

export const DirectoryEntry = z.object({
  /** Stable identifier (letters, digits and dashes). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'citizenadmin.validation.entryId'),
  name: plain(150).min(1, 'validation.required'),
  phone,
  url: optionalHttpsUrl,
  description: LocalizedText,
  hours: LocalizedText,
  /** When someone last checked the details against the organisation's own source. */
  lastVerified: isoDate.default(null),
  /** Shown first, in the urgent box. */
  urgent: z.boolean().default(false),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

export const UnitContact = z.object({
  name: plain(150).default(''),
  phone,
  email: z.union([z.literal(''), z.email({ error: 'validation.invalidEmail' }).max(200)]).default(''),
  address: plain(300).default(''),
  hours: LocalizedText.default({ da: '', en: '', ar: '', so: '', tr: '' }),
  note: LocalizedText.default({ da: '', en: '', ar: '', so: '', tr: '' }),
});
export type UnitContact = z.infer<typeof UnitContact>;

export const DEFAULT_EXIT_URL = 'https://www.dmi.dk/';
export const DEFAULT_PAGE_TITLE = 'Information';
export const DEFAULT_RETENTION_DAYS = 30;

export const SiteSettings = z.object({
  /** The browser tab's title on every page: neutral on purpose. */
  pageTitle: plain(60).min(1, 'validation.required').default(DEFAULT_PAGE_TITLE),
  /** Where the quick exit goes. */
  exitUrl: httpsUrl.default(DEFAULT_EXIT_URL),
  /** Days after the last message before a conversation is deleted. */
  retentionDays: strictNumber(z.coerce.number({ error: 'validation.invalidType' }).int('validation.invalidType').min(1, 'validation.tooSmall').max(365, 'validation.tooBig')).default(DEFAULT_RETENTION_DAYS),
  /** The team whose advisers receive messages; null: the tenant's first active unit team. */
  inboxTeamId: z.union([z.uuid(), z.null()]).default(null),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

const TextOverrides = z
  .record(z.string(), plain(4000))
  .refine((texts) => Object.keys(texts).every(isCitizenKey), 'citizenadmin.validation.unknownText');

export const SiteDocument = z.object({
  settings: SiteSettings.default(SiteSettings.parse({})),
  unit: UnitContact.default(UnitContact.parse({})),
  directory: z.array(DirectoryEntry).max(DIRECTORY_MAX, 'citizenadmin.entry.directoryFull').default([]),
  texts: z
    .object(Object.fromEntries(CITIZEN_LANGS.map((lang) => [lang, TextOverrides.default({})])) as Record<CitizenLang, z.ZodDefault<typeof TextOverrides>>)
    .default({ da: {}, en: {}, ar: {}, so: {}, tr: {} }),
});
export type SiteDocument = z.infer<typeof SiteDocument>;

/** What a tenant shows before its unit has published anything. */
export function defaultDocument(): SiteDocument {
  return SiteDocument.parse({ directory: DEFAULT_DIRECTORY });
}

let sharedDefault: SiteDocument | null = null;

/**
 * The defaults as one shared, frozen object for read-only use on every request (parsing the
 * whole document per request would cost more than rendering the page).
 */
export function sharedDefaultDocument(): SiteDocument {
  return (sharedDefault ??= deepFreeze(defaultDocument()));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** Reads a stored document; a document that no longer validates falls back to the defaults. */
export function readDocument(stored: unknown): SiteDocument {
  const parsed = SiteDocument.safeParse(stored);
  return parsed.success ? parsed.data : sharedDefaultDocument();
}

/** The text for `lang`, else Danish. */
export function localized(text: LocalizedText | undefined, lang: CitizenLang): string {
  if (!text) return '';
  return text[lang]?.trim() ? text[lang] : text.da;
}
