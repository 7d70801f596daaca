/**
 * 95 % intervals for the unseen number from one fitted model.
 *
 * Profile likelihood: every μ₀ = exp(α₀) whose deviance, with the intercept held at α₀ and the
 * other parameters refitted, is within χ²₁(0.95) of the minimum. The two ends are found by
 * Newton's method on α₀, safeguarded by a bracket, using dD/dα₀ = −2 Σ (y − μ) (the other
 * parameters sit at their optimum, so only the intercept's score remains).
 *
 * Wald: exp(α̂₀ ± z₀.₉₇₅ · se(α̂₀)), with se from the inverse Fisher information.
 */
import { chiSquaredQuantile, normalQuantile } from './distributions.js';
import type { ModelFit } from './fit.js';
import { fitPoisson } from './glm.js';

/** [low, high]; `high` is +∞ when the profile deviance never climbs high enough. */
export type Interval = [number, number];

/** The intervals of {@link unseenIntervals}. */
export interface UnseenIntervals {
  profile: Interval;
  wald: Interval;
  /** Standard error of α̂₀ = log(unseen). */
  logStandardError: number;
}

const LEVEL = 0.95;
/** How far (in log units) to look for an end of the profile interval before calling it unbounded. */
const SEARCH_LIMIT = 40;

/** Profile-likelihood and Wald 95 % intervals for exp(α₀). */
export function unseenIntervals(fit: ModelFit): UnseenIntervals {
  const cols = fit.design.columns.length;
  const covariance = fit.poisson.covariance();
  const se = Math.sqrt(covariance[0]);
  const z = normalQuantile(1 - (1 - LEVEL) / 2);
  const wald: Interval = [Math.exp(fit.intercept - z * se), Math.exp(fit.intercept + z * se)];
  const profile = profileInterval(fit, cols, Number.isFinite(se) && se > 0 ? se : 1);
  return { profile, wald, logStandardError: se };
}

function profileInterval(fit: ModelFit, cols: number, se: number): Interval {
  const { design } = fit;
  const rows = design.masks.length;
  const reducedCols = cols - 1;
  const reduced = new Float64Array(rows * reducedCols);
  for (let r = 0; r < rows; r++) for (let c = 1; c < cols; c++) reduced[r * reducedCols + c - 1] = design.x[r * cols + c];
  const target = chiSquaredQuantile(LEVEL, 1);
  const minimum = fit.deviance;
  const alphaHat = fit.intercept;
  let warm: Float64Array = fit.poisson.beta.slice(1);

  /** Profile deviance excess over the critical value, and its derivative in α₀. */
  const excess = (alpha: number): { value: number; slope: number } => {
    let result = fitPoisson({ x: reduced, rows, cols: reducedCols, y: design.y, offset: alpha, start: warm });
    if (!result.converged) result = fitPoisson({ x: reduced, rows, cols: reducedCols, y: design.y, offset: alpha });
    if (result.converged) warm = result.beta;
    let score = 0;
    for (let i = 0; i < rows; i++) score += design.y[i] - result.mu[i];
    return { value: result.deviance - minimum - target, slope: -2 * score };
  };

  const end = (direction: 1 | -1): number => {
    warm = fit.poisson.beta.slice(1);
    let inside = alphaHat;
    let step = 2 * se;
    let outside = alphaHat + direction * step;
    let at = excess(outside);
    while (at.value < 0) {
      inside = outside;
      step *= 2;
      if (step > SEARCH_LIMIT) return direction > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      outside = alphaHat + direction * step;
      at = excess(outside);
    }
    return solveBracketed(excess, inside, outside, at);
  };

  return [Math.exp(end(-1)), Math.exp(end(1))];
}

/**
 * Root of f between `inside` (f < 0) and `outside` (f ≥ 0): Newton steps from the outside end,
 * falling back to bisection whenever a step would leave the bracket.
 */
function solveBracketed(
  f: (alpha: number) => { value: number; slope: number },
  inside: number,
  outside: number,
  atOutside: { value: number; slope: number },
): number {
  let low = inside;
  let high = outside;
  let x = outside;
  let fx = atOutside;
  for (let iteration = 0; iteration < 200; iteration++) {
    if (fx.value === 0) return x;
    let next = x - fx.value / fx.slope;
    const lo = Math.min(low, high);
    const hi = Math.max(low, high);
    if (!Number.isFinite(next) || next <= lo || next >= hi) next = (low + high) / 2;
    if (Math.abs(next - x) <= 1e-13 * Math.max(1, Math.abs(x))) return next;
    x = next;
    fx = f(x);
    if (fx.value < 0) low = x;
    else high = x;
    if (Math.abs(high - low) <= 1e-13 * Math.max(1, Math.abs(x))) return x;
  }
  return x;
}
