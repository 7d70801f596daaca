/**
 * In-memory rate limits for the citizen site, keyed by the client's address. The address is
 * never stored or logged: it is reduced at once to an HMAC with a random key that lives only
 * in this process's memory, and entries vanish when their window has passed.
 *
 * One process, one memory: with N app processes behind a load balancer a client could get up
 * to N times the limit (see docs/decisions/0302-citizen-rate-limits.md).
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface RateLimitRule {
  /** Events allowed within the window. */
  limit: number;
  windowMs: number;
}

export class SlidingWindowLimiter {
  private readonly secret = randomBytes(32);
  private readonly events = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    readonly rule: RateLimitRule,
    private readonly now: () => number = Date.now,
  ) {}

  private keyOf(clientAddress: string, scope: string): string {
    return createHmac('sha256', this.secret).update(`${scope}\u0000${clientAddress}`).digest('base64url');
  }

  private recent(key: string, at: number): number[] {
    const cutoff = at - this.rule.windowMs;
    const kept = (this.events.get(key) ?? []).filter((time) => time > cutoff);
    if (kept.length === 0) this.events.delete(key);
    else this.events.set(key, kept);
    return kept;
  }

  /** Drops expired entries now and then, so memory stays bounded by the active clients. */
  private sweep(at: number): void {
    if (at - this.lastSweep < this.rule.windowMs) return;
    this.lastSweep = at;
    for (const key of [...this.events.keys()]) this.recent(key, at);
  }

  /** Counts one event for the client. */
  record(clientAddress: string, scope = ''): void {
    const at = this.now();
    const key = this.keyOf(clientAddress, scope);
    const kept = this.recent(key, at);
    kept.push(at);
    this.events.set(key, kept);
  }

  /**
   * Counts one event now if the client has allowance left, in one step: requests that arrive
   * together cannot all pass a check made before any of them is counted. Returns null when the
   * client is limited, else a function that takes the event back (for an attempt that in the end
   * does not count: a message refused for bad input, a code that was right).
   */
  take(clientAddress: string, scope = ''): (() => void) | null {
    const at = this.now();
    this.sweep(at);
    const key = this.keyOf(clientAddress, scope);
    const kept = this.recent(key, at);
    if (kept.length >= this.rule.limit) return null;
    kept.push(at);
    this.events.set(key, kept);
    let returned = false;
    return () => {
      if (returned) return;
      returned = true;
      const events = this.events.get(key);
      const index = events?.indexOf(at) ?? -1;
      if (events && index >= 0) {
        events.splice(index, 1);
        if (events.length === 0) this.events.delete(key);
      }
    };
  }

  /** Number of clients currently tracked (for tests of the memory bound). */
  get size(): number {
    return this.events.size;
  }
}

/** Wrong pickup codes: the sixth wrong code within a minute is refused (so is any code then). */
export const WRONG_CODE_RULE: RateLimitRule = { limit: 5, windowMs: 60_000 };

/** Messages (new conversations and replies) per client address. */
export const MESSAGE_RULE: RateLimitRule = { limit: 10, windowMs: 10 * 60_000 };
