/**
 * The figures of issue 6 for multiple systems estimation, measured on UKdat (6 lists, 2,744
 * people):
 * - `selvbestemt estimate --input UKdat.csv --json` (stepwise + profile interval): wall time from
 *   spawning Node to its exit, so Node's start, loading GLPK and Cephes, reading the file and the
 *   whole estimate are included. Goal < 200 ms.
 * - the same with `--bootstrap 1000`, pinned to one core with taskset where it exists. Goal < 20 s.
 * - peak memory (max RSS) of both. Goal < 200 MB.
 * - if R is installed (`Rscript` on PATH), R's `glm` fit of the same final model, started the same
 *   way (wall time including R's start), and the ratio; informational, no goal.
 * - the stepwise BCa bounds against the published ones for NewOrl_SparseMSE and Western
 *   (1,000 resamples, seed 1234). Goal: within 10 %.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrapInterval } from '../src/stats/mse/bootstrap.js';
import { cellCounts } from '../src/stats/mse/capture-table.js';
import { fixturePath, loadDataset, publishedStepwiseBca } from '../src/stats/mse/testing/fixtures.js';
import type { Figure } from './figures.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = join(repoRoot, 'bin', 'selvbestemt.js');
const ESTIMATE_GOAL_MS = 200;
const BOOTSTRAP_GOAL_MS = 20_000;
const MEMORY_GOAL_MB = 200;
const BCA_GOAL_PERCENT = 10;

interface Run {
  ms: number;
  stdout: string;
  maxRssMb: number | null;
}

/** Runs the benchmark; `quick` times the plain estimate 5 times instead of 21. */
export async function run(options: { quick: boolean }): Promise<Figure[]> {
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('bench/mse: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'selvbestemt-mse-bench-'));
  try {
    const input = fixturePath('UKdat');
    const estimateArgs = [bin, 'estimate', '--input', input, '--json'];
    timed(estimateArgs); // warms the file cache
    // Node's own start, timed between the same runs, says how much of a figure is the machine.
    const times: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < (options.quick ? 5 : 21); i++) {
      times.push(timed(estimateArgs).ms);
      bare.push(bareNodeStart());
    }
    times.sort((a, b) => a - b);
    bare.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const slowest = times[times.length - 1];
    const bareMedian = bare[Math.floor(bare.length / 2)];
    const estimateMemory = timed(estimateArgs, join(dir, 'rss-estimate')).maxRssMb;

    const oneCore = existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', '-c', '0'] : [];
    const bootstrapRun = timed([...estimateArgs, '--bootstrap', '1000'], join(dir, 'rss-bootstrap'), oneCore);
    const label = 'mse estimate, UKdat (6 lists, 2,744 people), stepwise + profile';
    const figures: Figure[] = [
      { name: `${label}, wall time incl. Node start, median of ${times.length}`, value: round(median), unit: 'ms', goal: `< ${ESTIMATE_GOAL_MS}`, met: median < ESTIMATE_GOAL_MS },
      { name: `${label}, wall time incl. Node start, slowest of ${times.length}`, value: round(slowest), unit: 'ms', goal: `< ${ESTIMATE_GOAL_MS}`, met: slowest < ESTIMATE_GOAL_MS },
      { name: `node -e 0 (Node's start alone, between the same runs), median of ${bare.length}`, value: round(bareMedian), unit: 'ms', goal: 'none (baseline)', met: true },
      memoryFigure(`${label}, peak memory (max RSS)`, estimateMemory),
      {
        name: `mse estimate --bootstrap 1000, UKdat, stepwise re-run in every resample, wall time incl. Node start${oneCore.length ? ', one core (taskset)' : ''}`,
        value: round(bootstrapRun.ms),
        unit: 'ms',
        goal: `< ${BOOTSTRAP_GOAL_MS}`,
        met: bootstrapRun.ms < BOOTSTRAP_GOAL_MS,
      },
      memoryFigure('mse estimate --bootstrap 1000, UKdat, peak memory (max RSS)', bootstrapRun.maxRssMb),
    ];
    figures.push(...rComparison(dir, median));
    figures.push(...(await bcaAgainstPublished()));
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a command, checks it succeeded, and returns its wall time. With `rssFile`, Node is started
 * with a preloaded hook that writes its own peak RSS there on exit (not used for the timed runs).
 */
function timed(args: string[], rssFile?: string, prefix: string[] = []): Run {
  const nodeArgs = rssFile ? ['--import', `data:text/javascript,${encodeURIComponent(rssHook(rssFile))}`, ...args] : args;
  const [command, ...rest] = [...prefix, process.execPath, ...nodeArgs];
  const started = performance.now();
  const result = spawnSync(command, rest, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
  const ms = performance.now() - started;
  if (result.error) throw new Error(`bench/mse: ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`bench/mse: exit ${result.status}: ${result.stderr}`);
  const output = JSON.parse(result.stdout) as { observed: number; unseen: { estimate: number } };
  if (output.observed !== 2744 || !(output.unseen.estimate > 0)) throw new Error(`bench/mse: unexpected output ${result.stdout.slice(0, 200)}`);
  const maxRssMb = rssFile && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : null;
  return { ms, stdout: result.stdout, maxRssMb };
}

function bareNodeStart(): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-e', '0'], { timeout: 30_000 });
  if (result.status !== 0) throw new Error('bench/mse: node -e 0 failed');
  return performance.now() - started;
}

/**
 * Peak RSS in KiB from /proc/self/status (VmHWM: this process image's own high-water mark).
 * Not resourceUsage().maxRSS: Linux carries the forking parent's peak over exec into it, so a
 * child spawned by a large bench process reported the bench's memory, not its own.
 */
function rssHook(file: string): string {
  return `import { readFileSync, writeFileSync } from 'node:fs';
process.on('exit', () => {
  const hwm = /VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  writeFileSync(${JSON.stringify(file)}, hwm ? hwm[1] : String(process.resourceUsage().maxRSS));
});`;
}

function memoryFigure(name: string, mb: number | null): Figure {
  if (mb === null) throw new Error(`bench/mse: no memory reading for ${name}`);
  return { name, value: round(mb), unit: 'MB', goal: `< ${MEMORY_GOAL_MB}`, met: mb < MEMORY_GOAL_MB };
}

/**
 * R's glm on the same final model as the estimate chose (only when Rscript exists): the time
 * of `Rscript` reading the full 63-cell table and fitting, and our median divided by it.
 */
function rComparison(dir: string, ourMedianMs: number): Figure[] {
  const probe = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return [];
  const table = loadDataset('UKdat');
  const counts = cellCounts(table);
  const rows = [[...table.lists, 'count'].join(',')];
  for (let mask = 1; mask < counts.length; mask++) rows.push([...table.lists.map((_, i) => (mask >> i) & 1), counts[mask]].join(','));
  const csv = join(dir, 'UKdat-full.csv');
  writeFileSync(csv, `${rows.join('\n')}\n`);
  const ours = JSON.parse(timed([bin, 'estimate', '--input', fixturePath('UKdat'), '--json']).stdout) as {
    model: { interactions: string[] };
    unseen: { estimate: number };
  };
  const formula = ['count ~ .', ...ours.model.interactions].join(' + ');
  const script = `d <- read.csv(${JSON.stringify(csv)}); f <- glm(${formula}, family = poisson, data = d); cat(exp(coef(f)[[1]]))`;
  const times: number[] = [];
  let rUnseen = Number.NaN;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const result = spawnSync('Rscript', ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`bench/mse: Rscript failed: ${result.stderr}`);
    rUnseen = Number(result.stdout.trim());
  }
  if (!(Math.abs(rUnseen / ours.unseen.estimate - 1) < 1e-6)) {
    throw new Error(`bench/mse: R's glm gives ${rUnseen}, the engine ${ours.unseen.estimate}`);
  }
  times.sort((a, b) => a - b);
  const rMedian = times[2];
  return [
    { name: 'R glm of the same final model (UKdat), wall time incl. R start, median of 5', value: round(rMedian), unit: 'ms', goal: 'none (comparison)', met: true },
    { name: 'mse estimate (stepwise + profile) / R glm of the final model only, wall-time ratio', value: round(ourMedianMs / rMedian, 2), unit: '×', goal: 'none (comparison)', met: true },
  ];
}

/** The stepwise BCa bounds (1,000 resamples, seed 1234) against the published ones. */
async function bcaAgainstPublished(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const { dataset, row } of publishedStepwiseBca()) {
    const result = await bootstrapInterval(loadDataset(dataset), { method: 'stepwise', resamples: 1000, seed: 1234 });
    const [low, high] = result.total.bca ?? [null, null];
    for (const [side, ours, published] of [
      ['lower', low, row.low],
      ['upper', high, row.high],
    ] as const) {
      const percent = ours === null || published === null ? Number.POSITIVE_INFINITY : 100 * Math.abs(ours / published - 1);
      figures.push({
        name: `${dataset} stepwise BCa ${side} bound ${ours === null ? '–' : Math.round(ours)} vs published ${published} (1,000 resamples, seed 1234), difference`,
        value: round(percent, 1),
        unit: '%',
        goal: `≤ ${BCA_GOAL_PERCENT}`,
        met: percent <= BCA_GOAL_PERCENT,
      });
    }
  }
  return figures;
}

function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
