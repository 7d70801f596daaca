/**
 * Ten single-use recovery codes, shown once at enrolment. Stored as HMACs under a key kept
 * outside the database (the codes have ~50 bits, too few for a plain hash if the database leaks).
 */
import { randomInt } from 'node:crypto';
import type { Tx } from '../../db/database.js';
import type { KeyRing } from '../crypto/keys.js';
import { hmacHex } from '../crypto/tokens.js';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i: read aloud and typed from paper
export const RECOVERY_CODE_COUNT = 10;

function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

function normalise(code: string): string {
  return code.trim().toLowerCase().replace(/[\s-]/g, '');
}

function codeHash(keys: KeyRing, userId: string, code: string): string {
  return hmacHex(keys.key('totp-secret', 'recovery'), `${userId}:${normalise(code)}`);
}

/** Replaces a user's recovery codes; returns the new codes (to show once). */
export async function issueRecoveryCodes(tx: Tx, keys: KeyRing, tenantId: string, userId: string): Promise<string[]> {
  await tx.query('delete from recovery_codes where user_id = $1', [userId]);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  for (const code of codes) {
    await tx.query('insert into recovery_codes (tenant_id, user_id, code_hash) values ($1, $2, $3)', [tenantId, userId, codeHash(keys, userId, code)]);
  }
  return codes;
}

export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z2-9]{10}$/.test(normalise(code));
}

/** Uses up a recovery code; true when it was valid and unused. */
export async function consumeRecoveryCode(tx: Tx, keys: KeyRing, userId: string, code: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    'update recovery_codes set used_at = now() where user_id = $1 and code_hash = $2 and used_at is null',
    [userId, codeHash(keys, userId, code)],
  );
  return rowCount === 1;
}

export async function remainingRecoveryCodes(tx: Tx, userId: string): Promise<number> {
  const { rows } = await tx.query<{ count: number }>('select count(*)::int as count from recovery_codes where user_id = $1 and used_at is null', [userId]);
  return rows[0].count;
}
