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

  /** Whether the client has used up its allowance (without counting anything). */
  isLimited(clientAddress: string, scope = ''): boolean {
    const at = this.now();
    this.sweep(at);
    return this.recent(this.keyOf(clientAddress, scope), at).length >= this.rule.limit;
  }

  /** Counts one event for the client. */
  record(clientAddress: string, scope = ''): void {
    const at = this.now();
    const key = this.keyOf(clientAddress, scope);
    const kept = this.recent(key, at);
    kept.push(at);
    this.events.set(key, kept);
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
