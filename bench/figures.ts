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

/** A benchmark module: `bench/<name>.ts` exports `run` and is listed in `bench/index.ts`. */
export type BenchModule = { run: (options: { quick: boolean }) => Promise<Figure[]> };
