/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s) for the second factor.
 * A code is accepted one step either side of now, and each time step only once per user
 * (the last accepted step is stored) so an observed code cannot be replayed.
 */
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Selvbestemt';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export function totpUri(secretBase32: string, label: string): string {
  return totp(secretBase32, label).toString();
}

/** An SVG QR code of the otpauth:// URI, rendered on the server (no third-party service). */
export async function totpQrSvg(secretBase32: string, label: string): Promise<string> {
  // Loaded with the first enrolment, not at start.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(totpUri(secretBase32, label), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The current code (used by tests and the demo's instructions). */
export function currentTotp(secretBase32: string, timestamp = Date.now()): string {
  return totp(secretBase32).generate({ timestamp });
}

/**
 * Checks a code; returns the matched time step or null. `lastStep` is the last step this user
 * used: a step at or before it is refused (replay).
 */
export function checkTotp(secretBase32: string, code: string, lastStep: number | null, timestamp = Date.now()): number | null {
  const cleaned = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(cleaned)) return null;
  const delta = totp(secretBase32).validate({ token: cleaned, timestamp, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(timestamp / 30_000) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}
