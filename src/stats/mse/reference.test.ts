/**
 * Issue 6, "Correctness": for every data set in test/fixtures/mse/ and both methods, the engine
 * must give R's `glm` values in reference.csv: unseen to 1e-6 relative, interval bounds to 1e-4
 * relative, and the same interactions and empty overlaps.
 */
import { describe, expect, it } from 'vitest';
import { estimate } from './estimate.js';
import { loadDataset, referenceRows } from './testing/fixtures.js';

const rows = referenceRows();

function relativeError(actual: number | null, expected: number): number {
  if (actual === null) return Number.POSITIVE_INFINITY;
  return Math.abs(actual / expected - 1);
}

const sorted = (names: readonly string[]) => [...names].sort();

describe('reference.csv', () => {
  it('covers all 16 data sets with both methods', () => {
    expect(new Set(rows.map((r) => r.dataset)).size).toBe(16);
    expect(rows).toHaveLength(32);
  });

  it.each(rows.map((row) => [row.dataset, row.method, row] as const))('%s, %s', (_, method, row) => {
    const result = estimate(loadDataset(row.dataset), { method });
    expect(result.observed).toBe(row.observed);
    expect(result.model.method).toBe(method);
    expect(relativeError(result.unseen.estimate, row.unseen)).toBeLessThan(1e-6);
    const { profile, wald } = result.unseen.ci95;
    expect(relativeError(profile[0], row.profile[0])).toBeLessThan(1e-4);
    expect(relativeError(profile[1], row.profile[1])).toBeLessThan(1e-4);
    expect(relativeError(wald[0], row.wald[0])).toBeLessThan(1e-4);
    expect(relativeError(wald[1], row.wald[1])).toBeLessThan(1e-4);
    expect(sorted(result.model.interactions)).toEqual(sorted(row.interactions));
    expect(sorted(result.model.emptyOverlaps)).toEqual(sorted(row.empty));
    expect(result.total.estimate).toBeCloseTo(row.observed + result.unseen.estimate, 9);
  });
});
