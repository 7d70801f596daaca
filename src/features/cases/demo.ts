/**
 * Demo data for the case flow in "Demokommune": obviously fictional people ("Testpige Demo",
 * "Testkvinde Demo", …) across sources, in every state the pages show — an acute concern in the
 * inbox, an anonymous consultation, a repeat, a citizen's message, a case being worked with
 * persons, risk history, notes, tasks and a "do not" list, a transfer waiting for child welfare,
 * a protected person's case and a closed case in aftercare.
 *
 * CPR numbers: valid in format and date (so every validation path runs), generated from a fixed
 * seed with birth dates in the 2010s and serial numbers above 4000, and only ever used in the
 * demo tenant, whose pages carry the DEMO banner and a "DEMO – fiktiv" label on every person.
 * See docs/decisions/0112-demo-data.md.
 */
import type { Actor } from '../../platform/access/actor.js';
import { createScope, type Scope } from '../../platform/http/scope.js';
import { translator } from '../../platform/i18n/index.js';
import { registerDemoSeeder, type DemoContext } from '../demo/registry.js';
import { createInquiry, confirmReceipt, openCaseFromInquiry, recordAcuteAssessment } from '../inquiries/use-cases.js';
import { handOver } from './handover.js';
import { createTask } from './tasks.js';
import { localDateInDays } from '../clocks/clocks.js';
import { addDoNot, addNote, addPerson, addRelation, closeCase, recordRiskLevel, startChildAssessment } from './use-cases.js';

/** A small seeded generator (mulberry32), so the demo CPR numbers are the same on every run. */
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

/** Demo CPR numbers: DDMMYY from `birth` and a serial 4000–9999 (7th digit 4–9 = born 2000–2036). */
export function demoCpr(birth: string, random: () => number): string {
  const [year, month, day] = birth.split('-');
  const serial = 4000 + Math.floor(random() * 6000);
  return `${day}${month}${year.slice(2)}${serial}`;
}

// The scope of the demo user acting last: its buffered audit rows are written before the
// next user takes over (the request pipeline does this before committing a request).
let lastScope: Scope | null = null;

async function asUser(context: DemoContext, username: string): Promise<Scope> {
  if (lastScope) await lastScope.flushAudit();
  await context.tx.query('reset role');
  const { rows } = await context.tx.query<{ id: string; role: Actor['role']; teamId: string | null; displayName: string; group: Actor['professionalGroup'] }>(
    `select id, role, team_id as "teamId", display_name as "displayName", professional_group as "group" from users where tenant_id = $1 and username = $2`,
    [context.tenantId, username]);
  const user = rows[0];
  // Run as the application role, so row-level security applies exactly as in a request.
  await context.tx.query("select set_config('role', 'selvbestemt_app', true), set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)", [context.tenantId, user.id]);
  const actor: Actor = {
    kind: 'user', tenantId: context.tenantId, userId: user.id, username, displayName: user.displayName, role: user.role, teamId: user.teamId,
    professionalGroup: user.group, scopes: null, sessionId: null, csrfToken: null,
  };
  lastScope = createScope({
    tx: context.tx, deps: context.deps, tenant: { id: context.tenantId, slug: 'demo', name: 'Demokommune', isDemo: true, settings: {} },
    actor, lang: 'da', t: translator('da'), requestId: 'demo-seed', sessionStage: 'complete', clientAddress: '127.0.0.1',
  });
  return lastScope;
}

// Copenhagen dates: between 23:00 and 24:00 UTC the UTC date is already yesterday there.
const inDays = (days: number) => localDateInDays(days);

async function seedCases(context: DemoContext): Promise<void> {
  const existing = await context.tx.query('select 1 from inquiries where tenant_id = $1 limit 1', [context.tenantId]);
  if (existing.rows.length > 0) return;
  const random = seeded(20260101);
  const teacher = await asUser(context, 'laerer');
  const cpr = {
    pige: demoCpr('2012-03-15', random), pige2: demoCpr('2011-09-02', random), dreng: demoCpr('2013-06-21', random),
    kvinde: demoCpr('2003-11-30', random), beskyttet: demoCpr('2009-01-12', random),
  };

  // 1. A case being worked by the unit, with everything on it.
  const first = await createInquiry(teacher, {
    ageGroup: 'child', sourceSector: 'school', identity: { name: 'Testpige Demo', cpr: cpr.pige, schoolOrWorkplace: 'Demoskolen, 7. b', district: 'Østerbro (demo)' },
    forms: ['education_work_leisure', 'social_digital'], controllers: ['father', 'sibling'], redFlags: [],
    description: 'DEMO: Eleven må ikke deltage i lejrskole og svømning. Hun fortæller, at hendes storebror tjekker hendes telefon.',
  });
  let adviser = await asUser(context, 'raadgiver');
  await confirmReceipt(adviser, first.id, 1);
  const { caseId } = await openCaseFromInquiry(adviser, first.id, 2);
  const subject = (await context.tx.query<{ id: string }>(`select id from case_persons where case_id = $1 and role = 'subject'`, [caseId])).rows[0].id;
  const father = await addPerson(adviser, caseId, { role: 'controller', name: 'Testfar Demo', address: 'Demovej 1, 5000 Demoby', protection: 'none' });
  const brother = await addPerson(adviser, caseId, { role: 'controller', name: 'Testbror Demo', protection: 'none' });
  await addRelation(adviser, caseId, { fromPersonId: father, toPersonId: subject, relation: 'father', controls: true });
  await addRelation(adviser, caseId, { fromPersonId: brother, toPersonId: subject, relation: 'sibling', controls: true });
  await recordRiskLevel(adviser, caseId, { level: 1, reason: 'DEMO: Første samtale med skolen.' });
  await recordRiskLevel(adviser, caseId, { level: 2, reason: 'DEMO: Telefonen overvåges, og hun må ikke deltage i fritidsliv.' });
  await addDoNot(adviser, caseId, 'Kontakt ikke faren eller broren om henvendelsen');
  await addDoNot(adviser, caseId, 'Brug ikke familiemedlemmer som tolke');
  await addNote(adviser, caseId, 'DEMO: Samtale med Testpige på skolen. Hun vil gerne tale med nogen igen i næste uge.');
  await createTask(adviser, caseId, { title: 'Aftal ny samtale via klasselæreren', dueDate: inDays(3) });
  await createTask(adviser, caseId, { title: 'Lav fælles vurdering', dueDate: inDays(0) });
  await startChildAssessment(adviser, caseId, (await context.tx.query<{ version: number }>('select version from cases where id = $1', [caseId])).rows[0].version);

  // 2. A repeat concern about the same girl, waiting in the inbox (flagged).
  await createInquiry(await asUser(context, 'sundhedsplejerske'), {
    ageGroup: 'child', sourceSector: 'health_visitor', identity: { name: 'Testpige Demo', cpr: cpr.pige },
    forms: ['privacy'], controllers: ['father'], redFlags: [], description: 'DEMO: Ny bekymring fra sundhedsplejen om samme pige.',
  });

  // 3. An acute concern in the inbox.
  await createInquiry(await asUser(context, 'laerer'), {
    ageGroup: 'child', sourceSector: 'school', identity: { name: 'Testpige Eksempel', cpr: cpr.pige2, schoolOrWorkplace: 'Demoskolen, 8. a' },
    forms: ['partner_choice', 'isolation_threats'], controllers: ['father', 'family_abroad'], redFlags: ['travel_abroad', 'forced_marriage'],
    description: 'DEMO: Eleven siger, at hun skal på en lang rejse til familien i sommerferien og skal giftes. Hun er bange.',
  });

  // 4. An anonymous consultation and a citizen's message.
  await createInquiry(await asUser(context, 'sundhedsplejerske'), {
    ageGroup: 'young_adult', sourceSector: 'health_visitor', forms: ['partner_choice'], controllers: ['spouse_partner'], redFlags: [],
    description: 'DEMO: En ung mor fortæller, at svigerfamilien bestemmer, hvem hun må se. Hvordan kan jeg støtte hende?',
  });
  adviser = await asUser(context, 'raadgiver');
  await createInquiry(adviser, { ageGroup: 'unknown', sourceSector: 'citizen_site', description: 'DEMO: Anonym besked fra hjemmesiden: "Min veninde må ikke gå i byen med os."' });

  // 5. A case transferred to child welfare, waiting for acceptance.
  const boy = await createInquiry(teacher, {
    ageGroup: 'child', sourceSector: 'school', identity: { name: 'Testdreng Demo', cpr: cpr.dreng }, forms: ['abuse', 'generational_conflict'],
    controllers: ['mother', 'father'], redFlags: [], description: 'DEMO: Drengen har mærker på armene og siger, at han bliver straffet, når han ikke beder.',
  });
  adviser = await asUser(context, 'raadgiver2');
  await recordAcuteAssessment(adviser, boy.id, 1);
  const boyCase = await openCaseFromInquiry(adviser, boy.id, 2);
  await recordRiskLevel(adviser, boyCase.caseId, { level: 2, reason: 'DEMO: Fysisk afstraffelse beskrevet af drengen.' });
  await addDoNot(adviser, boyCase.caseId, 'Send ikke breve til hjemmet');
  await handOver(adviser, boyCase.caseId, {
    kind: 'transfer', teamId: context.teams.child_welfare, situation: 'DEMO: Drengen (11) beskriver fysisk afstraffelse i hjemmet.',
    done: 'DEMO: Samtale på skolen, akutvurdering foretaget, underretning modtaget.', contacts: 'DEMO: Klasselærer via skolens kontor.', consentStatus: 'not_required',
  });

  // 6. A protected person's case (address protection), open only to named users.
  const hidden = await createInquiry(await asUser(context, 'jobkonsulent'), {
    ageGroup: 'young_adult', sourceSector: 'job_centre', identity: { name: 'Testkvinde Beskyttet', cpr: cpr.beskyttet },
    forms: ['isolation_threats'], controllers: ['extended_family_dk'], redFlags: ['fleeing'], description: 'DEMO: Er flygtet fra familien og bor midlertidigt på krisecenter.',
  });
  adviser = await asUser(context, 'raadgiver');
  const hiddenCase = await openCaseFromInquiry(adviser, hidden.id, 1);
  await addPerson(adviser, hiddenCase.caseId, { role: 'relative', name: 'Testonkel Demo', address: 'Hemmelig adresse (demo)', protection: 'address_protection' });

  // 7. A closed case in aftercare.
  const woman = await createInquiry(await asUser(context, 'jobkonsulent'), {
    ageGroup: 'young_adult', sourceSector: 'job_centre', identity: { name: 'Testkvinde Demo', cpr: cpr.kvinde }, forms: ['education_work_leisure'],
    controllers: ['spouse_partner'], redFlags: [], description: 'DEMO: Må ikke tage imod praktikplads for ægtefællen.',
  });
  adviser = await asUser(context, 'raadgiver');
  const womanCase = await openCaseFromInquiry(adviser, woman.id, 1);
  await addNote(adviser, womanCase.caseId, 'DEMO: Mentor fundet, praktik startet. Hun ønsker at afslutte forløbet.');
  await closeCase(adviser, womanCase.caseId, { reason: 'goal_reached', outcome: 'DEMO: I praktik og har eget netværk.', aftercare: true, version: 1 });
  await lastScope?.flushAudit();
  lastScope = null;
  await context.tx.query("select set_config('app.tenant_id', '', true), set_config('app.user_id', '', true)");
  await context.tx.query('reset role');
}

registerDemoSeeder({ name: 'cases', order: 30, seed: seedCases });
