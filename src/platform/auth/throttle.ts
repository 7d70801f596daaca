/**
 * Login throttling per account and per client address: after N failures within the lock
 * period, both are locked for that period. Keys are keyed hashes, so the table holds neither
 * user names nor addresses. The message for a locked login is the same whether or not the
 * account exists.
 */
import type { Tx } from '../../db/database.js';
import type { KeyRing } from '../crypto/keys.js';
import { hmacHex } from '../crypto/tokens.js';

export interface ThrottleSettings {
  maxFailures: number;
  lockMinutes: number;
}

export function throttleKeys(keys: KeyRing, username: string, clientAddress: string): string[] {
  const key = keys.key('throttle');
  return [hmacHex(key, `account:${username.trim().toLowerCase()}`), hmacHex(key, `client:${clientAddress}`)];
}

export async function isLocked(tx: Tx, tenantId: string, keyHashes: string[]): Promise<boolean> {
  const { rows } = await tx.query<{ locked: boolean }>(
    'select exists (select 1 from login_throttle where tenant_id = $1 and key_hash = any($2) and locked_until > now()) as locked',
    [tenantId, keyHashes],
  );
  return rows[0].locked;
}

/** Counts a failure on every key; returns true when this failure locked one of them. */
export async function registerFailure(tx: Tx, tenantId: string, keyHashes: string[], settings: ThrottleSettings): Promise<boolean> {
  let locked = false;
  for (const keyHash of keyHashes) {
    const { rows } = await tx.query<{ failures: number }>(
      `insert into login_throttle (tenant_id, key_hash, failures, window_started_at)
       values ($1, $2, 1, now())
       on conflict (tenant_id, key_hash) do update set
         failures = case when login_throttle.window_started_at < now() - make_interval(mins => $3) then 1 else login_throttle.failures + 1 end,
         window_started_at = case when login_throttle.window_started_at < now() - make_interval(mins => $3) then now() else login_throttle.window_started_at end
       returning failures`,
      [tenantId, keyHash, settings.lockMinutes],
    );
    if (rows[0].failures >= settings.maxFailures) {
      await tx.query(
        `update login_throttle set locked_until = now() + make_interval(mins => $3), failures = 0, window_started_at = now()
          where tenant_id = $1 and key_hash = $2`,
        [tenantId, keyHash, settings.lockMinutes],
      );
      locked = true;
    }
  }
  return locked;
}

export async function clearFailures(tx: Tx, tenantId: string, keyHashes: string[]): Promise<void> {
  await tx.query('delete from login_throttle where tenant_id = $1 and key_hash = any($2) and (locked_until is null or locked_until <= now())', [tenantId, keyHashes]);
}
