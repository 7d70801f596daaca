/**
 * A person's identity in the case flow, without ever storing it in the clear:
 * - the CPR number is validated (10 digits, a real date of birth, not in the future), stored
 *   encrypted (AES-256-GCM, `cpr-ciphertext`), and found only through a keyed hash
 *   (`cpr-search`, per tenant);
 * - the pseudonymous person key HMAC-SHA256(CPR, `person-key` per tenant) links the same person
 *   across source lists for the hidden-number estimate, without the CPR number;
 * - names are encrypted and searchable through keyed hashes of their folded tokens and token
 *   prefixes (see docs/decisions/0111-name-search.md).
 */
import { DateTime } from 'luxon';
import { decryptText, encryptText } from '../../platform/crypto/aead.js';
import type { KeyPurpose } from '../../platform/crypto/keys.js';
import { hmacHex } from '../../platform/crypto/tokens.js';
import type { AppDeps } from '../../platform/deps.js';

/** Removes the usual separators: "010203-1234" and "010203 1234" are accepted. */
export function normaliseCpr(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/**
 * The date of birth a CPR number encodes (DDMMYY + the century from the 7th digit, as the CPR
 * office defines it), or null when the number is not 10 digits or the date does not exist.
 */
export function cprBirthDate(cpr: string): string | null {
  const digits = normaliseCpr(cpr);
  if (!/^\d{10}$/.test(digits)) return null;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const yy = Number(digits.slice(4, 6));
  const seventh = Number(digits[6]);
  let century: number;
  if (seventh <= 3) century = 1900;
  else if (seventh === 4 || seventh === 9) century = yy <= 36 ? 2000 : 1900;
  else century = yy <= 57 ? 2000 : 1800;
  const date = DateTime.fromObject({ year: century + yy, month, day }, { zone: 'utc' });
  return date.isValid ? date.toISODate() : null;
}

/** Why a CPR number is refused (a message key), or null when it is acceptable. */
export function cprProblem(cpr: string, today: string = DateTime.now().setZone('Europe/Copenhagen').toISODate()!): string | null {
  const digits = normaliseCpr(cpr);
  if (!/^\d{10}$/.test(digits)) return 'inquiries.cpr.format';
  const birth = cprBirthDate(digits);
  if (!birth) return 'inquiries.cpr.date';
  if (birth > today) return 'inquiries.cpr.future';
  return null;
}

export function cprHash(deps: AppDeps, tenantId: string, cpr: string): string {
  return hmacHex(deps.keys.key('cpr-search', tenantId), normaliseCpr(cpr));
}

/** The pseudonymous person key: HMAC-SHA256(CPR, person-key for the tenant), hex. */
export function personKey(deps: AppDeps, tenantId: string, cpr: string): string {
  return hmacHex(deps.keys.key('person-key', tenantId), normaliseCpr(cpr));
}

/**
 * Folds a name for tolerant matching: case, accents and the Danish letters. æ/ä→ae, ø/ö→oe,
 * å→aa, then aa→a, ae→a, oe→o, so "Åse", "Aase" and "Ase" meet, and so do "Møller", "Moeller"
 * and "Moller". It over-matches a little ("Michael"/"Michal"), which search tolerates.
 */
export function foldName(value: string): string {
  return value
    .toLowerCase()
    .replace(/[æä]/g, 'ae')
    .replace(/[øö]/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/ı/g, 'i')
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9\s-]/g, ' ')
    .replace(/aa/g, 'a')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .trim();
}

export function nameWords(value: string): string[] {
  return foldName(value).split(/[\s-]+/).filter((word) => word.length > 0);
}

const MIN_PREFIX = 3;
const HASH_CHARS = 20; // 80 bits: no useful collisions at a municipality's scale, small index

function tokenHash(key: Buffer, token: string): string {
  return hmacHex(key, token).slice(0, HASH_CHARS);
}

function nameKey(deps: AppDeps, tenantId: string): Buffer {
  // A purpose key of its own, derived from the personal-data key's family for this tenant.
  return deps.keys.key('personal-data', `name-search:${tenantId}`);
}

/** Keyed hashes of every word of a name and of each word's prefixes (3 letters and up). */
export function nameTokens(deps: AppDeps, tenantId: string, name: string): string[] {
  const key = nameKey(deps, tenantId);
  const tokens = new Set<string>();
  for (const word of nameWords(name)) {
    if (word.length < MIN_PREFIX) tokens.add(tokenHash(key, word));
    for (let length = MIN_PREFIX; length <= word.length; length++) tokens.add(tokenHash(key, word.slice(0, length)));
  }
  return [...tokens];
}

/** The hashes a name query must all match (each query word as a prefix, or whole if short). */
export function nameQueryTokens(deps: AppDeps, tenantId: string, query: string): string[] {
  const key = nameKey(deps, tenantId);
  return [...new Set(nameWords(query).map((word) => tokenHash(key, word)))];
}

/** Encrypts a field bound to its tenant, row and column (a ciphertext moved elsewhere fails). */
export function seal(deps: AppDeps, purpose: KeyPurpose, tenantId: string, rowId: string, column: string, value: string): string {
  return encryptText(deps.keys.key(purpose), value, `${tenantId}:${rowId}:${column}`);
}

export function sealOptional(deps: AppDeps, purpose: KeyPurpose, tenantId: string, rowId: string, column: string, value: string | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : seal(deps, purpose, tenantId, rowId, column, value);
}

export function unseal(deps: AppDeps, purpose: KeyPurpose, tenantId: string, rowId: string, column: string, sealed: string): string;
export function unseal(deps: AppDeps, purpose: KeyPurpose, tenantId: string, rowId: string, column: string, sealed: string | null): string | null;
export function unseal(deps: AppDeps, purpose: KeyPurpose, tenantId: string, rowId: string, column: string, sealed: string | null): string | null {
  return sealed === null ? null : decryptText(deps.keys.key(purpose), sealed, `${tenantId}:${rowId}:${column}`);
}
