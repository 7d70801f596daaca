/**
 * Encryption of citizen messages and contact details at rest: AES-256-GCM with the
 * `citizen-messages` key (derived from the master key outside the database). The associated
 * data names the tenant, the conversation, the message and its author, so a ciphertext moved
 * to another row, another conversation or another tenant does not decrypt.
 */
import { decryptText, encryptText } from '../../platform/crypto/aead.js';
import type { KeyRing } from '../../platform/crypto/keys.js';

export type Author = 'citizen' | 'staff';

function messageAad(tenantId: string, conversationId: string, messageId: string, author: Author): string {
  return `citizen-message:${tenantId}:${conversationId}:${messageId}:${author}`;
}

function contactAad(tenantId: string, conversationId: string): string {
  return `citizen-contact:${tenantId}:${conversationId}`;
}

export function encryptMessage(keys: KeyRing, ids: { tenantId: string; conversationId: string; messageId: string; author: Author }, text: string): string {
  return encryptText(keys.key('citizen-messages'), text, messageAad(ids.tenantId, ids.conversationId, ids.messageId, ids.author));
}

export function decryptMessage(keys: KeyRing, ids: { tenantId: string; conversationId: string; messageId: string; author: Author }, sealed: string): string {
  return decryptText(keys.key('citizen-messages'), sealed, messageAad(ids.tenantId, ids.conversationId, ids.messageId, ids.author));
}

export function encryptContact(keys: KeyRing, tenantId: string, conversationId: string, text: string): string {
  return encryptText(keys.key('citizen-messages'), text, contactAad(tenantId, conversationId));
}

export function decryptContact(keys: KeyRing, tenantId: string, conversationId: string, sealed: string): string {
  return decryptText(keys.key('citizen-messages'), sealed, contactAad(tenantId, conversationId));
}
