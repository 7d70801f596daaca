/**
 * Demo data for the hidden-number page: a plausible year (the last calendar year) of inquiries in "Demokommune" from six
 * sources, made by simulating a hidden population and letting each source "see" some of it.
 *
 * Every simulated person has an age group and a visibility of her own (some are seen by almost
 * nobody); each source sees people with its own probability by age group, and some sources lean
 * on each other (a school's concern often reaches child welfare, SSP/police and child welfare
 * share cases), so the overlaps are neither independent nor empty. People no source sees are
 * simply not written: they are the hidden number the page estimates. About one record in eight
 * carries no CPR number (anonymous consultations, concerns without a CPR number), so the page's
 * "not included" figure shows something too.
 *
 * The records are closed, answered inquiries with "DEMO" in every text, the district
 * "Mørketalsdemo" (the marker that they exist) and CPR numbers from the case flow's demo
 * generator (docs/decisions/0112-demo-data.md); person keys are computed by the case flow's own
 * `personKey`. Written as the owner in a few batched statements, so the seeder takes well under a
 * second.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Tx } from '../../db/database.js';
import { demoCpr } from '../cases/demo.js';
import { registerDemoSeeder, type DemoContext } from '../demo/registry.js';
import { cprHash, nameTokens, personKey, seal } from '../inquiries/identity.js';
import type { SourceSector } from './schemas.js';

/** The district value that marks the hidden-number demo records (and makes the seeder idempotent). */
export const DEMO_DISTRICT = 'Mørketalsdemo';
/** The simulated population (seen and unseen). */
const POPULATION = 700;
const SEED = 20260607;

type AgeGroup = 'child' | 'young_adult';

/** How likely each source is to see a person of each age group (before dependence and visibility). */
const SEEN_BY: Record<string, Record<AgeGroup, number>> = {
  school: { child: 0.26, young_adult: 0.05 },
  health_visitor: { child: 0.07, young_adult: 0.1 },
  child_welfare: { child: 0.16, young_adult: 0.05 },
  ssp_police: { child: 0.1, young_adult: 0.13 },
  job_centre: { child: 0.0, young_adult: 0.24 },
  civil_society: { child: 0.08, young_adult: 0.14 },
};
export const DEMO_SECTORS = Object.keys(SEEN_BY) as SourceSector[];

/** Which teams' staff usually report from a source (for the reporter team column). */
const REPORTING_TEAM: Record<string, string> = {
  school: 'school', health_visitor: 'health', child_welfare: 'child_welfare', ssp_police: 'unit', job_centre: 'job_centre', civil_society: 'partner',
};

/** mulberry32: the same demo year on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface DemoRecord {
  sector: SourceSector;
  ageGroup: AgeGroup;
  receivedAt: Date;
  person: { number: number; cpr: string; birth: string } | null;
}

/** Simulates the year: which source saw whom, and when. Pure, for the seeder and its test. */
export function simulateDemoYear(now: DateTime = DateTime.now().setZone('Europe/Copenhagen'), seed = SEED): DemoRecord[] {
  const random = seeded(seed);
  // The last calendar year that has ended: the page's default period (periods are calendar years).
  const start = now.minus({ years: 1 }).startOf('year');
  const days = Math.round(start.endOf('year').diff(start, 'days').days);
  const dayIn = () => start.plus({ days: Math.floor(random() * days), hours: 8 + Math.floor(random() * 8), minutes: Math.floor(random() * 60) }).toJSDate();
  const records: DemoRecord[] = [];
  const usedCpr = new Set<string>();
  for (let number = 1; number <= POPULATION; number++) {
    const ageGroup: AgeGroup = random() < 0.6 ? 'child' : 'young_adult';
    // Visibility: a third are hard to see for everyone (heterogeneity the model does not know).
    const visibility = random() < 0.33 ? 0.35 : 1.15;
    const seen = new Set<string>();
    for (const sector of DEMO_SECTORS) {
      let p = SEEN_BY[sector][ageGroup] * visibility;
      if (sector === 'child_welfare' && seen.has('school')) p += 0.35; // schools notify child welfare
      if (sector === 'ssp_police' && seen.has('child_welfare')) p += 0.12;
      if (sector === 'civil_society' && seen.has('job_centre')) p += 0.1; // mentors via the job centre
      if (random() < Math.min(p, 0.95)) seen.add(sector);
    }
    if (seen.size === 0) continue;
    const birthYear = ageGroup === 'child' ? 2008 + Math.floor(random() * 12) : 2000 + Math.floor(random() * 8);
    const birth = `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    let cpr = demoCpr(birth, random);
    while (usedCpr.has(cpr)) cpr = demoCpr(birth, random);
    usedCpr.add(cpr);
    for (const sector of seen) {
      const copies = random() < 0.2 ? 2 : 1; // some sources report the same person twice
      for (let copy = 0; copy < copies; copy++) {
        // One record in eight arrives without a CPR number and cannot be linked.
        const linked = random() >= 0.125;
        records.push({ sector: sector as SourceSector, ageGroup, receivedAt: dayIn(), person: linked ? { number, cpr, birth } : null });
      }
    }
  }
  return records.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

/** Reserves `count` reference numbers of a year in one statement; returns the first. */
async function reserveReferences(tx: Tx, tenantId: string, year: number, count: number): Promise<number> {
  const { rows } = await tx.query<{ last: number }>(
    `insert into reference_counters (tenant_id, kind, year, last_value) values ($1, 'inquiry', $2, $3)
     on conflict (tenant_id, kind, year) do update set last_value = reference_counters.last_value + $3
     returning last_value as last`,
    [tenantId, year, count],
  );
  return rows[0].last - count + 1;
}

async function seedDarkFigure(context: DemoContext): Promise<void> {
  const { tx, deps, tenantId, teams } = context;
  const existing = await tx.query('select 1 from inquiries where tenant_id = $1 and district = $2 limit 1', [tenantId, DEMO_DISTRICT]);
  if (existing.rows.length > 0) return;
  const records = simulateDemoYear();
  const byYear = new Map<number, DemoRecord[]>();
  for (const record of records) {
    const year = DateTime.fromJSDate(record.receivedAt, { zone: 'Europe/Copenhagen' }).year;
    byYear.set(year, [...(byYear.get(year) ?? []), record]);
  }
  const columns = {
    id: [] as string[], reference: [] as string[], kind: [] as string[], ageGroup: [] as string[], sector: [] as string[], reporterTeam: [] as (string | null)[],
    name: [] as (string | null)[], tokens: [] as string[], cpr: [] as (string | null)[], hash: [] as (string | null)[], key: [] as (string | null)[],
    birth: [] as (string | null)[], description: [] as string[], answer: [] as string[], receivedAt: [] as Date[],
  };
  for (const [year, inYear] of byYear) {
    let next = await reserveReferences(tx, tenantId, year, inYear.length);
    for (const record of inYear) {
      const id = randomUUID();
      const person = record.person;
      const name = person ? `Demoperson ${person.number} (DEMO)` : null;
      columns.id.push(id);
      columns.reference.push(`H-${year}-${String(next++).padStart(5, '0')}`);
      columns.kind.push(person ? 'concern' : 'consultation');
      columns.ageGroup.push(record.ageGroup);
      columns.sector.push(record.sector);
      columns.reporterTeam.push(teams[REPORTING_TEAM[record.sector]] ?? null);
      columns.name.push(name ? seal(deps, 'personal-data', tenantId, id, 'name', name) : null);
      // Postgres has no arrays of arrays of different lengths: tokens travel as one joined text.
      columns.tokens.push(name ? nameTokens(deps, tenantId, name).join(' ') : '');
      columns.cpr.push(person ? seal(deps, 'cpr-ciphertext', tenantId, id, 'cpr', person.cpr) : null);
      columns.hash.push(person ? cprHash(deps, tenantId, person.cpr) : null);
      columns.key.push(person ? personKey(deps, tenantId, person.cpr) : null);
      columns.birth.push(person?.birth ?? null);
      columns.description.push(seal(deps, 'case-notes', tenantId, id, 'description', 'DEMO: Fiktiv henvendelse fra året bag mørketalsberegningen.'));
      columns.answer.push(seal(deps, 'case-notes', tenantId, id, 'answer', 'DEMO: Besvaret og afsluttet (fiktiv).'));
      columns.receivedAt.push(record.receivedAt);
    }
  }
  await tx.query(
    `insert into inquiries (id, tenant_id, reference, kind, age_group, source_sector, reporter_team_id, team_id, subject_name_enc, name_tokens,
       cpr_enc, cpr_hash, person_key, birth_date, district, description_enc, answer_enc, status, outcome, received_at, acute_assessed_at,
       receipt_confirmed_at, handled_at, closed_at)
     select r.id, $1, r.reference, r.kind, r.age_group, r.sector, r.reporter_team, $2, r.name,
            coalesce(string_to_array(nullif(r.tokens, ''), ' '), '{}'), r.cpr, r.hash, r.key, r.birth, $3, r.description, r.answer,
            'closed', 'answered', r.received_at, r.received_at + interval '2 hours', r.received_at + interval '1 day',
            r.received_at + interval '3 days', r.received_at + interval '3 days'
       from unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::text[], $11::text[], $12::text[], $13::text[],
                   $14::text[], $15::date[], $16::text[], $17::text[], $18::timestamptz[])
         as r(id, reference, kind, age_group, sector, reporter_team, name, tokens, cpr, hash, key, birth, description, answer, received_at)`,
    [
      tenantId, teams.unit, DEMO_DISTRICT,
      columns.id, columns.reference, columns.kind, columns.ageGroup, columns.sector, columns.reporterTeam, columns.name, columns.tokens,
      columns.cpr, columns.hash, columns.key, columns.birth, columns.description, columns.answer, columns.receivedAt,
    ],
  );
}

registerDemoSeeder({ name: 'darkfigure', order: 60, seed: seedDarkFigure });
