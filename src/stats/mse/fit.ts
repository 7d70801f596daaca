/**
 * Fits one log-linear model (main effects plus given pairs) to one table and reads off the
 * unseen number exp(intercept).
 */
import type { CellCounts } from './capture-table.js';
import { buildDesign, type Design, type Pair } from './design.js';
import { fitPoisson, type PoissonFit } from './glm.js';

/** A fitted model. */
export interface ModelFit {
  design: Design;
  poisson: PoissonFit;
  /** α̂₀, the log of the unseen cell's mean. */
  intercept: number;
  /** exp(α̂₀). */
  unseen: number;
  deviance: number;
  /** Residual degrees of freedom: cells in the fit minus parameters. */
  df: number;
}

/**
 * Fits the model. A pair with an empty overlap gets parameter −∞ (its cells are left out), as
 * in SparseMSE's `buildmodel`; a list with nobody on it (only in bootstrap or jackknife
 * samples: the input is refused) likewise, which is the limit R's `glm` converges towards.
 */
export function fitModel(counts: CellCounts, k: number, pairs: readonly Pair[]): ModelFit {
  const design = buildDesign(counts, k, pairs, { emptyListsAsStructuralZeros: true });
  // Always from R's start μ = y + 0.1. Starting from the previous model's fitted means saves a few
  // iterations but fails on sparse tables: cells fitted near 0 make XᵀWX numerically singular.
  const poisson = fitPoisson({ x: design.x, rows: design.masks.length, cols: design.columns.length, y: design.y });
  const intercept = poisson.beta[0];
  return {
    design,
    poisson,
    intercept,
    unseen: Math.exp(intercept),
    deviance: poisson.deviance,
    df: design.masks.length - design.columns.length,
  };
}

/** The fitted mean of every observable cell by mask (0 for cells left out of the fit). */
export function fittedByMask(fit: ModelFit): Float64Array {
  const fitted = new Float64Array(1 << fit.design.k);
  fit.design.masks.forEach((mask, r) => (fitted[mask] = fit.poisson.mu[r]));
  return fitted;
}
