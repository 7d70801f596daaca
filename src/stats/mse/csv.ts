/**
 * A small CSV reader for capture-history files: one record per line, comma or semicolon
 * separated (Danish spreadsheets write semicolons), fields optionally in double quotes ("" for a
 * quote inside). A quoted field cannot span lines; nothing in these files needs it, and refusing
 * it keeps every record on exactly one line, so every error can name that line.
 *
 * Written here rather than taken from csv-parse because the `estimate` command must start in
 * well under 200 ms and csv-parse alone costs ~10 ms to load.
 */
import { MseInputError } from './errors.js';

/** One non-blank line split into trimmed fields, with its 1-based line number. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Splits the text into records; blank lines are skipped. Throws {@link MseInputError} on a bad quote. */
export function readCsvRecords(text: string): CsvRecord[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const header = lines.find((line) => line.trim() !== '') ?? '';
  const delimiter = header.includes(';') && !header.includes(',') ? ';' : ',';
  const records: CsvRecord[] = [];
  lines.forEach((content, index) => {
    if (content.trim() === '') return;
    records.push({ line: index + 1, fields: splitLine(content, delimiter, index + 1) });
  });
  return records;
}

function splitLine(content: string, delimiter: string, line: number): string[] {
  const fields: string[] = [];
  let position = 0;
  for (;;) {
    while (content[position] === ' ' || content[position] === '\t') position++;
    let field = '';
    if (content[position] === '"') {
      position++;
      for (;;) {
        if (position >= content.length) throw new MseInputError('csv_syntax', line, { detail: 'unterminated quote' });
        const char = content[position];
        if (char === '"' && content[position + 1] === '"') {
          field += '"';
          position += 2;
        } else if (char === '"') {
          position++;
          break;
        } else {
          field += char;
          position++;
        }
      }
      while (content[position] === ' ' || content[position] === '\t') position++;
      if (position < content.length && content[position] !== delimiter) {
        throw new MseInputError('csv_syntax', line, { detail: 'text after a closing quote' });
      }
    } else {
      const end = content.indexOf(delimiter, position);
      field = content.slice(position, end === -1 ? content.length : end);
      position = end === -1 ? content.length : end;
    }
    fields.push(field.trim());
    if (position >= content.length) return fields;
    position++; // past the delimiter
  }
}
