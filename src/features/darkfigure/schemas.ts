/**
 * The hidden-number page's one input: a period, the sources to treat as lists and the method.
 * The same schema reads the page's GET form, the bootstrap form, the exports' links and the
 * JSON API, so every door refuses the same bad input with the same messages.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { MAX_LISTS, MIN_LISTS } from '../../stats/mse/index.js';
import { SOURCE_SECTORS, type SourceSector } from '../inquiries/schemas.js';

export { SOURCE_SECTORS, type SourceSector };

/** Periods are calendar dates in Copenhagen time. */
export const ZONE = 'Europe/Copenhagen';
/** The earliest date accepted (no data can be older than the platform). */
const EARLIEST = '2000-01-01';

/**
 * A period is a calendar year (decision 0402, "Comparing queries"): `from` is its 1 January and
 * `to` its 31 December, which a pattern alone says (and the OpenAPI document shows).
 */
const yearDay = (monthDay: '01-01' | '12-31', messageKey: string) =>
  z
    .string({ error: messageKey })
    .trim()
    .regex(new RegExp(`^\\d{4}-${monthDay}$`), messageKey)
    .refine((value) => value >= EARLIEST && value <= '2100-12-31', messageKey);

/** A list of sources from a form (repeated field) or a query string (repeated or comma-separated). */
const sectorList = z.preprocess(
  (value) => {
    if (value === undefined || value === null || value === '') return [];
    const items = Array.isArray(value) ? value : [value];
    return items.flatMap((item) => (typeof item === 'string' ? item.split(',').map((part) => part.trim()).filter(Boolean) : [item]));
  },
  z
    .array(z.enum(SOURCE_SECTORS, { error: 'validation.invalidChoice' }))
    .min(MIN_LISTS, 'darkfigure.error.tooFewSources')
    .max(MAX_LISTS, 'darkfigure.error.tooManySources')
    .refine((sectors) => new Set(sectors).size === sectors.length, 'darkfigure.error.duplicateSource'),
);

export const METHODS = ['stepwise', 'independence'] as const;

/** What to estimate. */
export const DarkFigureQuery = z
  .object({
    from: yearDay('01-01', 'darkfigure.error.fromDate').describe('First day of the period, 1 January of a year (YYYY-01-01, Copenhagen time). Periods are calendar years.'),
    to: yearDay('12-31', 'darkfigure.error.toDate').describe('Last day of the period, 31 December of the same year (YYYY-12-31).'),
    sectors: sectorList.describe('The source sectors to treat as lists: 2 to 10 different ones, repeated or comma-separated.'),
    method: z
      .preprocess((value) => (value === undefined || value === '' ? 'stepwise' : value), z.enum(METHODS, { error: 'validation.invalidChoice' }))
      .describe('Model choice: `stepwise` (default; threshold 0.02) or `independence`.'),
  })
  .superRefine((query, context) => {
    // Periods are calendar years (decision 0402, "Comparing queries"): two overlapping periods
    // could be subtracted to work out a small number.
    if (query.to !== `${query.from.slice(0, 4)}-12-31`) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'darkfigure.error.calendarYear' });
    }
  });
export type DarkFigureQuery = z.output<typeof DarkFigureQuery>;

/** The query as URL parameters (for links to the exports and back to the page). */
export function queryString(query: DarkFigureQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: query.from, to: query.to, method: query.method });
  for (const sector of query.sectors) params.append('sectors', sector);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** The period as the half-open interval of instants [start, end) the database compares with. */
export function periodBounds(query: Pick<DarkFigureQuery, 'from' | 'to'>): { start: Date; end: Date } {
  const start = DateTime.fromISO(query.from, { zone: ZONE }).startOf('day');
  const end = DateTime.fromISO(query.to, { zone: ZONE }).startOf('day').plus({ days: 1 });
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/** The period of a calendar year. */
export function yearPeriod(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The default period: the last calendar year that has ended (the year a yearly report is about). */
export function defaultPeriod(now: DateTime = DateTime.now().setZone(ZONE)): { from: string; to: string } {
  return yearPeriod(now.year - 1);
}

/** The earliest and latest years the page offers. */
export const FIRST_YEAR = Number(EARLIEST.slice(0, 4));
export function lastYear(now: DateTime = DateTime.now().setZone(ZONE)): number {
  return now.year;
}
