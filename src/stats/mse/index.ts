/**
 * Multiple systems estimation (capture–recapture with log-linear models) of how many people are
 * affected, including those on no list. Pure TypeScript, no database: the `estimate` command,
 * the "Mørketal" page and its background job all call this API.
 *
 * Typical use:
 *   const table = parseCaptureCsv(text);            // or fromPersonRows(lists, rows)
 *   const result = estimate(table, { method: 'stepwise' });
 *   const boot = await bootstrapInterval(table, { resamples: 1000, seed: 1234, onProgress });
 */
export {
  parseCaptureCsv,
  fromPersonRows,
  checkTable,
  MIN_LISTS,
  MAX_LISTS,
  type CaptureTable,
  type CaptureHistoryRow,
  type MseNote,
} from './capture-table.js';
export {
  MseInputError,
  MseNotEstimableError,
  type MseInputErrorKey,
  type MseInputErrorDetails,
  type MseNotEstimableKey,
} from './errors.js';
export {
  estimate,
  type EstimateOptions,
  type MseResult,
  type IntervalJson,
  type BootstrapIntervalJson,
  type StepJson,
} from './estimate.js';
export {
  bootstrapInterval,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  type BootstrapOptions,
  type BootstrapResult,
} from './bootstrap.js';
export { withBootstrap } from './combine.js';
export { DEFAULT_THRESHOLD, type MseMethod } from './stepwise.js';
export { renderReport } from './report.js';
export type { MseWarning, MseMethodNote } from './warnings.js';
export { isLang, type Lang, type Text } from './text.js';
