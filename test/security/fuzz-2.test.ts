/**
 * Property-based fuzzing of the API, share 2 of 2 (see fuzz-suite.ts): every endpoint gets
 * FUZZ_RUNS (default 500) random requests from the roles it lets in, to real records; only 2xx/4xx,
 * a rejected request stores nothing, and enough requests reach validation and the use case.
 */
import { fuzzApiEndpoints } from './fuzz-suite.js';

await fuzzApiEndpoints(1, 2);
