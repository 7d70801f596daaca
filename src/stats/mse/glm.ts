/**
 * Poisson log-linear fit by iteratively reweighted least squares (Newton's method for the
 * canonical link), as R's `glm(family = poisson)` does, but run to full convergence: R stops
 * when the deviance changes by less than 1e-8 relative, we stop when the parameters stop
 * moving, so the unseen number is right to many more digits than the 1e-6 asked of it.
 */
import { choleskyInPlace, choleskySolveInPlace } from './linalg.js';

/** The data of one Poisson fit. */
export interface PoissonFitInput {
  /** Row-major design, rows × cols. */
  x: Float64Array;
  rows: number;
  cols: number;
  y: Float64Array;
  /** A constant added to every linear predictor (used to hold the intercept fixed). */
  offset?: number;
  /** Starting coefficients; without them R's start μ = y + 0.1 is used. */
  start?: Float64Array;
  maxIterations?: number;
}

/** The result of {@link fitPoisson}. */
export interface PoissonFit {
  beta: Float64Array;
  mu: Float64Array;
  deviance: number;
  iterations: number;
  converged: boolean;
  /** The inverse of XᵀWX at the fitted means: the unscaled covariance of beta. */
  covariance: () => Float64Array;
}

/** Poisson deviance 2 Σ [y log(y/μ) − (y − μ)]. */
export function poissonDeviance(y: Float64Array, mu: Float64Array): number {
  let deviance = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i];
    deviance += (yi > 0 ? yi * Math.log(yi / mu[i]) : 0) - (yi - mu[i]);
  }
  return 2 * deviance;
}

/** Fits the model. Never throws; `converged` is false if Newton's method ran off (no MLE). */
export function fitPoisson(input: PoissonFitInput): PoissonFit {
  const { x, rows, cols, y } = input;
  const offset = input.offset ?? 0;
  const maxIterations = input.maxIterations ?? 100;
  const eta = new Float64Array(rows);
  const mu = new Float64Array(rows);
  let beta = new Float64Array(cols);
  if (input.start) {
    beta = Float64Array.from(input.start);
    linearPredictor(x, rows, cols, beta, offset, eta);
    for (let i = 0; i < rows; i++) mu[i] = Math.exp(eta[i]);
  } else {
    for (let i = 0; i < rows; i++) {
      mu[i] = y[i] + 0.1;
      eta[i] = Math.log(mu[i]);
    }
  }
  let deviance = poissonDeviance(y, mu);
  const normal = new Float64Array(cols * cols);
  const rhs = new Float64Array(cols);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    buildNormalEquations(x, rows, cols, y, mu, eta, offset, normal, rhs);
    if (!choleskyInPlace(normal, cols)) break;
    choleskySolveInPlace(normal, cols, rhs);
    let step = 0;
    let size = 1;
    for (let c = 0; c < cols; c++) {
      step = Math.max(step, Math.abs(rhs[c] - beta[c]));
      size = Math.max(size, Math.abs(rhs[c]));
    }
    const previousBeta = Float64Array.from(beta);
    beta.set(rhs);
    linearPredictor(x, rows, cols, beta, offset, eta);
    for (let i = 0; i < rows; i++) mu[i] = Math.exp(eta[i]);
    const previous = deviance;
    deviance = poissonDeviance(y, mu);
    // As R's glm.fit: a step that overflows is halved back towards the last good point.
    for (let halvings = 0; !Number.isFinite(deviance) && halvings < 30; halvings++) {
      for (let c = 0; c < cols; c++) beta[c] = (beta[c] + previousBeta[c]) / 2;
      linearPredictor(x, rows, cols, beta, offset, eta);
      for (let i = 0; i < rows; i++) mu[i] = Math.exp(eta[i]);
      deviance = poissonDeviance(y, mu);
    }
    if (!Number.isFinite(deviance)) break;
    // Quadratic convergence: once the step is this small the next one is below rounding.
    if (step <= 1e-10 * size || (Math.abs(deviance - previous) <= 1e-15 * (Math.abs(deviance) + 0.1) && step <= 1e-7 * size)) {
      converged = Number.isFinite(deviance);
      break;
    }
  }
  return {
    beta,
    mu,
    deviance,
    iterations,
    converged,
    covariance: () => inverseNormalMatrix(x, rows, cols, mu),
  };
}

function linearPredictor(x: Float64Array, rows: number, cols: number, beta: Float64Array, offset: number, eta: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    let sum = offset;
    const base = i * cols;
    for (let c = 0; c < cols; c++) sum += x[base + c] * beta[c];
    eta[i] = sum;
  }
}

/** XᵀWX and XᵀWz with W = μ and working response z = η − offset + (y − μ)/μ. */
function buildNormalEquations(
  x: Float64Array, rows: number, cols: number, y: Float64Array, mu: Float64Array, eta: Float64Array,
  offset: number, normal: Float64Array, rhs: Float64Array,
): void {
  normal.fill(0);
  rhs.fill(0);
  for (let i = 0; i < rows; i++) {
    const w = mu[i];
    const wz = w * (eta[i] - offset) + (y[i] - mu[i]);
    const base = i * cols;
    for (let a = 0; a < cols; a++) {
      const xa = x[base + a];
      if (xa === 0) continue;
      rhs[a] += xa * wz;
      const wxa = w * xa;
      for (let b = 0; b <= a; b++) normal[a * cols + b] += wxa * x[base + b];
    }
  }
  for (let a = 0; a < cols; a++) for (let b = 0; b < a; b++) normal[b * cols + a] = normal[a * cols + b];
}

function inverseNormalMatrix(x: Float64Array, rows: number, cols: number, mu: Float64Array): Float64Array {
  const normal = new Float64Array(cols * cols);
  const scratch = new Float64Array(cols);
  buildNormalEquations(x, rows, cols, mu, mu, new Float64Array(rows), 0, normal, scratch);
  const inverse = new Float64Array(cols * cols).fill(Number.NaN);
  if (!choleskyInPlace(normal, cols)) return inverse;
  for (let c = 0; c < cols; c++) {
    const e = new Float64Array(cols);
    e[c] = 1;
    choleskySolveInPlace(normal, cols, e);
    for (let r = 0; r < cols; r++) inverse[r * cols + c] = e[r];
  }
  return inverse;
}
