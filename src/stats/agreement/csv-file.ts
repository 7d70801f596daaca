/**
 * Reads a ratings CSV from disk, refusing a file over {@link MAX_CSV_BYTES} before reading a
 * byte of it, so a wrong file (a 100 MB export, a disk image) is refused at once.
 */
import { readFileSync, statSync } from 'node:fs';
import { MAX_CSV_BYTES, parseRatingsCsv, RatingsCsvError } from './csv.js';
import type { RatingTable } from './ratings.js';

/** Reads and parses the file. Throws {@link RatingsCsvError} for every problem with it. */
export function readRatingsCsvFile(path: string, limitBytes = MAX_CSV_BYTES): RatingTable {
  let text: string;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) {
      throw new RatingsCsvError({ code: 'file_unreadable', path, cause: 'not_a_file', detail: '' }, null);
    }
    if (stats.size > limitBytes) {
      throw new RatingsCsvError({ code: 'file_too_large', bytes: stats.size, limitBytes }, null);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof RatingsCsvError) throw error;
    throw new RatingsCsvError({ code: 'file_unreadable', path, cause: causeOf(error), detail: String((error as Error).message) }, null);
  }
  return parseRatingsCsv(text);
}

function causeOf(error: unknown): 'not_found' | 'no_access' | 'other' {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'not_found';
  if (code === 'EACCES' || code === 'EPERM') return 'no_access';
  return 'other';
}
