import { describe, expect, it } from 'vitest';
import { fitPoisson, poissonDeviance } from './glm.js';

describe('fitPoisson', () => {
  it('fits the two-list saturated model exactly', () => {
    // Cells 10, 01, 11; parameters intercept, A, B. μ10 = e^(α+a), μ01 = e^(α+b), μ11 = e^(α+a+b).
    const x = Float64Array.from([1, 1, 0, 1, 0, 1, 1, 1, 1]);
    const y = Float64Array.from([60, 45, 15]);
    const fit = fitPoisson({ x, rows: 3, cols: 3, y });
    expect(fit.converged).toBe(true);
    expect(Math.exp(fit.beta[0])).toBeCloseTo((60 * 45) / 15, 10);
    expect(fit.deviance).toBeCloseTo(0, 10);
    // Var(log μ0) for Lincoln–Petersen: 1/n10 + 1/n01 + 1/n11.
    expect(fit.covariance()[0]).toBeCloseTo(1 / 60 + 1 / 45 + 1 / 15, 10);
  });

  it('holds the intercept with an offset', () => {
    const x = Float64Array.from([1, 0, 0, 1, 1, 1]);
    const y = Float64Array.from([60, 45, 15]);
    const fit = fitPoisson({ x, rows: 3, cols: 2, y, offset: Math.log(180) });
    expect(fit.converged).toBe(true);
    expect(fit.deviance).toBeCloseTo(0, 8);
  });

  it('reports no convergence when the MLE does not exist (nobody on both lists)', () => {
    const x = Float64Array.from([1, 1, 0, 1, 0, 1, 1, 1, 1]);
    const fit = fitPoisson({ x, rows: 3, cols: 3, y: Float64Array.from([5, 7, 0]) });
    expect(fit.converged).toBe(false);
    expect(fit.beta.every(Number.isFinite)).toBe(true);
  });
});

describe('poissonDeviance', () => {
  it('is 0 at a perfect fit and counts zero cells as 2μ', () => {
    expect(poissonDeviance(Float64Array.from([3, 4]), Float64Array.from([3, 4]))).toBe(0);
    expect(poissonDeviance(Float64Array.from([0]), Float64Array.from([2.5]))).toBeCloseTo(5, 12);
  });
});
