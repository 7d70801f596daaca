import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './csv.js';
import { MseInputError } from './errors.js';

describe('readCsvRecords', () => {
  it('splits on commas, trims, skips blank lines and keeps line numbers', () => {
    expect(readCsvRecords('a, b ,c\n\n1,2,3\r\n  \n4,5,6')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 3, fields: ['1', '2', '3'] },
      { line: 5, fields: ['4', '5', '6'] },
    ]);
  });

  it('uses semicolons when the header has them and no commas', () => {
    expect(readCsvRecords('a;b\n1,5;2\n').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
  });

  it('reads quoted fields with delimiters and doubled quotes inside', () => {
    expect(readCsvRecords('"a, b","say ""hi""",c\n').map((r) => r.fields)).toEqual([['a, b', 'say "hi"', 'c']]);
  });

  it('keeps empty fields, also at the end of a line', () => {
    expect(readCsvRecords('a,,c,\n')[0].fields).toEqual(['a', '', 'c', '']);
  });

  it('refuses an unterminated quote and text after a closing quote, naming the line', () => {
    for (const text of ['a,b\n"x,1\n', 'a,b\n"x"y,1\n']) {
      let error: unknown;
      try {
        readCsvRecords(text);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(MseInputError);
      expect((error as MseInputError).line).toBe(2);
    }
  });
});
