/**
 * Does the maximum-likelihood estimate exist, and is it identifiable?
 *
 * Existence: the linear program of Fienberg & Rinaldo (2012) as SparseMSE's `checkident` sets it
 * up. With A the design (parameters × cells) and t = A y the sufficient statistics, maximise s
 * subject to A x = t, x ≥ s, x ≥ 0. The MLE exists exactly when some table with the observed
 * sufficient statistics has every cell positive, i.e. when the optimum s* is above 0.
 * Identifiability: the design matrix has full column rank.
 *
 * The LP is solved by GLPK (glpk.js, WebAssembly), loaded once when this module is imported.
 * Before solving it we try an exact certificate of existence that costs one small rank: if the
 * cells with observations alone determine every parameter (their rows of the design have full
 * column rank p), the MLE exists. Proof: with P those cells and Z the empty ones, Aᴾ (p × |P|) has
 * full row rank, so some d with d_Z = 1 solves A d = 0; then y + εd is a strictly positive table
 * with the observed sufficient statistics for small ε > 0, and the LP optimum is positive. The LP
 * decides every other case. `identifiability.test.ts` checks the two agree on every candidate of
 * every stepwise step for all 16 reference data sets and on bootstrap resamples.
 */
import GLPK from 'glpk.js/node';
import type { Design } from './design.js';
import { matrixRank } from './linalg.js';

const glpk = await GLPK();

/** What the two checks found for one model on one table. */
export interface IdentifiabilityCheck {
  /** How existence was settled: the rank certificate, or the linear program. */
  existenceBy: 'observed-cells-rank' | 'linear-program';
  /**
   * The LP optimum s*: the largest smallest cell of any table with the same sufficient
   * statistics. Null when the certificate settled existence without the LP.
   */
  lpOptimum: number | null;
  /** s* > 0: the maximum-likelihood estimate is finite. */
  exists: boolean;
  /** Full column rank: every parameter is determined. */
  identifiable: boolean;
  rankDeficiency: number;
}

/**
 * Below this (relative to the number observed) the LP optimum counts as 0. The sufficient
 * statistics are whole numbers, so a positive optimum is a ratio of small integers and sits far
 * above rounding; SparseMSE tests `objval == 0` on lpSolve's cleaned result in the same spirit.
 */
const ZERO_OPTIMUM = 1e-9;

/**
 * Runs the rank check and settles existence, by the certificate when it applies and otherwise by
 * the LP (always by the LP with `alwaysSolveLp`).
 */
export function checkIdentifiability(design: Design, options: { alwaysSolveLp?: boolean } = {}): IdentifiabilityCheck {
  const rows = design.masks.length;
  const cols = design.columns.length;
  const rank = matrixRank(design.x, rows, cols);
  const identifiable = rank === cols;
  if (!options.alwaysSolveLp && observedCellsDetermineEveryParameter(design)) {
    return { existenceBy: 'observed-cells-rank', lpOptimum: null, exists: true, identifiable, rankDeficiency: cols - rank };
  }
  const lpOptimum = maxMinCell(design);
  let observed = 0;
  for (const value of design.y) observed += value;
  return {
    existenceBy: 'linear-program',
    lpOptimum,
    exists: lpOptimum > ZERO_OPTIMUM * Math.max(1, observed),
    identifiable,
    rankDeficiency: cols - rank,
  };
}

/** True when the design rows of the cells with observations have full column rank. */
function observedCellsDetermineEveryParameter(design: Design): boolean {
  const cols = design.columns.length;
  const positive: number[] = [];
  design.y.forEach((value, r) => {
    if (value > 0) positive.push(r);
  });
  if (positive.length < cols) return false;
  const rows = new Float64Array(positive.length * cols);
  positive.forEach((r, i) => rows.set(design.x.subarray(r * cols, (r + 1) * cols), i * cols));
  return matrixRank(rows, positive.length, cols) === cols;
}

/**
 * Solves max s s.t. A x = A y, x ≥ s, s ≥ 0 and returns s*. Written with x = z + s·1 (z ≥ 0) the
 * problem has one row per parameter instead of one per cell as well, the same optimum, and
 * solves an order of magnitude faster for eight or more lists.
 */
export function maxMinCell(design: Design): number {
  const rows = design.masks.length;
  const cols = design.columns.length;
  const subjectTo: { name: string; vars: { name: string; coef: number }[]; bnds: { type: number; lb: number; ub: number } }[] = [];
  for (let c = 0; c < cols; c++) {
    const vars: { name: string; coef: number }[] = [];
    let total = 0;
    for (let r = 0; r < rows; r++) {
      if (design.x[r * cols + c] !== 0) {
        vars.push({ name: `z${r}`, coef: 1 });
        total += design.y[r];
      }
    }
    // Every cell in the parameter's margin carries s once: A(z + s·1) = A z + s·|margin|.
    vars.push({ name: 's', coef: vars.length });
    subjectTo.push({ name: `t${c}`, vars, bnds: { type: glpk.GLP_FX, lb: total, ub: total } });
  }
  const result = glpk.solve(
    { name: 'mle-existence', objective: { direction: glpk.GLP_MAX, name: 'smallest-cell', vars: [{ name: 's', coef: 1 }] }, subjectTo },
    { msglev: glpk.GLP_MSG_OFF },
  );
  if (result.result.status !== glpk.GLP_OPT) {
    // z = y, s = 0 is always feasible and the intercept row bounds s, so this is a solver fault.
    throw new Error(`GLPK did not solve the existence LP (status ${result.result.status})`);
  }
  return result.result.z;
}
