/** Human reference numbers per tenant and year: H-2025-00042 for inquiries, S-2025-00007 for cases. */
import { DateTime } from 'luxon';
import type { Tx } from '../../db/database.js';

const PREFIX = { inquiry: 'H', case: 'S' } as const;

/** The next reference; the counter row is locked until the transaction ends (short). */
export async function nextReference(tx: Tx, tenantId: string, kind: 'inquiry' | 'case', at: Date = new Date()): Promise<string> {
  const year = DateTime.fromJSDate(at, { zone: 'Europe/Copenhagen' }).year;
  const { rows } = await tx.query<{ value: number }>(
    `insert into reference_counters (tenant_id, kind, year, last_value) values ($1, $2, $3, 1)
     on conflict (tenant_id, kind, year) do update set last_value = reference_counters.last_value + 1
     returning last_value as value`,
    [tenantId, kind, year],
  );
  return `${PREFIX[kind]}-${year}-${String(rows[0].value).padStart(5, '0')}`;
}

/** Whether a search text looks like a reference number (case-insensitive, spaces allowed). */
export function parseReference(text: string): string | null {
  const match = /^\s*([hs])\s*-?\s*(\d{4})\s*-?\s*(\d{1,7})\s*$/i.exec(text);
  if (!match) return null;
  return `${match[1].toUpperCase()}-${match[2]}-${match[3].padStart(5, '0')}`;
}
