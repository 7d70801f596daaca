/**
 * Assertion helpers for the agreement tests. Built on node:assert rather than vitest so that this
 * file, which the build copies to dist like any non-test module, imports nothing from devDependencies.
 */
import assert from 'node:assert/strict';

/** Asserts |actual − expected| < tolerance (default 1e-9), with both numbers in the failure message. */
export function expectWithin(actual: number | null, expected: number, tolerance = 1e-9): void {
  assert.ok(actual !== null && Math.abs(actual - expected) < tolerance, `expected ${expected} ± ${tolerance}, got ${actual}`);
}

/** Rounds as the publications do (three decimals), for comparing with printed values. */
export function round3(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}
