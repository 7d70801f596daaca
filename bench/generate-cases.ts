/**
 * Bulk data for the case-flow figures: per tenant 100,000 inquiries, 20,000 cases, 300,000
 * timeline events and 2,000,000 audit rows by default (issue 3), with the rest a real
 * installation has around them (persons, notes, tasks, risk levels, "do not" items, clocks).
 *
 * Rows that hold personal data are encrypted and hashed with the installation's own key ring in
 * Node (names, CPR numbers, notes — so the pages decrypt them as they would real data) and sent
 * in batches through `unnest`; pure volume (timeline events, clocks, audit rows) is made in SQL
 * with `generate_series`. Everything is fictional and generated from a fixed seed.
 *
 * The generated audit rows stand for years of history and are not sealed into the hash chain
 * (the sealer's window is moved past them), so the sealer does not spend the benchmark sealing
 * millions of rows; rows written while measuring are sealed as usual.
 *
 *   npx tsx bench/generate-cases.ts --help
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { cprHash, nameTokens, personKey, seal } from '../src/features/inquiries/identity.js';
import { loadOrCreateKeyRing, type KeyRing } from '../src/platform/crypto/keys.js';
import type { AppDeps } from '../src/platform/deps.js';

export interface GenerateOptions {
  tenants: number;
  inquiries: number;
  cases: number;
  events: number;
  audit: number;
  /** Use this existing tenant as the first one (its teams and users are added). */
  firstTenantId?: string;
  /** Existing users to put in the first tenant's unit team (e.g. the benchmark's logins). */
  unitUserIds?: string[];
  seed?: number;
  log?: (line: string) => void;
}

export interface GeneratedTenant {
  tenantId: string;
  unitTeamId: string;
  /** Open cases of the unit, to open in the benchmark. */
  sampleCaseIds: string[];
  /** Name words, CPR numbers and case references that exist, to search for. */
  sampleQueries: string[];
}

const FIRST = ['Amira', 'Sara', 'Fatima', 'Leyla', 'Noor', 'Aisha', 'Zainab', 'Mariam', 'Hana', 'Yasmin', 'Emma', 'Ida', 'Åse', 'Sofie', 'Ayşe', 'Elif', 'Hodan', 'Ifrah', 'Ali', 'Omar', 'Yusuf', 'Ahmed', 'Mustafa', 'Hassan', 'Søren', 'Mads', 'Emir', 'Kerem', 'Abdi', 'Bilal'];
const LAST = ['Hansen', 'Jensen', 'Nielsen', 'Møller', 'Sørensen', 'Ærø', 'Khan', 'Ahmadi', 'Hussein', 'Yılmaz', 'Demir', 'Mohamed', 'Abdullahi', 'Farah', 'Karimi', 'Rasmussen', 'Petersen', 'Andersen', 'Østergaard', 'Aaberg', 'Christensen', 'Larsen', 'Haddad', 'Nasser', 'Said', 'Osman', 'Warsame', 'Kaya', 'Çelik', 'Thomsen'];
const SECTORS = ['school', 'school', 'school', 'daycare', 'health_visitor', 'child_welfare', 'job_centre', 'ssp_police', 'security_consultant', 'civil_society', 'other'];
const FORMS = ['education_work_leisure', 'social_digital', 'religion_expression', 'privacy', 'partner_choice', 'abuse', 'isolation_threats', 'generational_conflict'];
const FLAGS = ['threats', 'travel_abroad', 'forced_marriage', 'locked_in', 'fleeing', 'self_harm'];
const BATCH = 4000;

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** A CPR number that passes validation: a birth date and a serial whose 7th digit fits the century. */
function fictionalCpr(random: () => number, birth: DateTime): string {
  const yy = birth.year % 100;
  const seventh = birth.year >= 2000 ? 4 + Math.floor(random() * 2) : Math.floor(random() * 4);
  const serial = `${seventh}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
  return `${birth.toFormat('ddMM')}${String(yy).padStart(2, '0')}${serial}`;
}

async function insertRows(db: Database, table: string, columns: [string, string][], rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const chunk = rows.slice(start, start + BATCH);
    const arrays = columns.map((_, index) => chunk.map((row) => row[index]));
    const unnest = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
    const select = columns.map(([name, type]) => (type === 'text' && name.endsWith('__array') ? `string_to_array(${name}, ',')` : name)).join(', ');
    const names = columns.map(([name]) => name.replace(/__array$/, '')).join(', ');
    await db.unsafeOwnerQuery(`insert into ${table} (${names}) select ${select} from unnest(${unnest}) as t(${columns.map(([name]) => name).join(', ')})`, arrays);
  }
}

async function one<Row>(db: Database, sql: string, params: unknown[] = []): Promise<Row> {
  return (await db.unsafeOwnerQuery<Row>(sql, params)).rows[0];
}

/** Generates the data for `options.tenants` tenants; returns what the benchmark needs to know. */
export async function generateCaseData(db: Database, keys: KeyRing, options: GenerateOptions): Promise<GeneratedTenant[]> {
  const log = options.log ?? (() => {});
  const deps = { keys } as AppDeps;
  const random = mulberry32(options.seed ?? 20260415);
  const result: GeneratedTenant[] = [];
  const now = DateTime.now().setZone('Europe/Copenhagen');
  for (let tenantIndex = 0; tenantIndex < options.tenants; tenantIndex++) {
    const started = performance.now();
    const tenantId = tenantIndex === 0 && options.firstTenantId ? options.firstTenantId
      : (await one<{ id: string }>(db, `insert into tenants (slug, name, hostnames) values ($1, $2, $3) returning id::text`,
        [`bench-${tenantIndex}-${randomUUID().slice(0, 8)}`, `Benchkommune ${tenantIndex + 1}`, [`bench${tenantIndex}-${randomUUID().slice(0, 8)}.test`]])).id;
    const team = async (name: string, kind: string) => (await one<{ id: string }>(db,
      `insert into teams (tenant_id, name, kind) values ($1, $2, $3) on conflict (tenant_id, lower(name)) do update set kind = excluded.kind returning id::text`, [tenantId, name, kind])).id;
    const unit = await team('NSK-enheden (bench)', 'unit');
    const bur = await team('Børne- og Ungerådgivningen (bench)', 'child_welfare');
    const job = await team('Jobcentret (bench)', 'job_centre');
    const schools = [await team('Skole A (bench)', 'school'), await team('Skole B (bench)', 'school'), await team('Skole C (bench)', 'school')];
    if (tenantIndex === 0 && options.unitUserIds?.length) await db.unsafeOwnerQuery('update users set team_id = $2 where id = any($1::uuid[])', [options.unitUserIds, unit]);
    const user = async (role: string, teamId: string, index: number) => (await one<{ id: string }>(db,
      `insert into users (tenant_id, username, display_name, role, team_id) values ($1, $2, $3, $4, $5) returning id::text`,
      [tenantId, `bench-${role}-${index}-${randomUUID().slice(0, 6)}`, `Bench ${role} ${index}`, role, teamId])).id;
    const advisers = [await user('adviser', unit, 1), await user('adviser', unit, 2), await user('adviser', unit, 3)];
    const caseworkers = [await user('caseworker', bur, 1), await user('caseworker', job, 2)];
    const reporters = await Promise.all(schools.map((school, index) => user('professional', school, index)));
    const staff = [...advisers, ...caseworkers];

    // Inquiries: most handled long ago, about 2 % waiting in an inbox, 5 % acute.
    const inquiryRows: unknown[][] = [];
    const concerns: { id: string; name: string; cpr: string; birth: string; ageGroup: string; sector: string; receivedAt: Date; teamId: string }[] = [];
    const perYear = new Map<number, number>();
    const sampleQueries: string[] = [];
    for (let i = 0; i < options.inquiries; i++) {
      const id = randomUUID();
      const daysAgo = i < options.inquiries * 0.02 ? random() * 20 : 20 + random() * 1080;
      const received = now.minus({ minutes: Math.floor(daysAgo * 1440) });
      const year = received.year;
      const seq = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, seq);
      const reference = `H-${year}-${String(seq).padStart(5, '0')}`;
      const roll = random();
      const kind = roll < 0.7 ? 'concern' : roll < 0.95 ? 'consultation' : 'citizen';
      const ageRoll = random();
      const ageGroup = kind === 'citizen' ? 'unknown' : ageRoll < 0.55 ? 'child' : ageRoll < 0.85 ? 'young_adult' : 'adult';
      const sector = kind === 'citizen' ? 'citizen_site' : pick(random, SECTORS);
      const waiting = i < options.inquiries * 0.02;
      const teamId = random() < 0.85 ? unit : bur;
      const acute = random() < 0.05;
      const flags = acute ? [pick(random, FLAGS)] : [];
      const forms = [pick(random, FORMS), pick(random, FORMS)].filter((value, index, all) => all.indexOf(value) === index);
      let name: string | null = null;
      let cpr: string | null = null;
      let birth: DateTime | null = null;
      if (kind === 'concern') {
        name = `${pick(random, FIRST)} ${pick(random, LAST)} ${pick(random, LAST)}`;
        const age = ageGroup === 'child' ? 3 + random() * 14 : ageGroup === 'young_adult' ? 18 + random() * 11 : 30 + random() * 30;
        birth = now.minus({ days: Math.floor(age * 365.25) }).startOf('day');
        cpr = fictionalCpr(random, birth);
        concerns.push({ id, name, cpr, birth: birth.toISODate()!, ageGroup, sector, receivedAt: received.toJSDate(), teamId });
        if (sampleQueries.length < 60 && random() < 0.01) sampleQueries.push(name.split(' ')[1], cpr, `${name.split(' ')[0]} ${name.split(' ')[1]}`);
      }
      const status = waiting ? 'received' : kind === 'concern' ? 'being_handled' : 'closed';
      inquiryRows.push([
        id, tenantId, reference, kind, ageGroup, sector, pick(random, reporters), teamId,
        name ? seal(deps, 'personal-data', tenantId, id, 'name', name) : null, name ? nameTokens(deps, tenantId, name).join(',') : '',
        cpr ? seal(deps, 'cpr-ciphertext', tenantId, id, 'cpr', cpr) : null, cpr ? cprHash(deps, tenantId, cpr) : null, cpr ? personKey(deps, tenantId, cpr) : null,
        birth ? birth.toISODate() : null, forms.join(','), flags.join(','), acute,
        seal(deps, 'case-notes', tenantId, id, 'description', `Fiktiv bekymring nummer ${i + 1} til belastningstest.`),
        status, waiting ? null : status === 'closed' ? 'answered' : 'case_opened', received.toJSDate(),
        waiting ? null : received.plus({ hours: 20 }).toJSDate(), status === 'closed' ? received.plus({ days: 3 }).toJSDate() : null,
      ]);
    }
    await insertRows(db, 'inquiries', [
      ['id', 'uuid'], ['tenant_id', 'uuid'], ['reference', 'text'], ['kind', 'text'], ['age_group', 'text'], ['source_sector', 'text'], ['reporter_user_id', 'uuid'], ['team_id', 'uuid'],
      ['subject_name_enc', 'text'], ['name_tokens__array', 'text'], ['cpr_enc', 'text'], ['cpr_hash', 'text'], ['person_key', 'text'], ['birth_date', 'date'],
      ['forms__array', 'text'], ['red_flags__array', 'text'], ['acute', 'boolean'], ['description_enc', 'text'], ['status', 'text'], ['outcome', 'text'],
      ['received_at', 'timestamptz'], ['handled_at', 'timestamptz'], ['closed_at', 'timestamptz'],
    ], inquiryRows);
    inquiryRows.length = 0;
    log(`  tenant ${tenantIndex + 1}: ${options.inquiries} inquiries (${Math.round(performance.now() - started)} ms)`);

    // Cases from the oldest handled concerns, with a subject, sometimes a controller, a note, a task, a risk level.
    const handled = concerns.filter((concern) => concern.receivedAt < now.minus({ days: 20 }).toJSDate()).slice(0, options.cases);
    const caseRows: unknown[][] = [];
    const personRows: unknown[][] = [];
    const noteRows: unknown[][] = [];
    const taskRows: unknown[][] = [];
    const riskRows: unknown[][] = [];
    const doNotRows: unknown[][] = [];
    const links: [string, string][] = [];
    const caseYear = new Map<number, number>();
    const sampleCaseIds: string[] = [];
    for (const concern of handled) {
      const caseId = randomUUID();
      const openedAt = DateTime.fromJSDate(concern.receivedAt).plus({ days: 1 });
      const year = openedAt.setZone('Europe/Copenhagen').year;
      const seq = (caseYear.get(year) ?? 0) + 1;
      caseYear.set(year, seq);
      const ownerRoll = random();
      const owner = ownerRoll < 0.6 ? unit : ownerRoll < 0.9 ? bur : job;
      const open = random() < 0.7;
      const level = Math.floor(random() * 4);
      caseRows.push([caseId, tenantId, `S-${year}-${String(seq).padStart(5, '0')}`, owner, open ? 'open' : 'closed', concern.ageGroup, concern.sector,
        cprHash(deps, tenantId, concern.cpr), personKey(deps, tenantId, concern.cpr), level, openedAt.plus({ days: 2 }).toJSDate(), openedAt.toJSDate(),
        open ? null : openedAt.plus({ days: 120 }).toJSDate(), open ? null : 'goal_reached', open ? openedAt.plus({ days: 30 }).toJSDate() : openedAt.plus({ days: 120 }).toJSDate()]);
      links.push([concern.id, caseId]);
      const subjectId = randomUUID();
      personRows.push([subjectId, tenantId, caseId, 'subject', seal(deps, 'personal-data', tenantId, subjectId, 'name', concern.name), nameTokens(deps, tenantId, concern.name).join(','),
        seal(deps, 'cpr-ciphertext', tenantId, subjectId, 'cpr', concern.cpr), cprHash(deps, tenantId, concern.cpr), personKey(deps, tenantId, concern.cpr), concern.birth]);
      if (random() < 0.3) {
        const controllerId = randomUUID();
        const controllerName = `${pick(random, FIRST)} ${concern.name.split(' ').slice(1).join(' ')}`;
        personRows.push([controllerId, tenantId, caseId, 'controller', seal(deps, 'personal-data', tenantId, controllerId, 'name', controllerName), nameTokens(deps, tenantId, controllerName).join(','), null, null, null, null]);
      }
      const noteId = randomUUID();
      noteRows.push([noteId, tenantId, caseId, seal(deps, 'case-notes', tenantId, noteId, 'body', 'Fiktivt notat: samtale gennemført, aftalt opfølgning.'), pick(random, staff), openedAt.plus({ days: 3 }).toJSDate()]);
      const taskId = randomUUID();
      taskRows.push([taskId, tenantId, caseId, seal(deps, 'case-notes', tenantId, taskId, 'title', 'Opfølgende samtale'), owner === unit ? pick(random, advisers) : pick(random, caseworkers),
        now.plus({ days: Math.floor(random() * 60) - 10 }).toISODate(), open ? 'open' : 'done', openedAt.toJSDate()]);
      const riskId = randomUUID();
      riskRows.push([riskId, tenantId, caseId, level, seal(deps, 'case-notes', tenantId, riskId, 'reason', 'Fiktiv vurdering.'), openedAt.plus({ days: 2 }).toJSDate()]);
      if (random() < 0.25) {
        const doNotId = randomUUID();
        doNotRows.push([doNotId, tenantId, caseId, seal(deps, 'case-notes', tenantId, doNotId, 'text', 'Kontakt ikke familien direkte')]);
      }
      if (owner === unit && open && sampleCaseIds.length < 200) sampleCaseIds.push(caseId);
      if (sampleQueries.length < 90 && random() < 0.003) sampleQueries.push(`S-${year}-${String(seq).padStart(5, '0')}`);
    }
    await insertRows(db, 'cases', [['id', 'uuid'], ['tenant_id', 'uuid'], ['reference', 'text'], ['owner_team_id', 'uuid'], ['status', 'text'], ['age_group', 'text'], ['source_sector', 'text'],
      ['cpr_hash', 'text'], ['person_key', 'text'], ['risk_level', 'smallint'], ['risk_assessed_at', 'timestamptz'], ['opened_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['close_reason', 'text'], ['last_activity_at', 'timestamptz']], caseRows);
    await insertRows(db, 'case_persons', [['id', 'uuid'], ['tenant_id', 'uuid'], ['case_id', 'uuid'], ['role', 'text'], ['name_enc', 'text'], ['name_tokens__array', 'text'], ['cpr_enc', 'text'], ['cpr_hash', 'text'], ['person_key', 'text'], ['birth_date', 'date']], personRows);
    await insertRows(db, 'case_notes', [['id', 'uuid'], ['tenant_id', 'uuid'], ['case_id', 'uuid'], ['body_enc', 'text'], ['author_id', 'uuid'], ['created_at', 'timestamptz']], noteRows);
    await insertRows(db, 'case_tasks', [['id', 'uuid'], ['tenant_id', 'uuid'], ['case_id', 'uuid'], ['title_enc', 'text'], ['owner_user_id', 'uuid'], ['due_date', 'date'], ['status', 'text'], ['created_at', 'timestamptz']], taskRows);
    await insertRows(db, 'case_risk_levels', [['id', 'uuid'], ['tenant_id', 'uuid'], ['case_id', 'uuid'], ['level', 'smallint'], ['reason_enc', 'text'], ['recorded_at', 'timestamptz']], riskRows);
    await insertRows(db, 'case_do_not', [['id', 'uuid'], ['tenant_id', 'uuid'], ['case_id', 'uuid'], ['text_enc', 'text']], doNotRows);
    for (let start = 0; start < links.length; start += BATCH) {
      const chunk = links.slice(start, start + BATCH);
      await db.unsafeOwnerQuery(`update inquiries i set case_id = l.case_id from unnest($1::uuid[], $2::uuid[]) as l(inquiry_id, case_id) where i.id = l.inquiry_id`, [chunk.map((l) => l[0]), chunk.map((l) => l[1])]);
    }
    log(`  tenant ${tenantIndex + 1}: ${caseRows.length} cases with persons, notes, tasks, risk levels (${Math.round(performance.now() - started)} ms)`);

    // Volume in SQL: the timeline, the clocks of concerns about children, and the audit log.
    const perCase = Math.max(1, Math.round(options.events / Math.max(1, caseRows.length)));
    await db.unsafeOwnerQuery(
      `insert into case_events (tenant_id, case_id, occurred_at, actor_user_id, kind, details)
       select c.tenant_id, c.id, c.opened_at + (g * interval '3 days'), ($3::uuid[])[1 + (g % array_length($3::uuid[], 1))],
              ($4::text[])[1 + (g % array_length($4::text[], 1))], '{}'::jsonb
         from cases c cross join generate_series(1, $2::int) as g where c.tenant_id = $1`,
      [tenantId, perCase, staff, ['case.note_added', 'case.task_created', 'case.risk_recorded', 'case.details_updated', 'case.person_added', 'case.task_status']]);
    await db.unsafeOwnerQuery(
      `insert into clocks (tenant_id, inquiry_id, team_id, rule_key, rule_version, started_at, due_at, stopped_at)
       select i.tenant_id, i.id, i.team_id, k.key, 1, i.received_at, i.received_at + k.span, case when i.status = 'received' then null else i.received_at + interval '20 hours' end
         from inquiries i cross join (values ('clock.acute_assessment', interval '24 hours'), ('clock.receipt_confirmation', interval '8 days')) as k(key, span)
        where i.tenant_id = $1 and i.kind = 'concern' and i.age_group = 'child'`, [tenantId]);
    await db.unsafeOwnerQuery(
      `update inquiries i set next_due_at = k.due from (select inquiry_id, min(due_at) as due from clocks where tenant_id = $1 and stopped_at is null group by inquiry_id) k
        where i.id = k.inquiry_id`, [tenantId]);
    const allUsers = [...staff, ...reporters];
    await db.unsafeOwnerQuery(
      `insert into audit_events (tenant_id, occurred_at, actor_kind, actor_user_id, action, outcome, entity_type, entity_id, details)
       select $1, now() - (g * interval '47 seconds'), 'user', ($3::uuid[])[1 + (g % array_length($3::uuid[], 1))],
              ($4::text[])[1 + (g % array_length($4::text[], 1))], 'ok', 'case', null, '{}'::jsonb
         from generate_series(1, $2::int) as g`,
      [tenantId, options.audit, allUsers, ['case.read', 'inquiry.list_inbox', 'case.list', 'inquiry.read', 'case.search', 'page.home.view']]);
    await db.unsafeOwnerQuery(
      `insert into reference_counters (tenant_id, kind, year, last_value)
       select tenant_id, 'inquiry', split_part(reference, '-', 2)::int, max(split_part(reference, '-', 3)::int) from inquiries where tenant_id = $1 group by 1, 3
       union all
       select tenant_id, 'case', split_part(reference, '-', 2)::int, max(split_part(reference, '-', 3)::int) from cases where tenant_id = $1 group by 1, 3
       on conflict (tenant_id, kind, year) do update set last_value = greatest(reference_counters.last_value, excluded.last_value)`, [tenantId]);
    log(`  tenant ${tenantIndex + 1}: events, clocks, ${options.audit} audit rows (${Math.round(performance.now() - started)} ms)`);
    result.push({ tenantId, unitTeamId: unit, sampleCaseIds, sampleQueries });
  }
  // Historic audit rows are not chained (see the file comment): move the sealer past them.
  await db.unsafeOwnerQuery('update audit_sealer_state set last_xmin = pg_snapshot_xmin(pg_current_snapshot()) where id = 1');
  // A database in use has been vacuumed since its rows arrived (autovacuum on PostgreSQL, the
  // nightly maintenance job on PGlite), so its visibility map allows index-only scans.
  for (const table of ['inquiries', 'cases', 'case_persons', 'case_events', 'case_notes', 'case_tasks', 'clocks', 'audit_events', 'case_risk_levels', 'case_do_not']) {
    await db.unsafeOwnerQuery(`vacuum (analyze) ${table}`);
  }
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h' },
      'database-url': { type: 'string' },
      'pglite-dir': { type: 'string' },
      'key-file': { type: 'string' },
      tenants: { type: 'string', default: '10' },
      inquiries: { type: 'string', default: '100000' },
      cases: { type: 'string', default: '20000' },
      events: { type: 'string', default: '300000' },
      audit: { type: 'string', default: '2000000' },
    },
  });
  if (values.help || (!values['database-url'] && !values['pglite-dir'])) {
    console.log(`Usage: npx tsx bench/generate-cases.ts (--database-url URL | --pglite-dir DIR) [options]

Fills a Selvbestemt database (migrated first) with fictional case-flow data for benchmarks.
  --database-url URL   PostgreSQL database to fill (e.g. a scratch database; never production)
  --pglite-dir DIR     embedded database folder to fill instead (the server must not be running)
  --key-file FILE      the installation's key file (default DIR/secrets.json or ./data/secrets.json);
                       the data is encrypted with it, so the server can read it
  --tenants N          municipalities to create (default 10)
  --inquiries N        inquiries per tenant (default 100000)
  --cases N            cases per tenant (default 20000)
  --events N           timeline events per tenant (default 300000)
  --audit N            audit rows per tenant (default 2000000)`);
    process.exit(values.help ? 0 : 2);
  }
  const keyFile = values['key-file'] ?? (values['pglite-dir'] ? join(values['pglite-dir'], '..', 'secrets.json') : './data/secrets.json');
  const keys = loadOrCreateKeyRing(keyFile);
  const db = values['database-url'] ? openPostgres(values['database-url'], 4) : await openPglite({ dataDir: values['pglite-dir'] });
  try {
    await migrate(db);
    const started = performance.now();
    const tenants = await generateCaseData(db, keys, {
      tenants: Number(values.tenants), inquiries: Number(values.inquiries), cases: Number(values.cases), events: Number(values.events), audit: Number(values.audit),
      log: (line) => console.log(line),
    });
    console.log(`Generated ${tenants.length} tenant(s) in ${Math.round((performance.now() - started) / 1000)} s (key file ${keyFile}).`);
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
