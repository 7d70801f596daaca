/**
 * Property-based fuzzing of the API, share 2 of 2 (see fuzz-suite.ts): every endpoint gets
 * FUZZ_RUNS (default 500) random requests; only 2xx/4xx, and a rejected request stores nothing.
 */
import { fuzzApiEndpoints } from './fuzz-suite.js';

await fuzzApiEndpoints(1, 2);
