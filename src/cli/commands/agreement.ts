/**
 * `selvbestemt agreement --input FILE.csv [--json] [--lang da|en]`: inter-rater agreement for
 * analysts and for anyone checking the municipality's published figures. Exit 0 with the result
 * on stdout; exit 2 with one message on stderr and nothing on stdout for bad input.
 */
import { parseArgs } from 'node:util';
import type { CliIo } from '../main.js';
import { readRatingsCsvFile } from '../../stats/agreement/csv-file.js';
import { RatingsCsvError } from '../../stats/agreement/csv.js';
import { ALPHA_METRICS } from '../../stats/agreement/krippendorff-alpha.js';
import { DEFAULT_LANG, describeCsvError, describeNullReason, isLang, messages, type Lang } from '../../stats/agreement/messages.js';
import type { NullReason } from '../../stats/agreement/statistic.js';
import { agreementJson, summarizeAgreement, type AgreementSummary } from '../../stats/agreement/summary.js';

const USAGE_ERROR = 2;

/** Runs the command; returns the exit code. */
export async function run(args: string[], io: CliIo): Promise<number> {
  // The language is needed before the options are known to be valid, to word that very error.
  const lang = requestedLang(args);
  const text = messages(lang);
  const fail = (message: string) => {
    io.stderr(`selvbestemt agreement: ${message}\n`);
    return USAGE_ERROR;
  };

  let options: { input?: string; json?: boolean; lang?: string; help?: boolean };
  try {
    options = parseArgs({
      args,
      options: {
        input: { type: 'string', short: 'i' },
        json: { type: 'boolean' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(`${text.cli.badOption((error as Error).message)}\n\n${text.cli.usage()}`);
  }
  if (options.lang !== undefined && !isLang(options.lang)) return fail(text.cli.badLang(options.lang));
  if (options.help) {
    io.stdout(text.cli.usage());
    return 0;
  }
  if (!options.input) return fail(`${text.cli.missingInput}\n\n${text.cli.usage()}`);

  let summary: AgreementSummary;
  try {
    summary = summarizeAgreement(readRatingsCsvFile(options.input));
  } catch (error) {
    if (error instanceof RatingsCsvError) return fail(describeCsvError(error, lang));
    throw error;
  }
  io.stdout(options.json ? `${JSON.stringify(agreementJson(summary), null, 2)}\n` : formatTable(summary, lang));
  return 0;
}

/** The value of the last `--lang X` or `--lang=X`, if it is a known language; else Danish. */
function requestedLang(args: string[]): Lang {
  let lang: Lang = DEFAULT_LANG;
  args.forEach((arg, i) => {
    const value = arg === '--lang' ? args[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (isLang(value)) lang = value;
  });
  return lang;
}

/** A table a person reads: counts, then each statistic or why it is missing. */
export function formatTable(summary: AgreementSummary, lang: Lang): string {
  const t = messages(lang).table;
  const locale = lang === 'da' ? 'da-DK' : 'en-GB';
  const count = (n: number) => n.toLocaleString(locale);
  const coefficient = (value: number | null, reason: NullReason | null) =>
    value === null ? t.notComputed(describeNullReason(reason!, lang)) : value.toLocaleString(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const percent = (value: number | null, reason: NullReason | null) =>
    value === null ? t.notComputed(describeNullReason(reason!, lang)) : `${(value * 100).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;

  const rows: [string, string][] = [
    [t.subjects, count(summary.subjects)],
    [t.raters, count(summary.raters)],
    [t.ratings, count(summary.ratings)],
    [t.percentAgreement, percent(summary.percentAgreement, summary.reasons.percentAgreement)],
    [t.fleissKappa, coefficient(summary.fleissKappa, summary.reasons.fleissKappa)],
    [t.krippendorffAlpha, ''],
    ...ALPHA_METRICS.map((metric): [string, string] => [
      `  ${t.metric[metric]}`,
      coefficient(summary.krippendorffAlpha[metric], summary.reasons.krippendorffAlpha[metric]),
    ]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const body = rows.map(([label, value]) => (value ? `  ${label.padEnd(width)}${value}` : `  ${label}`).trimEnd());
  return `${t.title}\n\n${body.join('\n')}\n`;
}
