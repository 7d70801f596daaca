/**
 * `npm run bench`: runs every benchmark module and prints one table of figures.
 *
 *   npm run bench                       all modules, full length
 *   npm run bench -- --quick            shorter runs (for trying things out; not for reporting)
 *   npm run bench -- --only foundation  one module (repeatable, or comma-separated)
 *   npm run bench -- --out figures.json also write [{name, value, unit, goal, met}] as JSON
 *
 * A module is any `bench/<name>.ts` that exports `run(options)` returning figures (see
 * figures.ts); new modules join automatically. Modules run one after the other, never in
 * parallel, so they do not disturb each other's timings. The exit code is 1 when a module
 * failed to run; a figure that misses its goal is shown as such but is not an error.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, Figure } from './figures.js';

const benchDir = fileURLToPath(new URL('.', import.meta.url));

interface Options {
  quick: boolean;
  only: string[];
  out: string | null;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { quick: false, only: [], out: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--only') options.only.push(...(argv[++i] ?? '').split(',').filter(Boolean));
    else if (arg.startsWith('--only=')) options.only.push(...arg.slice(7).split(',').filter(Boolean));
    else if (arg === '--out') options.out = argv[++i] ?? null;
    else if (arg.startsWith('--out=')) options.out = arg.slice(6);
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: npm run bench -- [--quick] [--only NAME[,NAME]] [--out FILE]');
      process.exit(0);
    } else {
      console.error(`bench: unknown argument ${arg}`);
      process.exit(2);
    }
  }
  if (options.out === '') options.out = null;
  return options;
}

/**
 * The `bench/*.ts` files whose source exports `run`, by name. Reading the source first means
 * helper files are never imported (and never run their top level) just to be looked at.
 */
export function discoverModules(dir = benchDir): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== 'index.ts' && file !== 'figures.ts')
    .filter((file) => /export\s+(async\s+)?(function\s+run\b|const\s+run\b)/.test(readFileSync(join(dir, file), 'utf8')))
    .map((file) => basename(file, '.ts'))
    .sort();
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** A plain-text table that stays readable in a terminal and in CI logs. */
function printTable(rows: Array<Figure & { module: string }>): void {
  const header = ['module', 'figure', 'value', 'unit', 'goal', 'met'];
  const lines = rows.map((row) => [row.module, row.name, formatValue(row.value), row.unit, row.goal, row.met ? 'yes' : 'NO']);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const render = (cells: string[]) => cells.map((cell, column) => (column === 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ');
  console.log(render(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(render(line));
}

/** CPU time counters summed over all cores, from /proc/stat (Linux): [busy, total]. */
function cpuTimes(): [number, number] | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const total = fields.reduce((sum, value) => sum + value, 0);
    return [total - idle, total];
  } catch {
    return null;
  }
}

/**
 * Timings mean nothing on a machine busy with other work. While the benchmarks are idle (before
 * they start and after they end), the share of CPU time used in one second is what everything
 * else on the machine uses: print it, and say so plainly when it is more than a quarter.
 */
async function warnIfBusy(when: string): Promise<void> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = cpuTimes();
  const [oneMinute] = loadavg();
  const cores = cpus().length;
  if (!before || !after || after[1] === before[1]) {
    console.log(`load average (1 min) ${when}: ${oneMinute.toFixed(2)} on ${cores} cores`);
    return;
  }
  const share = (after[0] - before[0]) / (after[1] - before[1]);
  const busy = share > 0.25;
  console.log(`CPU used by other work ${when}: ${(share * 100).toFixed(0)} % of ${cores} cores (load average ${oneMinute.toFixed(2)})${busy ? ' — WARNING: the machine is busy; timings are not representative' : ''}`);
}

function isFigure(value: unknown): value is Figure {
  const figure = value as Figure;
  return typeof figure?.name === 'string' && typeof figure.value === 'number' && Number.isFinite(figure.value)
    && typeof figure.unit === 'string' && typeof figure.goal === 'string' && typeof figure.met === 'boolean';
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const available = discoverModules();
  const unknown = options.only.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`bench: no module ${unknown.join(', ')} (available: ${available.join(', ')})`);
    process.exit(2);
  }
  const selected = options.only.length > 0 ? available.filter((name) => options.only.includes(name)) : available;
  console.log(`bench: ${selected.join(', ')}${options.quick ? ' (quick)' : ''} on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`);
  await warnIfBusy('before');
  console.log('');

  const rows: Array<Figure & { module: string }> = [];
  const failures: string[] = [];
  for (const name of selected) {
    const started = performance.now();
    process.stdout.write(`${name} … `);
    try {
      const module = (await import(pathToFileURL(join(benchDir, `${name}.ts`)).href)) as BenchModule;
      const figures = await module.run({ quick: options.quick });
      const bad = figures.filter((figure) => !isFigure(figure));
      if (bad.length > 0) throw new Error(`returned malformed figures: ${JSON.stringify(bad)}`);
      rows.push(...figures.map((figure) => ({ module: name, ...figure })));
      console.log(`${figures.length} figures in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`${name}: ${message}`);
      console.log(`FAILED: ${message}`);
    }
  }

  console.log('');
  printTable(rows);
  await warnIfBusy('after');
  const missed = rows.filter((row) => !row.met);
  console.log(`\n${rows.length} figures, ${rows.length - missed.length} meet their goal${missed.length ? `, ${missed.length} do not` : ''}.`);
  if (options.out) {
    writeFileSync(options.out, `${JSON.stringify(rows.map(({ name, value, unit, goal, met }) => ({ name, value, unit, goal, met })), null, 2)}\n`);
    console.log(`Wrote ${options.out}`);
  }
  if (failures.length > 0) {
    console.error(`\nModules that failed to run:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
