/** Joins a bootstrap run into an estimate's result, under `ci95.bootstrap` as issue 6 lists it. */
import type { BootstrapResult } from './bootstrap.js';
import type { MseResult } from './estimate.js';

/**
 * Returns a copy of `result` with `unseen.ci95.bootstrap` and `total.ci95.bootstrap` filled in
 * and the bootstrap's warnings appended. The two must come from the same table and options.
 */
export function withBootstrap(result: MseResult, bootstrap: BootstrapResult): MseResult {
  return {
    ...result,
    unseen: { ...result.unseen, ci95: { ...result.unseen.ci95, bootstrap: bootstrap.unseen } },
    total: { ...result.total, ci95: { ...result.total.ci95, bootstrap: bootstrap.total } },
    warnings: [...result.warnings, ...bootstrap.warnings],
  };
}
