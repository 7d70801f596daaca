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
/** The longest period: beyond it the "closed population" assumption means little. */
export const MAX_PERIOD_YEARS = 5;
/** The earliest date accepted (no data can be older than the platform). */
const EARLIEST = '2000-01-01';

const isoDate = (messageKey: string) =>
  z
    .string({ error: messageKey })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, messageKey)
    .refine((value) => DateTime.fromISO(value, { zone: ZONE }).isValid, messageKey)
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
    from: isoDate('darkfigure.error.fromDate').describe('First day of the period (YYYY-MM-DD, Copenhagen time).'),
    to: isoDate('darkfigure.error.toDate').describe('Last day of the period, included (YYYY-MM-DD).'),
    sectors: sectorList.describe('The source sectors to treat as lists: 2 to 10 different ones, repeated or comma-separated.'),
    method: z
      .preprocess((value) => (value === undefined || value === '' ? 'stepwise' : value), z.enum(METHODS, { error: 'validation.invalidChoice' }))
      .describe('Model choice: `stepwise` (default; threshold 0.02) or `independence`.'),
  })
  .superRefine((query, context) => {
    if (query.from > query.to) context.addIssue({ code: 'custom', path: ['to'], message: 'darkfigure.error.periodOrder' });
    else if (DateTime.fromISO(query.to, { zone: ZONE }).diff(DateTime.fromISO(query.from, { zone: ZONE }), 'years').years > MAX_PERIOD_YEARS) {
      context.addIssue({ code: 'custom', path: ['to'], message: 'darkfigure.error.periodTooLong' });
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

/** The default period: the last twelve months up to and including today. */
export function defaultPeriod(now: DateTime = DateTime.now().setZone(ZONE)): { from: string; to: string } {
  return { from: now.minus({ years: 1 }).plus({ days: 1 }).toISODate()!, to: now.toISODate()! };
}
