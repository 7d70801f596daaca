/**
 * Test data for the hidden-number page: a municipality with a manager and the other roles, and
 * inquiries and cases written as the owner (like the other factories, never through the code
 * under test) with person keys computed the case flow's way. A capture table is given as people
 * per combination of sources; each person becomes one or more records.
 */
import { randomUUID } from 'node:crypto';
import { personKey } from '../../src/features/inquiries/identity.js';
import type { SourceSector } from '../../src/features/darkfigure/schemas.js';
import type { AppDeps } from '../../src/platform/deps.js';
import { createTeam, createTenant, createUser, type TestTeam, type TestTenant, type TestUser } from '../support/factories.js';

export interface World {
  tenant: TestTenant;
  unit: TestTeam;
  manager: TestUser;
  adviser: TestUser;
  professional: TestUser;
  partner: TestUser;
}

export async function buildWorld(deps: AppDeps): Promise<World> {
  const tenant = await createTenant(deps);
  const unit = await createTeam(deps, tenant, { kind: 'unit' });
  const partnerTeam = await createTeam(deps, tenant, { kind: 'partner' });
  return {
    tenant,
    unit,
    manager: await createUser(deps, tenant, { role: 'manager', team: unit }),
    adviser: await createUser(deps, tenant, { role: 'adviser', team: unit }),
    professional: await createUser(deps, tenant, { role: 'professional', group: 'school_daycare' }),
    partner: await createUser(deps, tenant, { role: 'partner', team: partnerTeam }),
  };
}

let serial = 0;
/** A ten-digit stand-in for a CPR number, unique per call (only its keyed hash is stored). */
export function fakeCpr(): string {
  serial += 1;
  return String(1_000_000_000 + serial);
}

export interface RecordSpec {
  sector: SourceSector;
  cpr: string | null;
  receivedAt: Date;
  /** Write a case instead of an inquiry. */
  asCase?: boolean;
}

/** Writes inquiries (or cases) as the owner; returns nothing (the page reads them). */
export async function insertRecords(deps: AppDeps, world: World, records: RecordSpec[]): Promise<void> {
  for (const record of records) {
    const id = randomUUID();
    const key = record.cpr ? personKey(deps, world.tenant.id, record.cpr) : null;
    const reference = `${record.asCase ? 'S' : 'H'}-T-${id.slice(0, 12)}`;
    if (record.asCase) {
      await deps.db.unsafeOwnerQuery(
        `insert into cases (id, tenant_id, reference, owner_team_id, age_group, source_sector, person_key, opened_at)
         values ($1, $2, $3, $4, 'child', $5, $6, $7)`,
        [id, world.tenant.id, reference, world.unit.id, record.sector, key, record.receivedAt],
      );
    } else {
      await deps.db.unsafeOwnerQuery(
        `insert into inquiries (id, tenant_id, reference, kind, age_group, source_sector, team_id, person_key, received_at, status)
         values ($1, $2, $3, $4, 'child', $5, $6, $7, $8, 'closed')`,
        [id, world.tenant.id, reference, key ? 'concern' : 'consultation', record.sector, world.unit.id, key, record.receivedAt],
      );
    }
  }
}

/**
 * Records for a capture table: `cells[mask]` people seen by exactly the sources of `mask` (bit i =
 * `lists[i]`), each with a person key of her own, one record per source, all on `at`.
 */
export function recordsForCells(lists: readonly SourceSector[], cells: Record<number, number>, at: Date): RecordSpec[] {
  const records: RecordSpec[] = [];
  for (const [maskText, people] of Object.entries(cells)) {
    const mask = Number(maskText);
    for (let n = 0; n < people; n++) {
      const cpr = fakeCpr();
      lists.forEach((sector, i) => {
        if (mask & (1 << i)) records.push({ sector, cpr, receivedAt: at });
      });
    }
  }
  return records;
}

/** Cells as the dense array the engine's tables are built from. */
export function denseCells(k: number, cells: Record<number, number>): number[] {
  const dense = new Array<number>(1 << k).fill(0);
  for (const [mask, people] of Object.entries(cells)) dense[Number(mask)] = people;
  return dense;
}
