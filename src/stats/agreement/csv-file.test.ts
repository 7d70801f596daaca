import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES, RatingsCsvError } from './csv.js';
import { readRatingsCsvFile } from './csv-file.js';

const dir = mkdtempSync(join(tmpdir(), 'agreement-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemOf(read: () => unknown) {
  try {
    read();
  } catch (error) {
    if (error instanceof RatingsCsvError) return { problem: error.problem, line: error.line };
    throw error;
  }
  throw new Error('expected a RatingsCsvError');
}

describe('readRatingsCsvFile', () => {
  it('reads and parses a file', () => {
    const path = join(dir, 'ok.csv');
    writeFileSync(path, 'subject,rater,rating\n1,a,1\n1,b,1\n');
    expect(readRatingsCsvFile(path)).toMatchObject({ raters: 2, ratings: 2 });
  });

  it('refuses a file over the limit before reading it', () => {
    const path = join(dir, 'hundred-mb.csv');
    writeFileSync(path, '');
    truncateSync(path, 100 * 1024 * 1024); // sparse: no 100 MB is written or read
    const started = performance.now();
    expect(problemOf(() => readRatingsCsvFile(path))).toEqual({
      problem: { code: 'file_too_large', bytes: 100 * 1024 * 1024, limitBytes: MAX_CSV_BYTES },
      line: null,
    });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('accepts a file of exactly the limit size as far as size goes', () => {
    const path = join(dir, 'small-limit.csv');
    writeFileSync(path, 'subject,rater,rating\n1,a,1\n');
    expect(readRatingsCsvFile(path, 27).ratings).toBe(1);
    expect(problemOf(() => readRatingsCsvFile(path, 26)).problem.code).toBe('file_too_large');
  });

  it('names a missing file and a directory', () => {
    const missing = join(dir, 'missing.csv');
    expect(problemOf(() => readRatingsCsvFile(missing)).problem).toMatchObject({ code: 'file_unreadable', cause: 'not_found', path: missing });
    expect(problemOf(() => readRatingsCsvFile(dir)).problem).toMatchObject({ code: 'file_unreadable', cause: 'not_a_file' });
  });
});
