import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRatingsCsv, RatingsCsvError, type CsvProblem } from './csv.js';
import { describeCsvError } from './messages.js';

/** The error `parseRatingsCsv` throws for `text`; fails the test if it does not throw one. */
function csvError(text: string): RatingsCsvError {
  try {
    parseRatingsCsv(text);
  } catch (error) {
    if (error instanceof RatingsCsvError) return error;
    throw error;
  }
  throw new Error('expected a RatingsCsvError');
}

const counts = (text: string) => parseRatingsCsv(text).subjects.map((s) => [s.subject, Object.fromEntries(s.counts)]);

describe('parseRatingsCsv reads', () => {
  it('one row per rating into counts per subject', () => {
    const table = parseRatingsCsv('subject,rater,rating\nv1,anna,2\nv1,bo,3\nv2,anna,0\n');
    expect(table).toMatchObject({ raters: 2, ratings: 3 });
    expect(counts('subject,rater,rating\nv1,anna,2\nv1,bo,3\nv2,anna,0\n')).toEqual([
      ['v1', { 2: 1, 3: 1 }],
      ['v2', { 0: 1 }],
    ]);
  });

  it('a byte-order mark, CRLF line ends, surrounding whitespace, blank lines and no final newline', () => {
    const text = '\uFEFF subject , rater ,rating \r\n v1 , anna , 2 \r\n\r\nv1,bo,+2\r\n  \r\nv1,cy,-1';
    expect(counts(text)).toEqual([['v1', { 2: 2, '-1': 1 }]]);
  });

  it('double-quoted fields with commas and doubled quotes', () => {
    const text = 'subject,rater,rating\n"Vignet 1, version 2","Anna ""A"" Berg",1\n"subject","rater","2"\n';
    expect(counts(text)).toEqual([
      ['Vignet 1, version 2', { 1: 1 }],
      ['subject', { 2: 1 }],
    ]);
    expect(parseRatingsCsv('"subject","rater","rating"\n1,1,1\n').ratings).toBe(1);
  });
});

describe('the quoted and the unquoted reading of a line agree', () => {
  const id = fc.stringMatching(/^[A-Za-zæøå0-9 _-]{1,8}$/).filter((text) => text.trim() !== '');
  const rating = fc.tuple(fc.constantFrom('', ' ', '\t'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 99 }), fc.constantFrom('', ' '));
  const rows = fc.uniqueArray(fc.tuple(id, id, rating), { selector: ([s, r]) => `${s.trim()}\u0000${r.trim()}`, minLength: 1, maxLength: 20 });

  it('on random rows', () => {
    fc.assert(
      fc.property(rows, (sample) => {
        const ratingText = ([before, sign, digits, after]: [string, string, number, string]) => `${before}${sign}${digits}${after}`;
        const plain = sample.map(([s, r, v]) => `${s},${r},${ratingText(v)}`);
        const quoted = sample.map(([s, r, v]) => `"${s}", "${r}" ,"${ratingText(v)}"`);
        const expected = parseRatingsCsv(`subject,rater,rating\n${plain.join('\n')}\n`);
        expect(parseRatingsCsv(`subject,rater,rating\r\n${quoted.join('\r\n')}`)).toEqual(expected);
        expect(expected.ratings).toBe(sample.length);
      }),
      { numRuns: 200 },
    );
  });

  it.each(['3 3', '--1', '+', '1e3', '0x10', '1,0', '٣'])('and both refuse the rating %j', (bad) => {
    for (const line of [`1,a,${bad}`, `"1","a","${bad}"`]) {
      expect(csvError(`subject,rater,rating\n${line}\n`).problem.code).toMatch(/non_integer_rating|wrong_field_count/);
    }
  });
});

describe('parseRatingsCsv refuses, naming the line', () => {
  const cases: [string, string, number, CsvProblem][] = [
    ['an empty file', '', 1, { code: 'empty_file' }],
    ['a file of whitespace and a BOM', '\uFEFF \n\n', 1, { code: 'empty_file' }],
    ['a missing header', '1,anna,2\n2,anna,3\n', 1, { code: 'bad_header', found: '1,anna,2' }],
    ['a wrong header', 'subject,rater,score\n', 1, { code: 'bad_header', found: 'subject,rater,score' }],
    ['a header in the wrong order', 'rater,subject,rating\n', 1, { code: 'bad_header', found: 'rater,subject,rating' }],
    ['a header and no ratings', 'subject,rater,rating\n\n', 1, { code: 'no_ratings' }],
    ['a decimal rating', 'subject,rater,rating\n1,a,2\n1,b,2.5\n', 3, { code: 'non_integer_rating', found: '2.5' }],
    ['a text rating', 'subject,rater,rating\n1,a,high\n', 2, { code: 'non_integer_rating', found: 'high' }],
    ['an empty rating', 'subject,rater,rating\n1,a,\n', 2, { code: 'non_integer_rating', found: '' }],
    ['a rating beyond exact integers', 'subject,rater,rating\n1,a,90071992547409930\n', 2, { code: 'non_integer_rating', found: '90071992547409930' }],
    ['too few fields', 'subject,rater,rating\n1,a\n', 2, { code: 'wrong_field_count', fields: 2 }],
    ['too many fields', 'subject,rater,rating\n1,a,1,1\n', 2, { code: 'wrong_field_count', fields: 4 }],
    ['an empty subject', 'subject,rater,rating\n ,a,1\n', 2, { code: 'empty_id', column: 'subject' }],
    ['an empty rater', 'subject,rater,rating\n1,"",1\n', 2, { code: 'empty_id', column: 'rater' }],
    ['an unclosed quote', 'subject,rater,rating\n"1,a,1\n', 2, { code: 'unterminated_quote' }],
    ['a duplicate (subject, rater) pair', 'subject,rater,rating\nv1,anna,1\nv2,anna,1\r\nv1,anna,2\n', 4, { code: 'duplicate_rating', subject: 'v1', rater: 'anna', firstLine: 2 }],
  ];

  it.each(cases)('%s', (_name, text, line, problem) => {
    const error = csvError(text);
    expect(error.line).toBe(line);
    expect(error.problem).toEqual(problem);
  });

  it('cuts long offending text so the message stays readable', () => {
    const error = csvError(`${'x'.repeat(200)}\n`);
    expect(error.problem).toEqual({ code: 'bad_header', found: `${'x'.repeat(40)}…` });
  });
});

describe('CSV error messages', () => {
  it('are Danish by default wording and name both lines of a duplicate', () => {
    const error = csvError('subject,rater,rating\nv1,anna,1\nv1,anna,2\n');
    expect(describeCsvError(error, 'da')).toBe(
      'Linje 3: bedømmer "anna" har allerede bedømt emne "v1" på linje 2. Hver bedømmer kan kun bedømme et emne én gang.',
    );
    expect(describeCsvError(error, 'en')).toBe('Line 3: rater "anna" already rated subject "v1" on line 2. Each rater can rate a subject only once.');
  });

  it('exist in both languages for every problem', () => {
    const problems: CsvProblem[] = [
      { code: 'empty_file' },
      { code: 'bad_header', found: 'x' },
      { code: 'no_ratings' },
      { code: 'wrong_field_count', fields: 2 },
      { code: 'empty_id', column: 'rater' },
      { code: 'non_integer_rating', found: '1.5' },
      { code: 'unterminated_quote' },
      { code: 'duplicate_rating', subject: 's', rater: 'r', firstLine: 2 },
      { code: 'file_too_large', bytes: 100 * 1024 * 1024, limitBytes: 50 * 1024 * 1024 },
      { code: 'file_unreadable', path: 'f.csv', cause: 'not_found', detail: '' },
    ];
    for (const problem of problems) {
      const da = describeCsvError(new RatingsCsvError(problem, 7), 'da');
      const en = describeCsvError(new RatingsCsvError(problem, 7), 'en');
      expect(da).toMatch(/^Linje 7: \S/);
      expect(en).toMatch(/^Line 7: \S/);
      expect(da).not.toBe(en.replace('Line', 'Linje'));
    }
    expect(describeCsvError(new RatingsCsvError(problems[8], null), 'da')).toBe(
      'Filen fylder 100 MB, men grænsen er 50 MB. Del bedømmelserne op i flere filer.',
    );
  });
});
