/**
 * Pickup codes: the visitor's only key to a conversation. Four words from a list of common
 * Danish words plus six digits, drawn with a cryptographic random source: with the list's
 * length N, log2(N⁴ · 10⁶) bits (≈ 61.7 for 1,404 words, tested to stay ≥ 60).
 *
 * Only a keyed hash of the normalised code is stored (HMAC-SHA256 with a key derived from the
 * master key outside the database), so neither a database dump nor a log can reveal a code,
 * and a dump alone cannot be used to try codes offline.
 */
import { createHmac, randomInt } from 'node:crypto';
import type { KeyRing } from '../../platform/crypto/keys.js';
import { PICKUP_WORDS } from './pickup-words.js';

export const CODE_WORDS = 4;
export const CODE_DIGITS = 6;

/** The code's entropy in bits, from the word list actually shipped. */
export function codeEntropyBits(wordCount = PICKUP_WORDS.length): number {
  return CODE_WORDS * Math.log2(wordCount) + CODE_DIGITS * Math.log2(10);
}

/** A fresh code as shown to the visitor, e.g. "sol hest kage ugle 482913". */
export function generatePickupCode(): string {
  const words = Array.from({ length: CODE_WORDS }, () => PICKUP_WORDS[randomInt(PICKUP_WORDS.length)]);
  const digits = Array.from({ length: CODE_DIGITS }, () => String(randomInt(10))).join('');
  return `${words.join(' ')} ${digits}`;
}

// Arabic-Indic (U+0660–0669) and Eastern Arabic-Indic (U+06F0–06F9) digits, typed on Arabic
// and Persian keyboards, count as the same digits.
function westernDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) & 0xf));
}

/**
 * The canonical form a code is compared in: case, spaces, dashes and other separators do not
 * matter, and full-width or Arabic digits count as digits. Returns null for input that cannot
 * be a code (too short, too long, or letters outside a–z).
 */
export function normalizePickupCode(input: string): string | null {
  if (input.length > 200) return null;
  const folded = westernDigits(input.normalize('NFKC')).toLowerCase().replace(/[\s\-_.,·/]+/g, '');
  if (!/^[a-z]+[0-9]+$/.test(folded)) return null;
  if (folded.length < CODE_WORDS * 3 + CODE_DIGITS || folded.length > 80) return null;
  return folded;
}

/** The keyed hash stored in place of the code (64 hex characters). */
export function pickupCodeHash(keys: KeyRing, tenantId: string, normalized: string): string {
  return createHmac('sha256', keys.key('citizen-messages', 'pickup-code')).update(`${tenantId}:${normalized}`).digest('hex');
}
