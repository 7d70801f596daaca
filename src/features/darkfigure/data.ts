/**
 * Reading the linked source lists: one row per capture history (which of the chosen sources saw
 * a person in the period) with the number of people, and the number of records that carry no
 * person key. Both come from the two database functions of migration 0400, which aggregate
 * across teams and return no keys; the requester must be an active manager.
 */
import type { Queryable } from '../../db/database.js';
import { periodBounds, type DarkFigureQuery, type SourceSector } from './schemas.js';

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
}

/** Reads the capture histories for a query, as the request's user (manager) in her tenant. */
export async function loadCaptureData(tx: Queryable, query: Pick<DarkFigureQuery, 'from' | 'to' | 'sectors'>): Promise<CaptureData> {
  const { start, end } = periodBounds(query);
  const lists = [...query.sectors];
  const histories = await tx.query<{ history: number; people: number }>(
    'select history, people from unsafe_darkfigure_histories($1, $2, $3::text[])',
    [start, end, lists],
  );
  const unlinked = await tx.query<{ records: number }>('select unsafe_darkfigure_unlinked($1, $2, $3::text[]) as records', [start, end, lists]);
  const cells = new Array<number>(1 << lists.length).fill(0);
  let linked = 0;
  for (const row of histories.rows) {
    cells[row.history] = row.people;
    linked += row.people;
  }
  return { lists, cells, linked, unlinkedRecords: unlinked.rows[0]?.records ?? 0 };
}
