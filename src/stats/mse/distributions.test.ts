import { describe, expect, it } from 'vitest';
import { chiSquaredQuantile, normalCdf, normalQuantile, poissonCdf, poissonUpperTail } from './distributions.js';

describe('distributions', () => {
  it('Poisson tails match R (ppois) and keep tiny tails exact', () => {
    expect(poissonCdf(5, 10.3)).toBeCloseTo(0.0565537098409057, 14); // ppois(5, 10.3)
    expect(poissonUpperTail(6, 10.3)).toBeCloseTo(1 - 0.0565537098409057, 14);
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonCdf(-1, 3)).toBe(0);
    // ppois(499, 100, lower.tail = FALSE) = 3.808754e-178: far below 1 − 1.
    expect(poissonUpperTail(500, 100) / 3.808754229e-178).toBeCloseTo(1, 8);
  });

  it('gives 0, not an exception, when a tail underflows', () => {
    expect(poissonCdf(0, 1000)).toBe(0);
    expect(poissonUpperTail(2000, 1)).toBe(0);
  });

  it('treats a zero mean as the point mass at 0', () => {
    expect(poissonCdf(0, 0)).toBe(1);
    expect(poissonUpperTail(1, 0)).toBe(0);
  });

  it('normal and chi-squared quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(chiSquaredQuantile(0.95, 1)).toBeCloseTo(3.841458820694124, 12);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });
});
