/** One measured figure, as printed by `npm run bench` and written by `--out FILE`. */
export interface Figure {
  /** Stable, descriptive name, e.g. "home p95 (PostgreSQL, 32 connections)". */
  name: string;
  value: number;
  unit: string;
  /** The goal in words, e.g. "< 25". */
  goal: string;
  met: boolean;
}

/** A benchmark module: any `bench/<name>.ts` that exports `run`; `bench/index.ts` finds it. */
export type BenchModule = { run: (options: { quick: boolean }) => Promise<Figure[]> };
