/**
 * `selvbestemt estimate --input FILE.csv [--method independence|stepwise] [--threshold 0.02]
 * [--bootstrap N] [--seed S] [--json] [--lang da|en]`: multiple systems estimation of the
 * hidden number. Exit 0 with the result on stdout; exit 2 with one message on stderr (naming the
 * line) and nothing on stdout for bad input, bad options or an estimate that does not exist.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliIo } from '../main.js';
// The engine's modules one by one rather than its index, so the bootstrap (and its random
// number generator) is only loaded when asked for: the plain estimate must start fast.
import type { BootstrapResult } from '../../stats/mse/bootstrap.js';
import { parseCaptureCsv } from '../../stats/mse/capture-table.js';
import { MseInputError, MseNotEstimableError } from '../../stats/mse/errors.js';
import { estimate } from '../../stats/mse/estimate.js';
import { renderReport } from '../../stats/mse/report.js';
import { DEFAULT_THRESHOLD, type MseMethod } from '../../stats/mse/stepwise.js';
import { isLang, type Lang } from '../../stats/mse/text.js';

/** The bootstrap's default seed (SparseMSE's `iseed`); kept here to avoid loading the module. */
const DEFAULT_SEED = 1234;

const USAGE_ERROR = 2;
/** A capture-history file is a few hundred lines; one row per person stays far below this. */
export const MAX_INPUT_BYTES = 100 * 1024 * 1024;

const usage: Record<Lang, string> = {
  da: `Brug: selvbestemt estimate --input FIL.csv [valg]

Skønner mørketallet (personer på ingen liste) med multiple systems estimation.
FIL.csv har en 0/1-kolonne pr. liste og en kolonne "count" (eller én række pr. person uden "count").

  --input FIL            CSV-filen (komma eller semikolon)
  --method METODE        stepwise (standard) eller independence
  --threshold P          p-værdi-tærskel for stepwise (standard ${DEFAULT_THRESHOLD})
  --bootstrap N          også bootstrap-interval med N genudtrækninger (fx 1000)
  --seed S               frø til bootstrap (standard ${DEFAULT_SEED})
  --json                 skriv resultatet som JSON
  --lang da|en           sprog for rapport og fejl (standard da)
`,
  en: `Usage: selvbestemt estimate --input FILE.csv [options]

Estimates the hidden number (people on no list) by multiple systems estimation.
FILE.csv has one 0/1 column per list and a "count" column (or one row per person without "count").

  --input FILE           the CSV file (comma or semicolon separated)
  --method METHOD        stepwise (default) or independence
  --threshold P          p-value threshold of stepwise (default ${DEFAULT_THRESHOLD})
  --bootstrap N          also a bootstrap interval with N resamples (e.g. 1000)
  --seed S               bootstrap seed (default ${DEFAULT_SEED})
  --json                 print the result as JSON
  --lang da|en           language of the report and errors (default da)
`,
};

const problems = {
  badOption: (lang: Lang, detail: string) => (lang === 'da' ? `ugyldigt valg: ${detail}` : `invalid option: ${detail}`),
  missingInput: (lang: Lang) => (lang === 'da' ? 'angiv en fil med --input.' : 'give a file with --input.'),
  badLang: (lang: Lang, found: string) => (lang === 'da' ? `ukendt sprog "${found}"; brug da eller en.` : `unknown language "${found}"; use da or en.`),
  badMethod: (lang: Lang, found: string) =>
    lang === 'da' ? `ukendt metode "${found}"; brug stepwise eller independence.` : `unknown method "${found}"; use stepwise or independence.`,
  badThreshold: (lang: Lang, found: string) =>
    lang === 'da' ? `tærsklen skal være et tal fra 0 til under 1, ikke "${found}".` : `the threshold must be a number from 0 to below 1, not "${found}".`,
  badResamples: (lang: Lang, found: string) =>
    lang === 'da' ? `--bootstrap skal være et helt tal fra 2 til 100000, ikke "${found}".` : `--bootstrap must be a whole number from 2 to 100000, not "${found}".`,
  badSeed: (lang: Lang, found: string) => (lang === 'da' ? `frøet skal være et helt tal, ikke "${found}".` : `the seed must be a whole number, not "${found}".`),
};

/** Runs the command; returns the exit code. */
export async function run(args: string[], io: CliIo): Promise<number> {
  // The language is needed before the options are known to be valid, to word that very error.
  const lang = requestedLang(args);
  const fail = (message: string): number => {
    io.stderr(`selvbestemt estimate: ${message}\n`);
    return USAGE_ERROR;
  };

  let options: {
    input?: string;
    method?: string;
    threshold?: string;
    bootstrap?: string;
    seed?: string;
    json?: boolean;
    lang?: string;
    help?: boolean;
  };
  try {
    options = parseArgs({
      args,
      options: {
        input: { type: 'string', short: 'i' },
        method: { type: 'string' },
        threshold: { type: 'string' },
        bootstrap: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(`${problems.badOption(lang, (error as Error).message)}\n\n${usage[lang]}`);
  }
  if (options.lang !== undefined && !isLang(options.lang)) return fail(problems.badLang(lang, options.lang));
  if (options.help) {
    io.stdout(usage[lang]);
    return 0;
  }
  if (!options.input) return fail(`${problems.missingInput(lang)}\n\n${usage[lang]}`);

  const method = options.method ?? 'stepwise';
  if (method !== 'stepwise' && method !== 'independence') return fail(problems.badMethod(lang, method));
  const threshold = options.threshold === undefined ? DEFAULT_THRESHOLD : Number(options.threshold);
  if (options.threshold !== undefined && (options.threshold.trim() === '' || !(threshold >= 0 && threshold < 1))) {
    return fail(problems.badThreshold(lang, options.threshold));
  }
  const resamples = options.bootstrap === undefined ? 0 : Number(options.bootstrap);
  if (options.bootstrap !== undefined && !(Number.isInteger(resamples) && resamples >= 2 && resamples <= 100_000)) {
    return fail(problems.badResamples(lang, options.bootstrap));
  }
  const seed = options.seed === undefined ? DEFAULT_SEED : Number(options.seed);
  if (options.seed !== undefined && (options.seed.trim() === '' || !Number.isSafeInteger(seed))) return fail(problems.badSeed(lang, options.seed));

  try {
    const table = parseCaptureCsv(readInput(options.input));
    const modelOptions = { method: method as MseMethod, threshold };
    let result = estimate(table, modelOptions);
    let bootstrap: BootstrapResult | undefined;
    if (resamples > 0) {
      const { bootstrapInterval } = await import('../../stats/mse/bootstrap.js');
      const { withBootstrap } = await import('../../stats/mse/combine.js');
      bootstrap = await bootstrapInterval(table, { ...modelOptions, resamples, seed, onProgress: progressOnTerminal(io, lang) });
      result = withBootstrap(result, bootstrap);
    }
    io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : renderReport(result, lang, bootstrap));
    return 0;
  } catch (error) {
    if (error instanceof MseInputError || error instanceof MseNotEstimableError) return fail(error.text[lang]);
    throw error;
  }
}

/** Reads the file, refusing a huge one before reading it. Problems become {@link MseInputError}. */
function readInput(path: string): string {
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new MseInputError('file_unreadable', null, { detail: `${path}: not a file` });
    if (stats.size > MAX_INPUT_BYTES) {
      throw new MseInputError('file_too_large', null, { detail: `${path}: ${stats.size} bytes > ${MAX_INPUT_BYTES}` });
    }
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof MseInputError) throw error;
    throw new MseInputError('file_unreadable', null, { detail: (error as Error).message });
  }
}

/** A one-line progress counter on stderr, only when a person is watching it. */
function progressOnTerminal(io: CliIo, lang: Lang): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    const percent = Math.floor((100 * done) / total);
    io.stderr(`\r${lang === 'da' ? 'Bootstrap' : 'Bootstrap'}: ${percent} %${done === total ? '\n' : ''}`);
  };
}

/** The value of the last `--lang X` or `--lang=X`, if it is a known language; else Danish. */
function requestedLang(args: string[]): Lang {
  let lang: Lang = 'da';
  args.forEach((arg, i) => {
    const value = arg === '--lang' ? args[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (isLang(value)) lang = value;
  });
  return lang;
}
