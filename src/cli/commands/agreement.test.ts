import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeAgreement } from '../../stats/agreement/summary.js';
import { ratingsFromReliabilityMatrix } from '../../stats/agreement/ratings.js';
import { KRIPPENDORFF_2011 } from '../../stats/agreement/testing/published-examples.js';
import { run } from './agreement.js';

const dir = mkdtempSync(join(tmpdir(), 'agreement-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function agreement(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const krippendorffRatings = ratingsFromReliabilityMatrix(KRIPPENDORFF_2011);
const krippendorffCsv = file(
  'krippendorff-2011.csv',
  `subject,rater,rating\n${krippendorffRatings.map((r) => `unit ${r.subject},${'ABCD'[Number(r.rater) - 1]},${r.value}`).join('\n')}\n`,
);

describe('agreement --json', () => {
  it('prints exactly the six figures, the same as the library computes', async () => {
    const { code, stdout, stderr } = await agreement('--input', krippendorffCsv, '--json');
    expect([code, stderr]).toEqual([0, '']);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['subjects', 'raters', 'ratings', 'percentAgreement', 'fleissKappa', 'krippendorffAlpha']);
    expect(Object.keys(json.krippendorffAlpha)).toEqual(['nominal', 'ordinal', 'interval']);
    const expected = computeAgreement(krippendorffRatings);
    expect(json).toEqual({
      subjects: 12,
      raters: 4,
      ratings: 41,
      percentAgreement: expected.percentAgreement,
      fleissKappa: null,
      krippendorffAlpha: expected.krippendorffAlpha,
    });
    expect(json.krippendorffAlpha.nominal).toBeCloseTo(0.743, 3);
  });

  it('prints null, never NaN, for one rater', async () => {
    const { code, stdout } = await agreement('--json', '--input', file('one-rater.csv', 'subject,rater,rating\n1,a,1\n2,a,2\n'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      subjects: 2,
      raters: 1,
      ratings: 2,
      percentAgreement: null,
      fleissKappa: null,
      krippendorffAlpha: { nominal: null, ordinal: null, interval: null },
    });
  });
});

describe('agreement table', () => {
  it('is Danish by default, with decimal commas and the reason for a missing figure', async () => {
    const { code, stdout } = await agreement('--input', krippendorffCsv);
    expect(code).toBe(0);
    expect(stdout).toContain('Enighed mellem bedømmere');
    expect(stdout).toMatch(/Procentvis enighed +81,8 %/);
    expect(stdout).toMatch(/Fleiss' kappa +– \(ikke beregnet: emnerne har ikke lige mange bedømmelser\)/);
    expect(stdout).toMatch(/nominal +0,743\n/);
    expect(stdout).toMatch(/ordinal +0,815\n/);
    expect(stdout).toMatch(/interval +0,849\n/);
  });

  it('is English with --lang en', async () => {
    const { stdout } = await agreement('--input', krippendorffCsv, '--lang', 'en');
    expect(stdout).toContain('Inter-rater agreement');
    expect(stdout).toMatch(/Krippendorff's alpha\n +nominal +0\.743\n/);
    expect(stdout).toMatch(/Fleiss' kappa +– \(not computed: subjects have different numbers of ratings\)/);
  });
});

describe('agreement refuses bad input with exit 2, a message naming the line, and nothing on stdout', () => {
  const cases: [string, string, RegExp, RegExp][] = [
    ['a missing header', '1,a,1\n1,b,2\n', /Linje 1: første linje skal være overskriften subject,rater,rating, men er "1,a,1"/, /Line 1: the first line must be the header/],
    ['a non-integer rating', 'subject,rater,rating\n1,a,1\n1,b,1.5\n', /Linje 3: bedømmelsen "1.5" er ikke et heltal/, /Line 3: the rating "1.5" is not an integer/],
    ['a duplicate pair', 'subject,rater,rating\n1,a,1\n2,a,1\n1,a,3\n', /Linje 4: bedømmer "a" har allerede bedømt emne "1" på linje 2/, /Line 4: rater "a" already rated subject "1" on line 2/],
    ['an empty file', '', /Linje 1: filen er tom/, /Line 1: the file is empty/],
  ];

  it.each(cases)('%s', async (name, content, danish, english) => {
    const path = file(`${name.replaceAll(' ', '-')}.csv`, content);
    const da = await agreement('--input', path, '--json');
    expect(da).toMatchObject({ code: 2, stdout: '' });
    expect(da.stderr).toMatch(danish);
    const en = await agreement('--input', path, '--json', '--lang', 'en');
    expect(en).toMatchObject({ code: 2, stdout: '' });
    expect(en.stderr).toMatch(english);
  });

  it('a 100 MB file, quickly and before reading it', async () => {
    const path = file('big.csv', '');
    truncateSync(path, 100 * 1024 * 1024);
    const started = performance.now();
    const result = await agreement('--input', path, '--lang=en');
    expect(performance.now() - started).toBeLessThan(200);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('The file is 100 MB; the limit is 50 MB');
  });

  it('a missing file', async () => {
    const result = await agreement('--input', join(dir, 'nowhere.csv'));
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/Filen ".*nowhere\.csv" findes ikke\./);
  });
});

describe('agreement options', () => {
  it('needs --input', async () => {
    const result = await agreement('--json');
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('angiv filen med --input FIL.csv');
  });

  it('refuses an unknown option and an unknown language', async () => {
    expect(await agreement('--input', krippendorffCsv, '--csv')).toMatchObject({ code: 2, stdout: '' });
    const lang = await agreement('--input', krippendorffCsv, '--lang', 'sv');
    expect(lang).toMatchObject({ code: 2, stdout: '' });
    expect(lang.stderr).toContain('--lang skal være da eller en, ikke "sv"');
  });

  it('prints help on --help in the chosen language', async () => {
    expect(await agreement('--help')).toMatchObject({ code: 0, stderr: '' });
    expect((await agreement('--help', '--lang', 'en')).stdout).toContain('Usage: selvbestemt agreement --input FILE.csv');
  });
});
