/**
 * Reading the linked source lists: one row per capture history (which sources saw a person in
 * the period) with the number of people, and the number of records that carry no person key.
 * Both come from the two database functions of migrations 0400/0401, which aggregate across
 * teams and return no keys; the requester must be an active manager.
 *
 * The histories are read over every source, whatever the query chose: the small-number rule is
 * applied to the period's table, so that a count is shown or hidden the same way whichever
 * sources are chosen, and a choice's number of people linked is shown only if, together with the
 * numbers already shown for the period, it gives no small number away (decision 0402, "Comparing
 * queries"). Those earlier choices are read here, under a lock per tenant and period that holds
 * until the request's transaction ends, so two requests cannot each pass the audit alone.
 */
import type { Queryable } from '../../db/database.js';
import { periodBounds, SOURCE_SECTORS, type DarkFigureQuery, type SourceSector } from './schemas.js';

/** The period's table over the sources that have anybody in it. */
export interface PeriodTable {
  /** Sources with at least one linked person in the period (bit i of a history = sources[i]). */
  sources: SourceSector[];
  /** People per capture history over `sources`, indexed by bit mask. */
  cells: number[];
  /** Choices of sources (masks over `sources`) whose number linked has been shown for the period. */
  shownChoices: number[];
}

/** The aggregated input of one estimate. Plain numbers: no keys, no records. */
export interface CaptureData {
  /** The chosen sources, in the order of the lists (bit i of a history = lists[i]). */
  lists: SourceSector[];
  /** People per capture history, indexed by bit mask; index 0 (seen by no source) is 0. */
  cells: number[];
  /** People on at least one list. */
  linked: number;
  /** Inquiries and cases in the period and sources without a person key (cannot be linked). */
  unlinkedRecords: number;
  /** The period's table (absent in tests of a table alone: then the chosen sources are the period's). */
  period?: PeriodTable;
}

/** Reads the capture histories for a query, as the request's user (manager) in her tenant. */
export async function loadCaptureData(tx: Queryable, query: Pick<DarkFigureQuery, 'from' | 'to' | 'sectors'>): Promise<CaptureData> {
  const { start, end } = periodBounds(query);
  await tx.query("select pg_advisory_xact_lock(hashtext('selvbestemt.darkfigure:' || app_tenant_id()::text || $1))", [query.from]);
  const histories = await tx.query<{ history: number; people: number }>(
    'select history, people from unsafe_darkfigure_histories($1, $2, $3::text[])',
    [start, end, [...SOURCE_SECTORS]],
  );
  const present = SOURCE_SECTORS.filter((_, i) => histories.rows.some((row) => (row.history & (1 << i)) !== 0));
  const remap = (history: number, onto: readonly SourceSector[]) =>
    onto.reduce((mask, sector, i) => ((history & (1 << SOURCE_SECTORS.indexOf(sector))) !== 0 ? mask | (1 << i) : mask), 0);
  const periodCells = new Array<number>(1 << present.length).fill(0);
  const lists = [...query.sectors];
  const cells = new Array<number>(1 << lists.length).fill(0);
  for (const row of histories.rows) {
    periodCells[remap(row.history, present)] += row.people;
    cells[remap(row.history, lists)] += row.people;
  }
  cells[0] = 0;
  const shown = await tx.query<{ sectors: string[] }>('select sectors from darkfigure_releases where period_from = $1 and period_to = $2', [query.from, query.to]);
  const shownChoices = shown.rows
    .map((row) => row.sectors.reduce((mask, sector) => (present.includes(sector as SourceSector) ? mask | (1 << present.indexOf(sector as SourceSector)) : mask), 0))
    .filter((mask) => mask !== 0);
  const unlinked = await tx.query<{ records: number }>('select unsafe_darkfigure_unlinked($1, $2, $3::text[]) as records', [start, end, lists]);
  return {
    lists,
    cells,
    linked: cells.reduce((sum, people) => sum + people, 0),
    unlinkedRecords: unlinked.rows[0]?.records ?? 0,
    period: { sources: present, cells: periodCells, shownChoices },
  };
}

/** Notes that a choice's number linked has been shown for the period (in the request's transaction). */
export async function recordShownChoice(tx: Queryable, query: Pick<DarkFigureQuery, 'from' | 'to' | 'sectors'>): Promise<void> {
  await tx.query(
    'insert into darkfigure_releases (tenant_id, period_from, period_to, sectors) values (app_tenant_id(), $1, $2, $3::text[]) on conflict do nothing',
    [query.from, query.to, [...query.sectors].sort()],
  );
}
