/**
 * Every text the agreement code shows a person, in Danish and English: CSV errors, the reasons
 * a statistic is null, and the labels of the `agreement` table. Danish is the default.
 */
import { MAX_CSV_BYTES, type CsvProblem, type RatingsCsvError } from './csv.js';
import type { AlphaMetric } from './krippendorff-alpha.js';
import type { NullReason } from './statistic.js';

export type Lang = 'da' | 'en';
export const LANGS: readonly Lang[] = ['da', 'en'];
export const DEFAULT_LANG: Lang = 'da';

/** Narrows a user-supplied language code. */
export function isLang(value: unknown): value is Lang {
  return (LANGS as readonly unknown[]).includes(value);
}

interface Catalog {
  line: (line: number) => string;
  csv: (problem: CsvProblem) => string;
  nullReason: Record<NullReason, string>;
  table: {
    title: string;
    subjects: string;
    raters: string;
    ratings: string;
    percentAgreement: string;
    fleissKappa: string;
    krippendorffAlpha: string;
    metric: Record<AlphaMetric, string>;
    notComputed: (reason: string) => string;
  };
  cli: {
    /** A function so the byte limit is only formatted (loading locale data) when help is shown. */
    usage: () => string;
    missingInput: string;
    badOption: (detail: string) => string;
    badLang: (found: string) => string;
  };
}

const header = 'subject,rater,rating';

function megabytes(bytes: number, lang: Lang): string {
  return (bytes / (1024 * 1024)).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
}

const da: Catalog = {
  line: (line) => `Linje ${line}`,
  csv: (p) => {
    switch (p.code) {
      case 'empty_file':
        return `filen er tom. Den skal begynde med overskriften ${header}.`;
      case 'bad_header':
        return `første linje skal være overskriften ${header}, men er "${p.found}".`;
      case 'no_ratings':
        return 'filen har kun en overskrift og ingen bedømmelser.';
      case 'wrong_field_count':
        return `der skal være 3 felter (${header}), men der er ${p.fields}.`;
      case 'empty_id':
        return `feltet ${p.column} er tomt.`;
      case 'non_integer_rating':
        return `bedømmelsen "${p.found}" er ikke et heltal. En manglende bedømmelse angives ved at udelade rækken.`;
      case 'unterminated_quote':
        return 'et anførselstegn lukkes ikke på samme linje.';
      case 'duplicate_rating':
        return `bedømmer "${p.rater}" har allerede bedømt emne "${p.subject}" på linje ${p.firstLine}. Hver bedømmer kan kun bedømme et emne én gang.`;
      case 'file_too_large':
        return `filen fylder ${megabytes(p.bytes, 'da')} MB, men grænsen er ${megabytes(p.limitBytes, 'da')} MB. Del bedømmelserne op i flere filer.`;
      case 'file_unreadable':
        if (p.cause === 'not_found') return `filen "${p.path}" findes ikke.`;
        if (p.cause === 'not_a_file') return `"${p.path}" er ikke en fil.`;
        if (p.cause === 'no_access') return `der er ikke adgang til at læse filen "${p.path}".`;
        return `filen "${p.path}" kan ikke læses (${p.detail}).`;
    }
  },
  nullReason: {
    no_ratings: 'der er ingen bedømmelser',
    single_rater: 'der er kun én bedømmer',
    no_pairable_subjects: 'intet emne har mindst to bedømmelser',
    unequal_ratings_per_subject: 'emnerne har ikke lige mange bedømmelser',
    single_category: 'alle bedømmelser har samme værdi',
    numeric_overflow: 'værdierne er for store til at regne med',
  },
  table: {
    title: 'Enighed mellem bedømmere',
    subjects: 'Emner',
    raters: 'Bedømmere',
    ratings: 'Bedømmelser',
    percentAgreement: 'Procentvis enighed',
    fleissKappa: "Fleiss' kappa",
    krippendorffAlpha: "Krippendorffs alfa",
    metric: { nominal: 'nominal', ordinal: 'ordinal', interval: 'interval' },
    notComputed: (reason) => `– (ikke beregnet: ${reason})`,
  },
  cli: {
    usage: () => [
      'Brug: selvbestemt agreement --input FIL.csv [--json] [--lang da|en]',
      '',
      'Beregner enighed mellem bedømmere: procentvis enighed, Fleiss\' kappa og',
      'Krippendorffs alfa (nominal, ordinal, interval).',
      '',
      `FIL.csv har overskriften ${header} og én række pr. bedømmelse med`,
      'heltal som bedømmelse. En manglende bedømmelse er en udeladt række.',
      '',
      `  --input FIL   CSV-filen (højst ${megabytes(MAX_CSV_BYTES, 'da')} MB)`,
      '  --json        skriv ét JSON-objekt i stedet for en tabel',
      '  --lang da|en  sprog for tabel og fejlbeskeder (standard: da)',
      '',
    ].join('\n'),
    missingInput: 'angiv filen med --input FIL.csv.',
    badOption: (detail) => `ugyldigt tilvalg: ${detail}`,
    badLang: (found) => `--lang skal være da eller en, ikke "${found}".`,
  },
};

const en: Catalog = {
  line: (line) => `Line ${line}`,
  csv: (p) => {
    switch (p.code) {
      case 'empty_file':
        return `the file is empty. It must begin with the header ${header}.`;
      case 'bad_header':
        return `the first line must be the header ${header}, but is "${p.found}".`;
      case 'no_ratings':
        return 'the file has a header and no ratings.';
      case 'wrong_field_count':
        return `expected 3 fields (${header}), found ${p.fields}.`;
      case 'empty_id':
        return `the ${p.column} field is empty.`;
      case 'non_integer_rating':
        return `the rating "${p.found}" is not an integer. Leave the row out to record a missing rating.`;
      case 'unterminated_quote':
        return 'a quotation mark is not closed on the same line.';
      case 'duplicate_rating':
        return `rater "${p.rater}" already rated subject "${p.subject}" on line ${p.firstLine}. Each rater can rate a subject only once.`;
      case 'file_too_large':
        return `the file is ${megabytes(p.bytes, 'en')} MB; the limit is ${megabytes(p.limitBytes, 'en')} MB. Split the ratings into several files.`;
      case 'file_unreadable':
        if (p.cause === 'not_found') return `the file "${p.path}" does not exist.`;
        if (p.cause === 'not_a_file') return `"${p.path}" is not a file.`;
        if (p.cause === 'no_access') return `no permission to read the file "${p.path}".`;
        return `the file "${p.path}" cannot be read (${p.detail}).`;
    }
  },
  nullReason: {
    no_ratings: 'there are no ratings',
    single_rater: 'there is only one rater',
    no_pairable_subjects: 'no subject has two or more ratings',
    unequal_ratings_per_subject: 'subjects have different numbers of ratings',
    single_category: 'all ratings have the same value',
    numeric_overflow: 'the values are too large to compute with',
  },
  table: {
    title: 'Inter-rater agreement',
    subjects: 'Subjects',
    raters: 'Raters',
    ratings: 'Ratings',
    percentAgreement: 'Percent agreement',
    fleissKappa: "Fleiss' kappa",
    krippendorffAlpha: "Krippendorff's alpha",
    metric: { nominal: 'nominal', ordinal: 'ordinal', interval: 'interval' },
    notComputed: (reason) => `– (not computed: ${reason})`,
  },
  cli: {
    usage: () => [
      'Usage: selvbestemt agreement --input FILE.csv [--json] [--lang da|en]',
      '',
      "Computes inter-rater agreement: percent agreement, Fleiss' kappa and",
      "Krippendorff's alpha (nominal, ordinal, interval).",
      '',
      `FILE.csv has the header ${header} and one row per rating with an`,
      'integer rating. A missing rating is a row left out.',
      '',
      `  --input FILE  the CSV file (at most ${megabytes(MAX_CSV_BYTES, 'en')} MB)`,
      '  --json        print one JSON object instead of a table',
      '  --lang da|en  language of the table and error messages (default: da)',
      '',
    ].join('\n'),
    missingInput: 'give the file with --input FILE.csv.',
    badOption: (detail) => `invalid option: ${detail}`,
    badLang: (found) => `--lang must be da or en, not "${found}".`,
  },
};

const catalogs: Record<Lang, Catalog> = { da, en };

/** The texts for one language. */
export function messages(lang: Lang): Catalog {
  return catalogs[lang];
}

/** One line a person can act on: where the problem is and what it is. */
export function describeCsvError(error: RatingsCsvError, lang: Lang): string {
  const catalog = catalogs[lang];
  const text = catalog.csv(error.problem);
  if (error.line === null) return capitalize(text);
  return `${catalog.line(error.line)}: ${text}`;
}

/** Why a statistic is null, in words (for the table and the calibration pages). */
export function describeNullReason(reason: NullReason, lang: Lang): string {
  return catalogs[lang].nullReason[reason];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
