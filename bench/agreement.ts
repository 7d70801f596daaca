/**
 * The `agreement` figure of issue 4: `selvbestemt agreement --input FILE --json` on 200 subjects
 * × 1,000 raters × 1 rating (200,000 rows), wall time from spawning Node to its exit, so Node's
 * start, reading and parsing the CSV and computing every statistic are all included.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './figures.js';

const SUBJECTS = 200;
const RATERS = 1000;
const GOAL_MS = 1000;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Measures the command `quick ? 3 : 10` times after one untimed run that warms the file cache. */
export async function run(options: { quick: boolean }): Promise<Figure[]> {
  const bin = join(repoRoot, 'bin', 'selvbestemt.js');
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('bench/agreement: run `npm run build` first');

  const dir = mkdtempSync(join(tmpdir(), 'selvbestemt-agreement-bench-'));
  try {
    const input = join(dir, `agreement-${SUBJECTS}x${RATERS}.csv`);
    writeFileSync(input, calibrationRoundCsv(SUBJECTS, RATERS));
    const once = () => timeCommand(process.execPath, [bin, 'agreement', '--input', input, '--json']);
    once();
    const times = Array.from({ length: options.quick ? 3 : 10 }, once).sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const slowest = times[times.length - 1];
    const label = `agreement CLI, ${SUBJECTS} subjects × ${RATERS.toLocaleString('en')} raters (${(SUBJECTS * RATERS).toLocaleString('en')} rows), wall time incl. Node start`;
    return [
      { name: `${label}, median of ${times.length}`, value: round(median), unit: 'ms', goal: `< ${GOAL_MS}`, met: median < GOAL_MS },
      { name: `${label}, slowest of ${times.length}`, value: round(slowest), unit: 'ms', goal: `< ${GOAL_MS}`, met: slowest < GOAL_MS },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the command once, checks it did the whole job, and returns its wall time in ms. */
function timeCommand(node: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(node, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`bench/agreement: exit ${result.status}: ${result.stderr}`);
  const output = JSON.parse(result.stdout) as { ratings: number; krippendorffAlpha: { ordinal: number | null } };
  if (output.ratings !== SUBJECTS * RATERS || output.krippendorffAlpha.ordinal === null) {
    throw new Error(`bench/agreement: unexpected output ${result.stdout}`);
  }
  return elapsed;
}

/**
 * A plausible calibration round: each vignette has a level 0–3 and each rater picks it with
 * probability 0.6, otherwise any level. Seeded, so every run measures the same file.
 */
function calibrationRoundCsv(subjects: number, raters: number): string {
  const random = mulberry32(20260401);
  const lines = ['subject,rater,rating'];
  for (let s = 1; s <= subjects; s++) {
    const level = Math.floor(random() * 4);
    for (let r = 1; r <= raters; r++) {
      const rating = random() < 0.6 ? level : Math.floor(random() * 4);
      lines.push(`vignet-${s},medarbejder-${r},${rating}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Small seeded PRNG (Mulberry32) so the data set needs no file of its own. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
