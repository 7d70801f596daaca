/**
 * The distribution functions the engine needs, from the Cephes library (the `cephes` package,
 * WebAssembly). Cephes computes both Poisson tails directly from the incomplete gamma function,
 * so a p-value of 1e-40 comes out as 1e-40 rather than 1 − 1 = 0, which matters because the
 * stepwise search ranks candidate pairs by these p-values.
 */
import { createRequire } from 'node:module';

interface Cephes {
  pdtr(k: number, m: number): number;
  pdtrc(k: number, m: number): number;
  ndtr(a: number): number;
  ndtri(y0: number): number;
  chdtri(df: number, y: number): number;
}

// The CommonJS build compiles the WebAssembly synchronously from a Buffer; the ES module build
// decodes its base64 in JavaScript, which costs the command line ~20 ms more at start.
const { pdtr, pdtrc, ndtr, ndtri, chdtri } = createRequire(import.meta.url)('cephes') as Cephes;

/** P(X ≤ n) for X ~ Poisson(mean). */
export function poissonCdf(n: number, mean: number): number {
  if (n < 0) return 0;
  if (mean <= 0) return 1;
  return zeroOnUnderflow(() => pdtr(n, mean));
}

/** P(X ≥ n) for X ~ Poisson(mean). */
export function poissonUpperTail(n: number, mean: number): number {
  if (n <= 0) return 1;
  if (mean <= 0) return 0;
  return zeroOnUnderflow(() => pdtrc(n - 1, mean));
}

/**
 * Cephes signals a result below the smallest double through its error hook, which the package
 * turns into a thrown Error; the C library itself returns 0 there, and so do we.
 */
function zeroOnUnderflow(compute: () => number): number {
  try {
    return compute();
  } catch (error) {
    if (error instanceof Error && error.message.includes('underflow')) return 0;
    throw error;
  }
}

/** Standard normal distribution function Φ(z). */
export function normalCdf(z: number): number {
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  return ndtr(z);
}

/** Standard normal quantile Φ⁻¹(p); ±∞ at 0 and 1. */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  return ndtri(p);
}

/** The q-quantile of the chi-squared distribution with `df` degrees of freedom. */
export function chiSquaredQuantile(q: number, df: number): number {
  return chdtri(df, 1 - q);
}
