/**
 * The staff forms of the citizen site as zod schemas: the HTML forms' flat field names
 * (`description.ar`) are mapped onto the site document's shapes, so the same validation
 * (document.ts) guards the form and the stored document.
 */
import { z } from 'zod';
import { text, versionField } from '../../platform/http/validation.js';
import { DirectoryEntry, SiteSettings, UnitContact } from '../citizen/document.js';
import { CITIZEN_LANGS } from '../citizen/languages.js';

// `{ version }` in the schemas below: the version the form was shown with.
const version = versionField;

/** Starting or restoring a draft: the draft's version only when one is being replaced. */
export const OptionalVersionForm = z.object({ version: version.optional() });

function localized(values: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(CITIZEN_LANGS.map((lang) => [lang, values[`${prefix}.${lang}`] ?? '']));
}

function flat(raw: unknown): Record<string, unknown> {
  return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
}

export const VersionForm = z.object({ version });

export const SettingsForm = z.preprocess((raw) => {
  const values = flat(raw);
  return { ...values, inboxTeamId: values.inboxTeamId ? values.inboxTeamId : null };
}, SiteSettings.extend({ version }));

export const UnitForm = z.preprocess((raw) => {
  const values = flat(raw);
  return {
    version: values.version, name: values.name, phone: values.phone, email: values.email, address: values.address,
    hours: localized(values, 'hours'), note: localized(values, 'note'),
  };
}, UnitContact.extend({ version }));

export const EntryForm = z.preprocess((raw) => {
  const values = flat(raw);
  return {
    version: values.version, id: values.id, name: values.name, phone: values.phone, url: values.url, lastVerified: values.lastVerified,
    urgent: values.urgent === 'on' || values.urgent === 'true',
    description: localized(values, 'description'), hours: localized(values, 'hours'),
  };
}, DirectoryEntry.extend({ version }));

/** Text overrides: fields named `text.<key>`; an empty field removes the override. */
export const TextsForm = z.preprocess((raw) => {
  const values = flat(raw);
  const texts: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) if (field.startsWith('text.')) texts[field.slice(5)] = value;
  return { version: values.version, texts };
}, z.object({ version, texts: z.record(z.string(), z.string().max(4000, 'validation.tooLong')) }));

export const AnswerForm = z.object({ version, message: text(5000) });
export const ConvertForm = z.object({ version, description: text(8000) });
