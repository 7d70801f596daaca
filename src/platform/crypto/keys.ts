/**
 * The master key lives in a file outside the database (KEY_FILE, default data/secrets.json,
 * mode 0600), so a stolen database dump alone reveals no encrypted text and no linkage key.
 * Purpose keys are derived from it with HKDF, so one secret protects everything and a
 * purpose key cannot be used for another purpose.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type KeyPurpose =
  | 'totp-secret'
  | 'case-notes'
  | 'attachments'
  | 'citizen-messages'
  | 'cpr-ciphertext'
  | 'cpr-search'
  | 'person-key'
  | 'throttle'
  | 'personal-data'
  | 'darkfigure-bootstrap';

export interface KeyRing {
  /** A 32-byte key for one purpose; `scope` separates tenants where keys must differ per tenant. */
  key(purpose: KeyPurpose, scope?: string): Buffer;
  /**
   * Names the master key without revealing it (a derived value, hex): a backup records it, so a
   * restore can tell whether the key file in place is the one its encrypted text needs.
   */
  fingerprint(): string;
}

export function keyRingFromMaster(master: Buffer): KeyRing {
  const cache = new Map<string, Buffer>();
  return {
    key(purpose, scope = '') {
      const label = `${purpose}:${scope}`;
      let derived = cache.get(label);
      if (!derived) {
        derived = Buffer.from(hkdfSync('sha256', master, Buffer.from('selvbestemt'), Buffer.from(label), 32));
        cache.set(label, derived);
      }
      return derived;
    },
    fingerprint() {
      return Buffer.from(hkdfSync('sha256', master, Buffer.from('selvbestemt'), Buffer.from('key-fingerprint'), 16)).toString('hex');
    },
  };
}

/** Reads the key file, creating it with a fresh random key when it does not exist. */
export function loadOrCreateKeyRing(keyFile: string): KeyRing {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    const content = { version: 1, masterKey: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() };
    writeFileSync(keyFile, JSON.stringify(content, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  }
  const parsed = JSON.parse(readFileSync(keyFile, 'utf8')) as { masterKey?: string };
  const master = Buffer.from(parsed.masterKey ?? '', 'base64');
  if (master.length !== 32) throw new Error(`The key file ${keyFile} does not hold a 32-byte base64 masterKey.`);
  return keyRingFromMaster(master);
}
