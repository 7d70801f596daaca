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
export function fitModel(counts: CellCounts, k: number, pairs: readonly Pair[], previous?: ModelFit): ModelFit {
  const design = buildDesign(counts, k, pairs, { emptyListsAsStructuralZeros: true });
  const poisson = fitPoisson({
    x: design.x,
    rows: design.masks.length,
    cols: design.columns.length,
    y: design.y,
    startMu: previous ? startFrom(previous, design) : undefined,
  });
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

/**
 * Starting means from a fitted sub-model (the stepwise search adds one pair at a time): the same
 * as R's start μ = y + 0.1 in kind, a positive mean per cell, but closer, so fewer iterations.
 * Cells the previous model left out (only possible when it had a different empty pair) start at y + 0.1.
 */
function startFrom(previous: ModelFit, design: Design): Float64Array {
  const fitted = fittedByMask(previous);
  return Float64Array.from(design.masks, (mask, r) => (fitted[mask] > 0 ? fitted[mask] : design.y[r] + 0.1));
}

/** The fitted mean of every observable cell by mask (0 for cells left out of the fit). */
export function fittedByMask(fit: ModelFit): Float64Array {
  const fitted = new Float64Array(1 << fit.design.k);
  fit.design.masks.forEach((mask, r) => (fitted[mask] = fit.poisson.mu[r]));
  return fitted;
}
