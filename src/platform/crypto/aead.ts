/**
 * AES-256-GCM for sensitive text and files. The output carries a version byte, the random
 * 96-bit nonce and the tag; `associatedData` binds a ciphertext to its row (e.g. tenant and
 * record id), so a ciphertext copied to another row does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function encryptBytes(key: Buffer, plaintext: Buffer, associatedData = ''): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(associatedData));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
}

export function decryptBytes(key: Buffer, sealed: Buffer, associatedData = ''): Buffer {
  if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new Error('Unsupported ciphertext');
  const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
  const tag = sealed.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(1 + NONCE_BYTES + TAG_BYTES)), decipher.final()]);
}

/** Text in, base64 text out (for text columns). */
export function encryptText(key: Buffer, plaintext: string, associatedData = ''): string {
  return encryptBytes(key, Buffer.from(plaintext, 'utf8'), associatedData).toString('base64');
}

export function decryptText(key: Buffer, sealed: string, associatedData = ''): string {
  return decryptBytes(key, Buffer.from(sealed, 'base64'), associatedData).toString('utf8');
}
