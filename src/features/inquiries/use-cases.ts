/**
 * Inquiries: sharing a concern, the reporter's status view, the receiving team's full view,
 * the triage inbox and its actions (answer a consultation, link to a known case, open a case,
 * forward), the receipt confirmation and the acute assessment that stop the legal clocks.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { defineRead, runRead, runReads, type Read } from '../../db/reads.js';
import { authorize } from '../../platform/access/policy.js';
import { AccessDeniedError, ConflictError, ValidationError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { clocksOf, startClocks, stopClocks, moveClocks } from '../clocks/clocks.js';
import type { AgeGroup } from '../clocks/rules.js';
import { openCase } from '../cases/use-cases.js';
import { cprBirthDate, cprHash, nameTokens, personKey, seal, sealOptional, unseal } from './identity.js';
import { inquiryPolicy, type InquiryAction, type InquiryResource } from './policy.js';
import { nextReference } from './reference.js';
import { InquiryInput as InquiryInputSchema, type InboxItem, type InquiryFullView, type InquiryInput, type InquiryStatusView } from './schemas.js';
import { parseOrThrow } from '../../platform/http/validation.js';

export { InquiryInput } from './schemas.js';

const NOTES = 'case-notes' as const;
const PERSONAL = 'personal-data' as const;
/** A new concern about the same person within this many months is flagged as a repeat. */
export const REPEAT_WINDOW_MONTHS = 12;

export interface CreatedInquiry {
  id: string;
  reference: string;
  kind: 'concern' | 'consultation' | 'citizen';
  acute: boolean;
  repeatOf: string | null;
}

async function receivingTeam(scope: Scope): Promise<string> {
  const { rows } = await scope.tx.query<{ id: string }>(`select id from teams where tenant_id = $1 and kind = 'unit' and active order by created_at limit 1`, [scope.tenant.id]);
  if (!rows[0]) throw new ValidationError([{ field: '_form', messageKey: 'inquiries.noUnit' }]);
  return rows[0].id;
}

/** The inquiry this reporter already made with this submission key, if any. */
async function inquiryMadeWith(scope: Scope, submissionKey: string): Promise<CreatedInquiry | null> {
  const { rows } = await scope.tx.query<CreatedInquiry>(
    `select id, reference, kind, acute, repeat_of_inquiry_id as "repeatOf" from inquiries where tenant_id = $1 and reporter_user_id = $2 and submission_key = $3`,
    [scope.tenant.id, scope.user().userId, submissionKey]);
  return rows[0] ?? null;
}

/**
 * Shares a concern (or an anonymous consultation, or a citizen's message) with the NSK unit.
 * Starts the legal clocks that apply, flags a repeat, and returns the reference number. A
 * submission key already used by this reporter returns the inquiry made with it instead.
 * The citizen site calls it with `{ sourceSector: 'citizen_site', ageGroup: 'unknown', description }`.
 * @param input validated here with `InquiryInput` (also accepts already-parsed input)
 */
export async function createInquiry(scope: Scope, input: InquiryInput): Promise<CreatedInquiry> {
  const actor = scope.user();
  authorize(inquiryPolicy, actor, 'create', null, { entityType: 'inquiry' });
  const data = parseOrThrow(InquiryInputSchema, input);
  const tenantId = scope.tenant.id;
  const { deps } = scope;
  if (data.submissionKey) {
    const made = await inquiryMadeWith(scope, data.submissionKey);
    if (made) return made;
  }
  const id = randomUUID();
  const teamId = await receivingTeam(scope);
  const reference = await nextReference(scope.tx, tenantId, 'inquiry');
  const identity = data.identity;
  const kind: CreatedInquiry['kind'] = data.sourceSector === 'citizen_site' ? 'citizen' : identity ? 'concern' : 'consultation';
  const acute = data.redFlags.length > 0;
  const hash = identity?.cpr ? cprHash(deps, tenantId, identity.cpr) : null;
  const receivedAt = new Date();
  const inserted = await scope.tx.query(
    `insert into inquiries (id, tenant_id, reference, kind, age_group, source_sector, reporter_user_id, reporter_team_id, team_id,
       subject_name_enc, name_tokens, cpr_enc, cpr_hash, person_key, birth_date, school_or_workplace_enc, district,
       forms, controllers, red_flags, acute, description_enc, observed_on, received_at, submission_key)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
     on conflict (tenant_id, reporter_user_id, submission_key) where submission_key is not null do nothing`,
    [
      id, tenantId, reference, kind, data.ageGroup, data.sourceSector, actor.userId, actor.teamId, teamId,
      identity ? seal(deps, PERSONAL, tenantId, id, 'name', identity.name) : null,
      identity ? nameTokens(deps, tenantId, identity.name) : [],
      identity?.cpr ? seal(deps, 'cpr-ciphertext', tenantId, id, 'cpr', identity.cpr) : null,
      hash, identity?.cpr ? personKey(deps, tenantId, identity.cpr) : null, identity?.cpr ? cprBirthDate(identity.cpr) : null,
      sealOptional(deps, PERSONAL, tenantId, id, 'school_or_workplace', identity?.schoolOrWorkplace), identity?.district ?? null,
      data.forms, data.controllers, data.redFlags, acute,
      seal(deps, NOTES, tenantId, id, 'description', data.description), data.observedOn ?? null,
      receivedAt, data.submissionKey ?? null,
    ],
  );
  if (inserted.rowCount === 0) {
    // The same key was sent at this very moment and its insert committed first (ours waited for
    // it): that inquiry stands, and this request answers with it.
    const made = await inquiryMadeWith(scope, data.submissionKey!);
    if (made) return made;
    throw new ConflictError();
  }
  let repeatOf: string | null = null;
  if (hash) {
    const since = DateTime.fromJSDate(receivedAt).minus({ months: REPEAT_WINDOW_MONTHS }).toJSDate();
    const { rows } = await scope.tx.query<{ id: string | null }>('select unsafe_inquiry_repeat_of($1, $2, $3, $4) as id', [tenantId, hash, since, id]);
    repeatOf = rows[0]?.id ?? null;
    if (repeatOf) await scope.tx.query('update inquiries set repeat_of_inquiry_id = $2 where id = $1', [id, repeatOf]);
  }
  await startClocks(scope.tx, 'inquiry_received', {
    tenantId, teamId, inquiryId: id, ageGroup: data.ageGroup as AgeGroup, kind, reporterIsProfessional: kind !== 'citizen',
  }, receivedAt);
  await scope.audit({ action: 'inquiry.create', entityType: 'inquiry', entityId: id, personId: identity ? id : null, details: { kind, acute, repeat: repeatOf !== null, sourceSector: data.sourceSector } });
  return { id, reference, kind, acute, repeatOf };
}

interface InquiryRow {
  id: string; reference: string; kind: InquiryFullView['kind']; ageGroup: InquiryFullView['ageGroup']; sourceSector: InquiryFullView['sourceSector'];
  reporterUserId: string | null; reporterName: string | null; teamId: string; teamName: string;
  subjectNameEnc: string | null; cprEnc: string | null; birthDate: string | null; schoolEnc: string | null; district: string | null;
  forms: string[]; controllers: string[]; redFlags: string[]; acute: boolean; observedOn: string | null; descriptionEnc: string; answerEnc: string | null;
  status: InquiryFullView['status']; outcome: string | null; repeatOf: string | null; caseId: string | null; caseReadable: boolean; caseClosedToActor: boolean;
  receivedAt: Date; acuteAssessedAt: Date | null; receiptConfirmedAt: Date | null; handledAt: Date | null; closedAt: Date | null;
  cprHash: string | null; version: number;
}

const SELECT_INQUIRY = `
  select i.id, i.reference, i.kind, i.age_group as "ageGroup", i.source_sector as "sourceSector", i.reporter_user_id as "reporterUserId",
         r.display_name as "reporterName", i.team_id as "teamId", t.name as "teamName", i.subject_name_enc as "subjectNameEnc", i.cpr_enc as "cprEnc",
         i.birth_date as "birthDate", i.school_or_workplace_enc as "schoolEnc", i.district, i.forms, i.controllers, i.red_flags as "redFlags", i.acute,
         to_char(i.observed_on, 'YYYY-MM-DD') as "observedOn", i.description_enc as "descriptionEnc", i.answer_enc as "answerEnc", i.status, i.outcome, i.repeat_of_inquiry_id as "repeatOf", i.case_id as "caseId",
         app_case_readable(i.case_id) as "caseReadable", app_case_closed_to_user(i.case_id) as "caseClosedToActor",
         i.received_at as "receivedAt", i.acute_assessed_at as "acuteAssessedAt", i.receipt_confirmed_at as "receiptConfirmedAt",
         i.handled_at as "handledAt", i.closed_at as "closedAt", i.cpr_hash as "cprHash", i.version
    from inquiries i join teams t on t.id = i.team_id left join users r on r.id = i.reporter_user_id
   where i.id = $1`;

function resourceOf(row: InquiryRow): InquiryResource {
  return { teamId: row.teamId, reporterUserId: row.reporterUserId, status: row.status, caseReadable: row.caseReadable, caseClosedToActor: row.caseClosedToActor };
}

/** Loads an inquiry the actor may act on, or answers 404 (audited as refused). */
async function requireInquiry(scope: Scope, id: string, action: InquiryAction): Promise<InquiryRow> {
  const rows = /^[0-9a-f-]{36}$/i.test(id) ? (await scope.tx.query<InquiryRow>(SELECT_INQUIRY, [id])).rows : [];
  const row = rows[0];
  if (!row) throw new AccessDeniedError({ action: `inquiry.${action}`, entityType: 'inquiry', entityId: id });
  authorize(inquiryPolicy, scope.user(), action, resourceOf(row), { entityType: 'inquiry', entityId: id });
  return row;
}

/**
 * Loads an inquiry for a triage decision taken from the version the user read. Another
 * adviser's decision since (the inquiry no longer waits) is an edit conflict (409: the form
 * comes back with the user's text) when the version moved on, and a clear 400 when the user read
 * it already handled. Only a user who may not triage the inquiry at all (another team, a role
 * that does not triage, an inquiry forwarded away) gets the audited 404.
 */
async function requireTriage(scope: Scope, id: string, version: number): Promise<InquiryRow> {
  const rows = /^[0-9a-f-]{36}$/i.test(id) ? (await scope.tx.query<InquiryRow>(SELECT_INQUIRY, [id])).rows : [];
  const row = rows[0];
  if (!row) throw new AccessDeniedError({ action: 'inquiry.triage', entityType: 'inquiry', entityId: id });
  authorize(inquiryPolicy, scope.user(), 'triage', { ...resourceOf(row), status: 'received' }, { entityType: 'inquiry', entityId: id });
  if (row.version !== version) throw new ConflictError();
  if (row.status !== 'received') throw new ValidationError([{ field: '_form', messageKey: 'inquiries.triage.alreadyHandled' }]);
  return row;
}

function statusView(row: Pick<InquiryRow, 'id' | 'reference' | 'status' | 'receivedAt' | 'receiptConfirmedAt' | 'handledAt' | 'closedAt'>): InquiryStatusView {
  // A forwarded inquiry waits in another team's inbox, but for its reporter it is being handled.
  const status = row.status === 'received' && row.handledAt ? 'being_handled' : row.status;
  return { id: row.id, reference: row.reference, status, receivedAt: row.receivedAt, receiptConfirmedAt: row.receiptConfirmedAt, handledAt: row.handledAt, closedAt: row.closedAt, view: 'status' };
}

/**
 * One inquiry: the full view for the receiving team (and teams with access to its case), the
 * status view for its reporter. Anyone else gets a 404.
 */
export async function getInquiry(scope: Scope, id: string): Promise<InquiryFullView | InquiryStatusView> {
  const actor = scope.user();
  const rows = /^[0-9a-f-]{36}$/i.test(id) ? (await scope.tx.query<InquiryRow>(SELECT_INQUIRY, [id])).rows : [];
  const row = rows[0];
  if (row && inquiryPolicy(actor, 'read_full', resourceOf(row))) return fullView(scope, row);
  if (row && inquiryPolicy(actor, 'read_status', resourceOf(row))) {
    await scope.audit({ action: 'inquiry.read_status', entityType: 'inquiry', entityId: id });
    return statusView(row);
  }
  throw new AccessDeniedError({ action: 'inquiry.read', entityType: 'inquiry', entityId: id });
}

async function fullView(scope: Scope, row: InquiryRow): Promise<InquiryFullView> {
  const open = (column: string, value: string | null, purpose: typeof NOTES | typeof PERSONAL) => unseal(scope.deps, purpose, scope.tenant.id, row.id, column, value);
  let repeatOf: InquiryFullView['repeatOf'] = null;
  if (row.repeatOf) {
    // The earlier inquiry may belong to another team: then only the fact of a repeat is shown,
    // not even its id.
    const { rows } = await scope.tx.query<{ reference: string; receivedAt: Date }>('select reference, received_at as "receivedAt" from inquiries where id = $1', [row.repeatOf]);
    repeatOf = rows[0] ? { id: row.repeatOf, reference: rows[0].reference, receivedAt: rows[0].receivedAt } : { id: null, reference: null, receivedAt: null };
  }
  const clocks = await clocksOf(scope.tx, { inquiryId: row.id });
  await scope.audit({ action: 'inquiry.read', entityType: 'inquiry', entityId: row.id, personId: row.subjectNameEnc ? row.id : null });
  return {
    id: row.id, reference: row.reference, kind: row.kind, status: row.status, outcome: row.outcome, ageGroup: row.ageGroup, sourceSector: row.sourceSector,
    teamId: row.teamId, teamName: row.teamName, reporterName: row.reporterName,
    identity: row.subjectNameEnc ? {
      name: open('name', row.subjectNameEnc, PERSONAL)!,
      cpr: row.cprEnc ? unseal(scope.deps, 'cpr-ciphertext', scope.tenant.id, row.id, 'cpr', row.cprEnc) : null,
      schoolOrWorkplace: open('school_or_workplace', row.schoolEnc, PERSONAL), district: row.district, birthDate: row.birthDate,
    } : null,
    forms: row.forms, controllers: row.controllers, redFlags: row.redFlags, acute: row.acute, observedOn: row.observedOn,
    description: open('description', row.descriptionEnc, NOTES)!, answer: open('answer', row.answerEnc, NOTES),
    repeatOf, caseId: row.caseId, receivedAt: row.receivedAt, acuteAssessedAt: row.acuteAssessedAt, receiptConfirmedAt: row.receiptConfirmedAt,
    handledAt: row.handledAt, closedAt: row.closedAt, clocks, version: row.version, view: 'full',
  };
}

/**
 * The triage inbox of the actor's team: inquiries not yet handled, acute first, then by the
 * nearest running clock, then oldest first.
 */
/** How many inquiries wait in the team's inbox, and how many of them are acute. */
/** How many inquiries wait in the team's inbox, and how many of them are acute. */
export function inboxCountRead(scope: Scope): Read<{ total: number; acute: number }> {
  const actor = scope.user();
  authorize(inquiryPolicy, actor, 'list_inbox', null, { entityType: 'inquiry' });
  return defineRead<{ total: number | null; acute: number | null }, { total: number; acute: number }>({
    // Counts only, through a function that skips the per-row policy check every one of the
    // team's own inquiries passes anyway (migration 0113).
    sql: 'select total, acute from unsafe_team_inbox_counts($1, $2)',
    params: [scope.tenant.id, actor.teamId],
    finish: (rows) => ({ total: rows[0]?.total ?? 0, acute: rows[0]?.acute ?? 0 }),
  });
}

function inboxRead(scope: Scope, options: { limit?: number; offset?: number }): Read<InboxItem[]> {
  const actor = scope.user();
  authorize(inquiryPolicy, actor, 'list_inbox', null, { entityType: 'inquiry' });
  return defineRead<InboxItem, InboxItem[]>({
    sql: `select i.id, i.reference, i.kind, i.age_group as "ageGroup", i.source_sector as "sourceSector", i.acute,
                 i.repeat_of_inquiry_id is not null as repeat, i.received_at as "receivedAt", i.next_due_at as "nextDueAt",
                 coalesce(i.next_due_at < now(), false) as overdue
            from inquiries i
           where i.tenant_id = $1 and i.team_id = $2 and i.status = 'received'
           order by i.acute desc, i.next_due_at asc nulls last, i.received_at asc, i.id
           limit $3 offset $4`,
    params: [scope.tenant.id, actor.teamId, options.limit ?? 200, options.offset ?? 0],
    dates: ['receivedAt', 'nextDueAt'],
    finish: async (rows) => {
      await scope.audit({ action: 'inquiry.list_inbox', entityType: 'inquiry', details: { count: rows.length, offset: options.offset ?? 0 } });
      return rows;
    },
  });
}

/** The team's inbox (acute first, then by the next clock) from `offset`, and how many wait in all. */
export async function listInbox(scope: Scope, options: { limit?: number; offset?: number } = {}): Promise<{ items: InboxItem[]; total: number }> {
  const { items, count } = await runReads(scope.tx, { count: inboxCountRead(scope), items: inboxRead(scope, options) });
  return { items, total: count.total };
}

/** One page of the inbox; a page number past the end gives the last page. */
export async function inboxPage(scope: Scope, options: { limit: number; page: number }): Promise<{ items: InboxItem[]; total: number; page: number; pages: number }> {
  const first = await listInbox(scope, { limit: options.limit, offset: (options.page - 1) * options.limit });
  const pages = Math.max(1, Math.ceil(first.total / options.limit));
  if (options.page <= pages) return { ...first, page: options.page, pages };
  // Only a page number past the end needs a second look.
  const items = await runRead(scope.tx, inboxRead(scope, { limit: options.limit, offset: (pages - 1) * options.limit }));
  return { items, total: first.total, page: pages, pages };
}

/** The reporter's own inquiries, newest first, as status views (never the content). */
export function myReportsRead(scope: Scope, options: { limit?: number } = {}): Read<InquiryStatusView[]> {
  const actor = scope.user();
  authorize(inquiryPolicy, actor, 'create', null, { entityType: 'inquiry' });
  return defineRead<InquiryRow, InquiryStatusView[]>({
    sql: `select id, reference, status, received_at as "receivedAt", receipt_confirmed_at as "receiptConfirmedAt", handled_at as "handledAt", closed_at as "closedAt"
            from inquiries where tenant_id = $1 and reporter_user_id = $2 order by received_at desc limit $3`,
    params: [scope.tenant.id, actor.userId, options.limit ?? 100],
    dates: ['receivedAt', 'receiptConfirmedAt', 'handledAt', 'closedAt'],
    finish: async (rows) => {
      await scope.audit({ action: 'inquiry.list_own', entityType: 'inquiry', details: { count: rows.length } });
      return rows.map(statusView);
    },
  });
}

export async function listMyReports(scope: Scope, options: { limit?: number } = {}): Promise<InquiryStatusView[]> {
  return runRead(scope.tx, myReportsRead(scope, options));
}

async function updateVersioned(scope: Scope, id: string, version: number, set: string, params: unknown[]): Promise<void> {
  const { rowCount } = await scope.tx.query(`update inquiries set ${set}, version = version + 1 where id = $1 and version = $2`, [id, version, ...params]);
  if (rowCount === 0) throw new ConflictError();
}

/** Records that the acute assessment (24 hours) has been made; stops its clock. */
export async function recordAcuteAssessment(scope: Scope, id: string, version: number): Promise<void> {
  const row = await requireInquiry(scope, id, 'confirm_receipt');
  if (row.acuteAssessedAt) throw new ValidationError([{ field: '_form', messageKey: 'inquiries.acute.alreadyAssessed' }]);
  await updateVersioned(scope, id, version, 'acute_assessed_at = now(), acute_assessed_by = $3', [scope.user().userId]);
  await stopClocks(scope.tx, { inquiryId: id }, 'acute_assessed', scope.user().userId);
  await scope.audit({ action: 'inquiry.acute_assessed', entityType: 'inquiry', entityId: id });
}

/** Confirms receipt to the reporter (the 6-working-day clock); the reporter sees the date. */
export async function confirmReceipt(scope: Scope, id: string, version: number): Promise<void> {
  const row = await requireInquiry(scope, id, 'confirm_receipt');
  if (row.receiptConfirmedAt) throw new ValidationError([{ field: '_form', messageKey: 'inquiries.receipt.alreadyConfirmed' }]);
  if (!row.reporterUserId) throw new ValidationError([{ field: '_form', messageKey: 'inquiries.receipt.noReporter' }]);
  await updateVersioned(scope, id, version, 'receipt_confirmed_at = now(), receipt_confirmed_by = $3', [scope.user().userId]);
  await stopClocks(scope.tx, { inquiryId: id }, 'receipt_confirmed', scope.user().userId);
  await scope.audit({ action: 'inquiry.receipt_confirmed', entityType: 'inquiry', entityId: id });
}

/** Any triage decision includes the acute assessment: its clock stops with it. */
async function triaged(scope: Scope, row: InquiryRow): Promise<void> {
  if (!row.acuteAssessedAt) {
    await scope.tx.query('update inquiries set acute_assessed_at = now(), acute_assessed_by = $2 where id = $1', [row.id, scope.user().userId]);
    await stopClocks(scope.tx, { inquiryId: row.id }, 'acute_assessed', scope.user().userId);
  }
}

/** Answers a consultation (or any inquiry that needs no case) and closes it. */
export async function answerInquiry(scope: Scope, id: string, input: { answer: string; version: number }): Promise<void> {
  const row = await requireTriage(scope, id, input.version);
  await updateVersioned(scope, id, input.version,
    `answer_enc = $3, status = 'closed', outcome = 'answered', handled_at = now(), closed_at = now()`,
    [seal(scope.deps, NOTES, scope.tenant.id, id, 'answer', input.answer)]);
  await triaged(scope, row);
  await scope.audit({ action: 'inquiry.answer', entityType: 'inquiry', entityId: id });
}

/** Opens a case from the inquiry (owned by the actor's team); returns the case id. */
export async function openCaseFromInquiry(scope: Scope, id: string, version: number): Promise<{ caseId: string; reference: string }> {
  const row = await requireTriage(scope, id, version);
  const subject = row.subjectNameEnc
    ? {
      name: unseal(scope.deps, PERSONAL, scope.tenant.id, id, 'name', row.subjectNameEnc),
      cpr: row.cprEnc ? unseal(scope.deps, 'cpr-ciphertext', scope.tenant.id, id, 'cpr', row.cprEnc) : null,
      birthDate: row.birthDate,
    }
    : null;
  const created = await openCase(scope, { inquiryId: id, ageGroup: row.ageGroup as AgeGroup, sourceSector: row.sourceSector, subject });
  await updateVersioned(scope, id, version, `case_id = $3, status = 'being_handled', outcome = 'case_opened', handled_at = now()`, [created.id]);
  await triaged(scope, row);
  await scope.audit({ action: 'inquiry.open_case', entityType: 'inquiry', entityId: id, details: { caseId: created.id } });
  return { caseId: created.id, reference: created.reference };
}

/**
 * Cases of the actor's team about the same person (same CPR hash), to link a new inquiry to.
 * Row-level security already limits this to cases the actor may see; other teams' cases
 * never appear, so nothing about them is revealed.
 */
export async function matchingCases(scope: Scope, id: string): Promise<{ id: string; reference: string; status: string; openedAt: Date }[]> {
  const row = await requireInquiry(scope, id, 'read_full');
  if (!row.cprHash) return [];
  const { rows } = await scope.tx.query<{ id: string; reference: string; status: string; openedAt: Date }>(
    `select c.id, c.reference, c.status, c.opened_at as "openedAt" from cases c
      where c.tenant_id = $1 and c.owner_team_id = $2
        and (c.cpr_hash = $3 or exists (select 1 from case_persons p where p.case_id = c.id and p.cpr_hash = $3))
      order by c.status, c.opened_at desc limit 20`,
    [scope.tenant.id, scope.user().teamId, row.cprHash]);
  return rows;
}

/** Links the inquiry to a case of the actor's team about the same person. */
export async function linkInquiry(scope: Scope, id: string, input: { caseId: string; version: number }): Promise<void> {
  const row = await requireTriage(scope, id, input.version);
  const candidates = await matchingCases(scope, id);
  if (!candidates.some((candidate) => candidate.id === input.caseId)) throw new ValidationError([{ field: 'caseId', messageKey: 'inquiries.link.notMatching' }]);
  await updateVersioned(scope, id, input.version, `case_id = $3, status = 'being_handled', outcome = 'linked', handled_at = now()`, [input.caseId]);
  await triaged(scope, row);
  await scope.tx.query(`insert into case_events (tenant_id, case_id, actor_user_id, kind, ref_id, details) values ($1, $2, $3, 'case.inquiry_linked', $4, $5)`,
    [scope.tenant.id, input.caseId, scope.user().userId, id, JSON.stringify({ inquiryId: id })]);
  await scope.tx.query('update cases set last_activity_at = now() where id = $1', [input.caseId]);
  await scope.audit({ action: 'inquiry.link', entityType: 'inquiry', entityId: id, details: { caseId: input.caseId } });
}

/** Forwards the inquiry to another department, which then triages it; clocks move along. */
export async function forwardInquiry(scope: Scope, id: string, input: { teamId: string; version: number }): Promise<void> {
  const row = await requireTriage(scope, id, input.version);
  const team = await scope.tx.query<{ kind: string; active: boolean }>('select kind, active from teams where id = $1', [input.teamId]);
  if (!team.rows[0] || !team.rows[0].active) throw new ValidationError([{ field: 'teamId', messageKey: 'inquiries.forward.teamNotFound' }]);
  if (input.teamId === row.teamId) throw new ValidationError([{ field: 'teamId', messageKey: 'inquiries.forward.ownTeam' }]);
  if (team.rows[0].kind === 'partner') throw new ValidationError([{ field: 'teamId', messageKey: 'inquiries.forward.partnerTeam' }]);
  await triaged(scope, row);
  await updateVersioned(scope, id, input.version, `team_id = $3, forwarded_from_team_id = $4, status = 'received', outcome = 'forwarded', handled_at = now()`, [input.teamId, row.teamId]);
  await moveClocks(scope.tx, { inquiryId: id }, input.teamId);
  await scope.audit({ action: 'inquiry.forward', entityType: 'inquiry', entityId: id, details: { teamId: input.teamId } });
}
