import { describe, expect, it } from 'vitest';
import { cellCounts, checkTable, fromPersonRows, observedTotal, overlapCount, parseCaptureCsv } from './capture-table.js';
import { MseInputError } from './errors.js';

/** The error a parse throws, so a test can look at its fields. */
function inputError(run: () => unknown): MseInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof MseInputError) return error;
    throw error;
  }
  throw new Error('expected an MseInputError');
}

describe('parseCaptureCsv', () => {
  it('reads lists, counts and line numbers, and builds per-cell counts', () => {
    const table = parseCaptureCsv('A,B,C,count\n1,0,0,40\n0,1,0,30\n\n0,0,1,20\n1,1,0,6\n');
    expect(table.lists).toEqual(['A', 'B', 'C']);
    expect(table.rows.map((r) => [r.history.join(''), r.count, r.lines])).toEqual([
      ['100', 40, [2]],
      ['010', 30, [3]],
      ['001', 20, [5]],
      ['110', 6, [6]],
    ]);
    const counts = cellCounts(table);
    expect(observedTotal(counts)).toBe(96);
    expect(overlapCount(counts, 0b011)).toBe(6);
    expect(overlapCount(counts, 0b101)).toBe(0);
  });

  it('accepts semicolons, quotes, a byte-order mark, CRLF and a count column anywhere', () => {
    const table = parseCaptureCsv('\uFEFF"antal";"Skole";"SSP"\r\n5;1;0\r\n"3";0;1\r\n2;1;1\r\n');
    expect(table.lists).toEqual(['Skole', 'SSP']);
    expect(table.rows.map((r) => [r.history.join(''), r.count])).toEqual([
      ['10', 5],
      ['01', 3],
      ['11', 2],
    ]);
  });

  it('aggregates one row per person when there is no count column, ignoring an id column', () => {
    const table = parseCaptureCsv('id,school,police\nk1,1,0\nk2,1,1\nk3,1,0\nk4,0,1\n');
    expect(table.lists).toEqual(['school', 'police']);
    expect(table.rows.map((r) => [r.history.join(''), r.count])).toEqual([
      ['10', 2],
      ['11', 1],
      ['01', 1],
    ]);
    expect(table.notes).toEqual([]);
  });

  it('sums a repeated capture history and says so in a note naming the lines', () => {
    const table = parseCaptureCsv('A,B,count\n1,0,4\n0,1,3\n1,0,2\n1,1,1\n');
    expect(table.rows.find((r) => r.history.join('') === '10')?.count).toBe(6);
    expect(table.notes).toHaveLength(1);
    expect(table.notes[0].code).toBe('duplicate_history_summed');
    expect(table.notes[0].text.en).toContain('lines (2, 4)');
    expect(table.notes[0].text.da).toContain('linjer (2, 4)');
  });

  it.each([
    ['a list value that is not 0/1', 'A,B,count\n1,0,4\n2,1,3\n', 'not_binary', 3],
    ['a list value that is text', 'A,B,count\n1,0,4\n0,ja,3\n', 'not_binary', 3],
    ['a negative count', 'A,B,count\n1,0,4\n0,1,-3\n', 'negative_count', 3],
    ['a fractional count', 'A,B,count\n1,0,4\n0,1,2.5\n', 'fractional_count', 3],
    ['a count that is not a number', 'A,B,count\n1,0,four\n', 'bad_count', 2],
    ['an empty count', 'A,B,count\n1,0,\n', 'bad_count', 2],
    ['an all-zero row', 'A,B,count\n1,0,4\n0,1,3\n0,0,9\n', 'all_zero_row', 4],
    ['an all-zero row with count 0', 'A,B,count\n1,0,4\n0,0,0\n', 'all_zero_row', 3],
    ['a single list', 'A,count\n1,4\n', 'too_few_lists', 1],
    ['more than 10 lists', `${'ABCDEFGHIJK'.split('').join(',')},count\n${'1,0,0,0,0,0,0,0,0,0,0'},1\n`, 'too_many_lists', 1],
    ['an empty file', '', 'empty_file', 1],
    ['a file of blank lines', '\n  \n\n', 'empty_file', 1],
    ['a header and no rows', 'A,B,count\n', 'no_rows', 2],
    ['a row with a missing field', 'A,B,count\n1,0,4\n0,1\n', 'wrong_field_count', 3],
    ['a repeated column name', 'A,B,a,count\n1,0,0,4\n', 'duplicate_column', 1],
    ['an unnamed column', 'A,,count\n1,0,4\n', 'empty_column_name', 1],
    ['an unterminated quote', 'A,B,count\n1,"0,4\n', 'csv_syntax', 2],
    ['every count zero', 'A,B,count\n1,0,0\n0,1,0\n', 'nobody_observed', 1],
    ['a list nobody is on', 'A,B,C,count\n1,0,0,4\n0,1,0,3\n', 'empty_list', 1],
  ])('refuses %s, naming the line', (_, text, key, line) => {
    const error = inputError(() => parseCaptureCsv(text));
    expect(error.key).toBe(key);
    expect(error.line).toBe(line);
    expect(error.text.en).toMatch(new RegExp(`^Line ${line}: `));
    expect(error.text.da).toMatch(new RegExp(`^Linje ${line}: `));
  });

  it('accepts exactly 10 lists', () => {
    const names = 'ABCDEFGHIJ'.split('');
    const rows = names.map((_, i) => names.map((__, j) => (i === j ? 1 : 0)).join(','));
    const table = parseCaptureCsv(`${names.join(',')},count\n${rows.map((r) => `${r},3`).join('\n')}\n`);
    expect(table.lists).toHaveLength(10);
  });
});

describe('fromPersonRows', () => {
  it('aggregates people and accepts booleans', () => {
    const table = fromPersonRows(['school', 'health', 'police'], [
      [1, 0, 0],
      [true, false, true],
      [1, 0, 0],
      [0, 1, 1],
    ]);
    expect(table.rows.map((r) => [r.history.join(''), r.count])).toEqual([
      ['100', 2],
      ['101', 1],
      ['011', 1],
    ]);
  });

  it('names the row of a person on no list', () => {
    const error = inputError(() => fromPersonRows(['a', 'b'], [[1, 0], [0, 0]]));
    expect([error.key, error.line]).toEqual(['all_zero_row', 2]);
  });

  it('refuses one list and more than ten', () => {
    expect(inputError(() => fromPersonRows(['a'], [[1]])).key).toBe('too_few_lists');
    expect(inputError(() => fromPersonRows('abcdefghijk'.split(''), [])).key).toBe('too_many_lists');
  });
});

describe('checkTable', () => {
  it('refuses a hand-built table with a fractional count', () => {
    const error = inputError(() => checkTable({ lists: ['a', 'b'], rows: [{ history: [1, 0], count: 1.5, lines: [7] }], notes: [] }));
    expect([error.key, error.line]).toEqual(['fractional_count', 7]);
  });
});
