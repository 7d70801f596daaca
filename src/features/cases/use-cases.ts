/**
 * Working a case: opening it from an inquiry, reading it (every read audited with the subject
 * as the data subject), its details, persons and relations, the protected-person flag and named
 * users, the risk level with its history, notes, the "do not" list, the child assessment clock,
 * closing with aftercare and reopening. Tasks, handover and attachments have their own modules.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { authorize } from '../../platform/access/policy.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { selectLists, type ListQuery } from '../../db/lists.js';
import { defineRead, runRead, type Read } from '../../db/reads.js';
import { clockViews, CASE_CLOCKS_LIST, startClocks, stopClocks, ZONE, type ClockView } from '../clocks/clocks.js';
import { loadFlowRules, type AgeGroup } from '../clocks/rules.js';
import { cprHash, nameTokens, personKey, seal, sealOptional, unseal } from '../inquiries/identity.js';
import { nextReference } from '../inquiries/reference.js';
import { addEvent, CASE_ROW_LIST, caseRowParams, isCaseId, loadedCase, requireCase, requireCaseForStatusChange, requireCaseToManageAccess, type CaseRow, type LoadedCase } from './access.js';
import { casePolicy } from './policy.js';
import type { CaseDetail, CaseSummary, PersonInput, PersonUpdate, RelationInput } from './schemas.js';
import { CASE_TASKS_LIST, createTaskUnchecked, tasksFromRows, type TaskRow } from './tasks.js';

const NOTES = 'case-notes' as const;
const PERSONAL = 'personal-data' as const;

function openText(scope: Scope, rowId: string, column: string, sealed: string | null, purpose: typeof NOTES | typeof PERSONAL = NOTES): string | null {
  return unseal(scope.deps, purpose, scope.tenant.id, rowId, column, sealed);
}

export interface NewCaseSource {
  inquiryId: string;
  ageGroup: AgeGroup;
  sourceSector: string;
  subject: { name: string; cpr: string | null; birthDate: string | null } | null;
}

/** Opens a case owned by the actor's team from an inquiry (the inquiry's update is the caller's). */
export async function openCase(scope: Scope, source: NewCaseSource): Promise<{ id: string; reference: string }> {
  const actor = scope.user();
  authorize(casePolicy, actor, 'create', null, { entityType: 'case' });
  const id = randomUUID();
  const reference = await nextReference(scope.tx, scope.tenant.id, 'case');
  const cpr = source.subject?.cpr ?? null;
  await scope.tx.query(
    `insert into cases (id, tenant_id, reference, owner_team_id, age_group, source_sector, cpr_hash, person_key, opened_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, scope.tenant.id, reference, actor.teamId, source.ageGroup, source.sourceSector,
      cpr ? cprHash(scope.deps, scope.tenant.id, cpr) : null, cpr ? personKey(scope.deps, scope.tenant.id, cpr) : null, actor.userId],
  );
  let subjectId: string | null = null;
  if (source.subject) {
    subjectId = await insertPerson(scope, id, { role: 'subject', name: source.subject.name, cpr: source.subject.cpr ?? undefined, protection: 'none' }, source.subject.birthDate);
  }
  await addEvent(scope, id, 'case.opened', source.inquiryId, { inquiryId: source.inquiryId });
  await scope.audit({ action: 'case.create', entityType: 'case', entityId: id, personId: subjectId, details: { inquiryId: source.inquiryId } });
  return { id, reference };
}

async function insertPerson(scope: Scope, caseId: string, input: PersonInput, birthDate: string | null = null): Promise<string> {
  const id = randomUUID();
  const tenantId = scope.tenant.id;
  const { deps } = scope;
  await scope.tx.query(
    `insert into case_persons (id, tenant_id, case_id, role, name_enc, name_tokens, cpr_enc, cpr_hash, person_key, birth_date, address_enc, protection, note_enc, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      id, tenantId, caseId, input.role, seal(deps, PERSONAL, tenantId, id, 'name', input.name), nameTokens(deps, tenantId, input.name),
      input.cpr ? seal(deps, 'cpr-ciphertext', tenantId, id, 'cpr', input.cpr) : null,
      input.cpr ? cprHash(deps, tenantId, input.cpr) : null, input.cpr ? personKey(deps, tenantId, input.cpr) : null,
      birthDate ?? (input.cpr ? birthDateOf(input.cpr) : null),
      sealOptional(deps, PERSONAL, tenantId, id, 'address', input.address), input.protection,
      sealOptional(deps, PERSONAL, tenantId, id, 'note', input.note), scope.actor?.userId ?? null,
    ],
  );
  return id;
}

function birthDateOf(cpr: string): string | null {
  const day = cpr.slice(0, 2);
  const month = cpr.slice(2, 4);
  const yy = Number(cpr.slice(4, 6));
  const seventh = Number(cpr[6]);
  const century = seventh <= 3 ? 1900 : seventh === 4 || seventh === 9 ? (yy <= 36 ? 2000 : 1900) : yy <= 57 ? 2000 : 1800;
  return `${century + yy}-${month}-${day}`;
}

/** Keeps cases.protected equal to "a person on the case is protected"; names the actor first. */
async function syncProtection(scope: Scope, caseId: string): Promise<boolean> {
  const { rows } = await scope.tx.query<{ protected: boolean }>(
    `select exists (select 1 from case_persons where case_id = $1 and protection <> 'none') as protected`, [caseId]);
  const isProtected = rows[0].protected;
  if (isProtected) {
    await scope.tx.query(
      `insert into case_named_users (tenant_id, case_id, user_id, added_by) values ($1, $2, $3, $3) on conflict do nothing`,
      [scope.tenant.id, caseId, scope.user().userId],
    );
  }
  const { rowCount } = await scope.tx.query('update cases set protected = $2 where id = $1 and protected <> $2', [caseId, isProtected]);
  if (rowCount > 0) await addEvent(scope, caseId, isProtected ? 'case.protected_on' : 'case.protected_off');
  return isProtected;
}

/** The actor's cases: owned by her team or shared with it, open first, most recent activity first. */
/** Cases the actor's team owns or has been shared, most recently active first. */
export function casesRead(scope: Scope, options: { status?: 'open' | 'closed' | 'all'; limit?: number } = {}): Read<CaseSummary[]> {
  const actor = scope.user();
  authorize(casePolicy, actor, 'list', null, { entityType: 'case' });
  const status = options.status ?? 'open';
  // Own cases and cases shared with the team are taken newest first through their indexes and
  // cut to the limit before anything else is joined (an OR across the two would read every
  // case of the tenant). `status` is one of three fixed values, chosen here, never user text.
  const statusCondition = status === 'all' ? '' : `and c.status = '${status === 'closed' ? 'closed' : 'open'}'`;
  return defineRead<CaseSummary & { subjectId: string | null; subjectEnc: string | null }, CaseSummary[]>({
    sql: `with listed as (
       (select c.id, c.last_activity_at, 'owner'::text as access from cases c
         where c.tenant_id = $1 and c.owner_team_id = $2 ${statusCondition}
         order by c.last_activity_at desc limit $3)
       union all
       (select c.id, c.last_activity_at, s.access from case_shares s join cases c on c.id = s.case_id
         where s.tenant_id = $1 and s.team_id = $2 and s.revoked_at is null and c.owner_team_id <> $2 ${statusCondition}
         order by c.last_activity_at desc limit $3)
     ), newest as (select * from listed order by last_activity_at desc limit $3)
     select c.id, c.reference, c.status, t.name as "ownerTeamName", c.risk_level as "riskLevel", c.protected, c.last_activity_at as "lastActivityAt",
            n.access, p.id as "subjectId", p.name_enc as "subjectEnc"
       from newest n
       join cases c on c.id = n.id
       join teams t on t.id = c.owner_team_id
       left join case_persons p on p.case_id = c.id and p.role = 'subject'
      order by n.last_activity_at desc`,
    params: [scope.tenant.id, actor.teamId, options.limit ?? 200],
    dates: ['lastActivityAt'],
    finish: async (rows) => {
      await scope.audit({ action: 'case.list', entityType: 'case', details: { count: rows.length, status } });
      return rows.map(({ subjectId, subjectEnc, ...row }) => ({
        ...row,
        subjectName: subjectId && subjectEnc ? openText(scope, subjectId, 'name', subjectEnc, PERSONAL) : null,
      }));
    },
  });
}

export async function listCases(scope: Scope, options: { status?: 'open' | 'closed' | 'all'; limit?: number } = {}): Promise<CaseSummary[]> {
  return runRead(scope.tx, casesRead(scope, options));
}

type PersonRow = { id: string; role: string; nameEnc: string; cprEnc: string | null; birthDate: string | null; addressEnc: string | null; protection: string; noteEnc: string | null; version: number };
type CaseLists = {
  persons: PersonRow;
  relations: { id: string; fromPersonId: string; toPersonId: string; relation: string; controls: boolean };
  risks: { id: string; level: number; reasonEnc: string; assessmentId: string | null; recordedAt: Date; recordedByName: string | null };
  notes: { id: string; bodyEnc: string; authorName: string | null; createdAt: Date; editedAt: Date | null; version: number };
  doNot: { id: string; textEnc: string; createdAt: Date; version: number };
  attachments: { id: string; filenameEnc: string; mediaType: string; sizeBytes: number; uploadedAt: Date };
  events: { id: number; kind: string; occurredAt: Date; actorName: string | null; details: Record<string, unknown> };
  shares: { id: string; teamId: string; teamName: string; access: 'read' | 'write'; grantedAt: Date; version: number };
  transfers: { id: string; caseId: string; fromTeamId: string; toTeamId: string; toTeamName: string; status: 'pending'; handoverId: string; requestedAt: Date; decidedAt: Date | null; version: number };
  inquiries: { id: string; reference: string; receivedAt: Date };
  named: { id: string; name: string };
  tasks: TaskRow;
  clocks: Omit<ClockView, 'state'>;
};

/** Every list on a case page, $1 being the case id: sent as one statement (see db/lists.ts). */
const CASE_LISTS: { [K in keyof CaseLists]: ListQuery } = {
  persons: { sql: `select id, role, name_enc as "nameEnc", cpr_enc as "cprEnc", birth_date as "birthDate", address_enc as "addressEnc", protection, note_enc as "noteEnc", version
                     from case_persons where case_id = $1 order by case role when 'subject' then 0 when 'controller' then 1 when 'relative' then 2 else 3 end, created_at` },
  relations: { sql: `select id, from_person_id as "fromPersonId", to_person_id as "toPersonId", relation, controls from case_person_relations where case_id = $1 order by created_at` },
  risks: { sql: `select r.id, r.level, r.reason_enc as "reasonEnc", r.assessment_id as "assessmentId", r.recorded_at as "recordedAt", u.display_name as "recordedByName"
                   from case_risk_levels r left join users u on u.id = r.recorded_by where r.case_id = $1 order by r.recorded_at desc`, dates: ['recordedAt'] },
  notes: { sql: `select n.id, n.body_enc as "bodyEnc", u.display_name as "authorName", n.created_at as "createdAt", n.edited_at as "editedAt", n.version
                   from case_notes n left join users u on u.id = n.author_id where n.case_id = $1 order by n.created_at desc`, dates: ['createdAt', 'editedAt'] },
  doNot: { sql: `select id, text_enc as "textEnc", created_at as "createdAt", version from case_do_not where case_id = $1 and removed_at is null order by created_at`, dates: ['createdAt'] },
  attachments: { sql: `select id, filename_enc as "filenameEnc", media_type as "mediaType", size_bytes as "sizeBytes", uploaded_at as "uploadedAt"
                         from case_attachments where case_id = $1 and removed_at is null order by uploaded_at desc`, dates: ['uploadedAt'] },
  events: { sql: `select e.id, e.kind, e.occurred_at as "occurredAt", u.display_name as "actorName", e.details
                    from case_events e left join users u on u.id = e.actor_user_id where e.case_id = $1 order by e.occurred_at desc, e.id desc limit 500`, dates: ['occurredAt'] },
  shares: { sql: `select s.id, s.team_id as "teamId", t.name as "teamName", s.access, s.granted_at as "grantedAt", s.version
                    from case_shares s join teams t on t.id = s.team_id where s.case_id = $1 and s.revoked_at is null order by s.granted_at`, dates: ['grantedAt'] },
  transfers: { sql: `select tr.id, tr.case_id as "caseId", tr.from_team_id as "fromTeamId", tr.to_team_id as "toTeamId", t.name as "toTeamName", tr.status,
                            tr.handover_id as "handoverId", tr.requested_at as "requestedAt", tr.decided_at as "decidedAt", tr.version
                       from case_transfers tr join teams t on t.id = tr.to_team_id where tr.case_id = $1 and tr.status = 'pending'`, dates: ['requestedAt', 'decidedAt'] },
  inquiries: { sql: `select id, reference, received_at as "receivedAt" from inquiries where case_id = $1 order by received_at`, dates: ['receivedAt'] },
  named: { sql: `select u.id, u.display_name as name from case_named_users n join users u on u.id = n.user_id where n.case_id = $1 order by u.display_name` },
  tasks: CASE_TASKS_LIST,
  clocks: CASE_CLOCKS_LIST,
};

/** A case read with every list on it, not yet opened: see `fetchCase`. */
export interface FetchedCase<Extra extends Record<string, unknown> = Record<string, never>> {
  loaded: LoadedCase;
  lists: { [K in keyof CaseLists]: CaseLists[K][] };
  extra: { [K in keyof Extra]: Extra[K][] };
}

/**
 * A case, every list on it and the caller's `extra` lists (parameters $1 case, $2 team,
 * $3 user) in one statement (decision 0007). Row-level security limits the lists exactly as it
 * limits the case; nothing is decrypted and no read is audited until `caseDetail`, after the
 * policy has allowed the read. Null when the actor has no access to the case.
 */
export async function fetchCase<Extra extends Record<string, unknown> = Record<string, never>>(
  scope: Scope, caseId: string, extra: { [K in keyof Extra]: ListQuery } = {} as { [K in keyof Extra]: ListQuery },
): Promise<FetchedCase<Extra> | null> {
  if (!isCaseId(caseId)) return null;
  const all: Record<string, unknown[]> = await selectLists<Record<string, unknown>>(scope.tx, { caseRow: CASE_ROW_LIST, ...CASE_LISTS, ...extra }, caseRowParams(scope, caseId));
  const loaded = loadedCase(scope, all.caseRow[0] as CaseRow | undefined);
  if (!loaded) return null;
  const pick = (names: string[]) => Object.fromEntries(names.map((name) => [name, all[name]]));
  return { loaded, lists: pick(Object.keys(CASE_LISTS)) as unknown as FetchedCase['lists'], extra: pick(Object.keys(extra)) as unknown as FetchedCase<Extra>['extra'] };
}

/** Opens a fetched case after the policy allows the read, and audits the read. */
export async function caseDetail(scope: Scope, fetched: FetchedCase<Record<string, unknown>>): Promise<CaseDetail> {
  const { loaded, lists } = fetched;
  const caseId = loaded.row.id;
  authorize(casePolicy, scope.user(), 'read', loaded.resource, { entityType: 'case', entityId: caseId });
  const { row } = loaded;
  const { persons, relations, risks, notes, doNot, attachments, events, shares, inquiries, named } = lists;
  const tasks = tasksFromRows(scope, lists.tasks);
  const clocks = clockViews(lists.clocks);
  await scope.audit({ action: 'case.read', entityType: 'case', entityId: caseId, personId: row.subjectPersonId });
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    access: loaded.access,
    ownerTeamId: row.ownerTeamId,
    ownerTeamName: row.ownerTeamName,
    ageGroup: row.ageGroup,
    sourceSector: row.sourceSector,
    protected: row.protected,
    situation: openText(scope, row.id, 'situation', row.situationEnc),
    consentStatus: row.consentStatus,
    riskLevel: row.riskLevel,
    riskAssessedAt: row.riskAssessedAt,
    childAssessmentStartedAt: row.childAssessmentStartedAt,
    childAssessmentCompletedAt: row.childAssessmentCompletedAt,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
    closeReason: row.closeReason,
    closeOutcome: openText(scope, row.id, 'close_outcome', row.closeOutcomeEnc),
    doNot: doNot.map((item) => ({ id: item.id, text: openText(scope, item.id, 'text', item.textEnc)!, createdAt: item.createdAt, version: item.version })),
    persons: persons.map((person) => {
      const hidden = person.protection !== 'none';
      return {
        id: person.id,
        role: person.role as 'subject',
        name: openText(scope, person.id, 'name', person.nameEnc, PERSONAL)!,
        cpr: person.cprEnc ? unseal(scope.deps, 'cpr-ciphertext', scope.tenant.id, person.id, 'cpr', person.cprEnc) : null,
        birthDate: person.birthDate,
        address: hidden ? null : openText(scope, person.id, 'address', person.addressEnc, PERSONAL),
        addressHidden: hidden && person.addressEnc !== null,
        protection: person.protection as 'none',
        note: openText(scope, person.id, 'note', person.noteEnc, PERSONAL),
        version: person.version,
      };
    }),
    relations: relations.map((relation) => ({ ...relation, relation: relation.relation as 'other' })),
    riskHistory: risks.map((risk) => ({ level: risk.level, reason: openText(scope, risk.id, 'reason', risk.reasonEnc)!, assessmentId: risk.assessmentId, recordedAt: risk.recordedAt, recordedByName: risk.recordedByName })),
    notes: notes.map((note) => ({ id: note.id, body: openText(scope, note.id, 'body', note.bodyEnc)!, authorName: note.authorName, createdAt: note.createdAt, editedAt: note.editedAt, version: note.version })),
    tasks,
    attachments: attachments.map((file) => ({ id: file.id, filename: openText(scope, file.id, 'filename', file.filenameEnc, PERSONAL)!, mediaType: file.mediaType, sizeBytes: file.sizeBytes, uploadedAt: file.uploadedAt })),
    timeline: events,
    clocks,
    shares,
    pendingTransfer: lists.transfers[0] ?? null,
    inquiries,
    namedUsers: named,
    version: row.version,
  };
}

/**
 * The "do not" list alone (shown wherever the case is opened, also on the handover page), for a
 * case the caller has already authorized. Audited: it is case content about the person.
 */
export async function doNotList(scope: Scope, caseId: string): Promise<string[]> {
  const { rows } = await scope.tx.query<{ subjectId: string | null; items: { id: string; textEnc: string }[] }>(
    `select (select p.id from case_persons p where p.case_id = $1 and p.role = 'subject') as "subjectId",
            coalesce(json_agg(json_build_object('id', d.id, 'textEnc', d.text_enc) order by d.created_at), '[]'::json) as items
       from case_do_not d where d.case_id = $1 and d.removed_at is null`, [caseId]);
  const { subjectId, items } = rows[0] ?? { subjectId: null, items: [] };
  await scope.audit({ action: 'case.do_not.read', entityType: 'case', entityId: caseId, personId: subjectId, details: { count: items.length } });
  return items.map((item) => openText(scope, item.id, 'text', item.textEnc)!);
}

function conflictUnless(rowCount: number): void {
  if (rowCount === 0) throw new ConflictError();
}

/**
 * Loads the case for closing or reopening from the version the user read. Someone else having
 * closed (or reopened) it since is an edit conflict (409, the form comes back with the user's
 * text), not a refusal; a user who read the current version gets a clear 400. Only a user who
 * may not close or reopen the case at all gets the audited 404.
 */
async function requireStatusChange(scope: Scope, caseId: string, action: 'close' | 'reopen', version: number): Promise<LoadedCase> {
  const loaded = await requireCaseForStatusChange(scope, caseId, action);
  if (loaded.row.version !== version) throw new ConflictError();
  const wanted = action === 'close' ? 'open' : 'closed';
  if (loaded.row.status !== wanted) throw new ValidationError([{ field: '_form', messageKey: action === 'close' ? 'cases.close.notOpen' : 'cases.reopen.notClosed' }]);
  return loaded;
}

export async function updateCaseDetails(scope: Scope, caseId: string, input: { situation?: string; consentStatus: string; version: number }): Promise<void> {
  const { row } = await requireCase(scope, caseId, 'write');
  const { rowCount } = await scope.tx.query(
    'update cases set situation_enc = $3, consent_status = $4, version = version + 1 where id = $1 and version = $2',
    [caseId, input.version, sealOptional(scope.deps, NOTES, scope.tenant.id, caseId, 'situation', input.situation), input.consentStatus],
  );
  conflictUnless(rowCount);
  await addEvent(scope, caseId, 'case.details_updated', null, { consentStatus: input.consentStatus });
  await scope.audit({ action: 'case.update', entityType: 'case', entityId: caseId, personId: row.subjectPersonId });
}

export async function addPerson(scope: Scope, caseId: string, input: PersonInput): Promise<string> {
  await requireCase(scope, caseId, 'write');
  if (input.role === 'subject') {
    const { rows } = await scope.tx.query('select 1 from case_persons where case_id = $1 and role = $2', [caseId, 'subject']);
    if (rows.length > 0) throw new ValidationError([{ field: 'role', messageKey: 'cases.person.subjectExists' }]);
  }
  const id = await insertPerson(scope, caseId, input);
  if (input.role === 'subject' && input.cpr) {
    await scope.tx.query('update cases set cpr_hash = $2, person_key = $3 where id = $1', [caseId, cprHash(scope.deps, scope.tenant.id, input.cpr), personKey(scope.deps, scope.tenant.id, input.cpr)]);
  }
  await syncProtection(scope, caseId);
  await addEvent(scope, caseId, 'case.person_added', id, { role: input.role });
  await scope.audit({ action: 'case.person.create', entityType: 'case_person', entityId: id, personId: id, details: { caseId } });
  return id;
}

/**
 * Changes a person. A field left out (undefined) keeps its stored value, null clears it (see
 * `PersonUpdate`): a client that cannot read a protected person's address, or does not send the
 * CPR number back, must not erase them by leaving them out.
 */
export async function updatePerson(scope: Scope, caseId: string, personId: string, input: PersonUpdate): Promise<void> {
  await requireCase(scope, caseId, 'write');
  const { deps } = scope;
  const tenantId = scope.tenant.id;
  const keep = (value: unknown) => value === undefined;
  const cpr = input.cpr ?? null;
  // $6, $11 and $13 say "keep": the update then sets the column to itself.
  const { rows } = await scope.tx.query<{ protection: string }>(
    `update case_persons set name_enc = $4, name_tokens = $5,
            cpr_enc = case when $6 then cpr_enc else $7 end, cpr_hash = case when $6 then cpr_hash else $8 end,
            person_key = case when $6 then person_key else $9 end, birth_date = case when $6 then birth_date else $10::date end,
            address_enc = case when $11 then address_enc else $12 end, protection = coalesce($15, protection),
            note_enc = case when $13 then note_enc else $14 end, version = version + 1
      where id = $1 and case_id = $2 and version = $3
      returning protection`,
    [
      personId, caseId, input.version, seal(deps, PERSONAL, tenantId, personId, 'name', input.name), nameTokens(deps, tenantId, input.name),
      keep(input.cpr), cpr ? seal(deps, 'cpr-ciphertext', tenantId, personId, 'cpr', cpr) : null,
      cpr ? cprHash(deps, tenantId, cpr) : null, cpr ? personKey(deps, tenantId, cpr) : null, cpr ? birthDateOf(cpr) : null,
      keep(input.address), sealOptional(deps, PERSONAL, tenantId, personId, 'address', input.address),
      keep(input.note), sealOptional(deps, PERSONAL, tenantId, personId, 'note', input.note),
      input.protection ?? null,
    ],
  );
  if (rows.length === 0) {
    const exists = await scope.tx.query('select 1 from case_persons where id = $1 and case_id = $2', [personId, caseId]);
    if (exists.rows.length === 0) throw new NotFoundError();
    throw new ConflictError();
  }
  await syncProtection(scope, caseId);
  await addEvent(scope, caseId, 'case.person_updated', personId, { protection: rows[0].protection });
  await scope.audit({ action: 'case.person.update', entityType: 'case_person', entityId: personId, personId, details: { caseId } });
}

/** Shows a protected person's address to a named user, on purpose and logged. */
export async function revealAddress(scope: Scope, caseId: string, personId: string): Promise<string | null> {
  await requireCase(scope, caseId, 'read');
  const { rows } = await scope.tx.query<{ addressEnc: string | null }>('select address_enc as "addressEnc" from case_persons where id = $1 and case_id = $2', [personId, caseId]);
  if (!rows[0]) throw new NotFoundError();
  await scope.audit({ action: 'case.person.address_read', entityType: 'case_person', entityId: personId, personId, details: { caseId } });
  return openText(scope, personId, 'address', rows[0].addressEnc, PERSONAL);
}

/** Relates two persons on the case; the same relation twice is refused (like a second share with a team). */
export async function addRelation(scope: Scope, caseId: string, input: RelationInput): Promise<string> {
  await requireCase(scope, caseId, 'write');
  if (input.fromPersonId === input.toPersonId) throw new ValidationError([{ field: 'toPersonId', messageKey: 'cases.relation.samePerson' }]);
  const { rows } = await scope.tx.query<{ id: string }>('select id from case_persons where case_id = $1 and id = any($2::uuid[])', [caseId, [input.fromPersonId, input.toPersonId]]);
  const found = new Set(rows.map((row) => row.id));
  const fields = (['fromPersonId', 'toPersonId'] as const).filter((field) => !found.has(input[field])).map((field) => ({ field, messageKey: 'cases.relation.personNotOnCase' }));
  if (fields.length > 0) throw new ValidationError(fields);
  const same = await scope.tx.query(
    'select 1 from case_person_relations where case_id = $1 and from_person_id = $2 and to_person_id = $3 and relation = $4 and controls = $5',
    [caseId, input.fromPersonId, input.toPersonId, input.relation, input.controls]);
  if (same.rows.length > 0) throw new ValidationError([{ field: 'relation', messageKey: 'cases.relation.exists' }]);
  const id = randomUUID();
  await scope.tx.query(
    `insert into case_person_relations (id, tenant_id, case_id, from_person_id, to_person_id, relation, controls, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, scope.tenant.id, caseId, input.fromPersonId, input.toPersonId, input.relation, input.controls, scope.user().userId],
  );
  await addEvent(scope, caseId, 'case.relation_added', id, { relation: input.relation, controls: input.controls });
  await scope.audit({ action: 'case.relation.create', entityType: 'case', entityId: caseId, details: { relationId: id } });
  return id;
}

/**
 * Records a risk level with its reason on a case: the current level moves, the history keeps
 * every level. The screening feature (issue 4) calls this with the screening's id.
 * @param input.level 0 no signs, 1 concern, 2 negative social control, 3 acute danger
 */
export async function recordRiskLevel(scope: Scope, caseId: string, input: { level: 0 | 1 | 2 | 3 | number; reason: string; assessmentId?: string }): Promise<void> {
  const { row } = await requireCase(scope, caseId, 'write');
  if (![0, 1, 2, 3].includes(input.level)) throw new ValidationError([{ field: 'level', messageKey: 'validation.invalidChoice' }]);
  if (!input.reason || input.reason.trim() === '') throw new ValidationError([{ field: 'reason', messageKey: 'validation.required' }]);
  const id = randomUUID();
  await scope.tx.query(
    `insert into case_risk_levels (id, tenant_id, case_id, level, reason_enc, assessment_id, recorded_by) values ($1, $2, $3, $4, $5, $6, $7)`,
    [id, scope.tenant.id, caseId, input.level, seal(scope.deps, NOTES, scope.tenant.id, id, 'reason', input.reason.trim()), input.assessmentId ?? null, scope.user().userId],
  );
  await scope.tx.query('update cases set risk_level = $2, risk_assessed_at = now() where id = $1', [caseId, input.level]);
  await addEvent(scope, caseId, 'case.risk_recorded', id, { level: input.level, from: row.riskLevel, assessmentId: input.assessmentId ?? null });
  await scope.audit({ action: 'case.risk.create', entityType: 'case', entityId: caseId, personId: row.subjectPersonId, details: { level: input.level } });
}

export async function addNote(scope: Scope, caseId: string, body: string): Promise<string> {
  const { row } = await requireCase(scope, caseId, 'write');
  const id = randomUUID();
  await scope.tx.query(
    'insert into case_notes (id, tenant_id, case_id, body_enc, author_id) values ($1, $2, $3, $4, $5)',
    [id, scope.tenant.id, caseId, seal(scope.deps, NOTES, scope.tenant.id, id, 'body', body), scope.user().userId],
  );
  await addEvent(scope, caseId, 'case.note_added', id);
  await scope.audit({ action: 'case.note.create', entityType: 'case_note', entityId: id, personId: row.subjectPersonId, details: { caseId } });
  return id;
}

export async function updateNote(scope: Scope, caseId: string, noteId: string, input: { body: string; version: number }): Promise<void> {
  const { row } = await requireCase(scope, caseId, 'write');
  const { rowCount } = await scope.tx.query(
    'update case_notes set body_enc = $4, edited_at = now(), version = version + 1 where id = $1 and case_id = $2 and version = $3',
    [noteId, caseId, input.version, seal(scope.deps, NOTES, scope.tenant.id, noteId, 'body', input.body)],
  );
  if (rowCount === 0) {
    const exists = await scope.tx.query('select 1 from case_notes where id = $1 and case_id = $2', [noteId, caseId]);
    if (exists.rows.length === 0) throw new NotFoundError();
    throw new ConflictError();
  }
  await addEvent(scope, caseId, 'case.note_edited', noteId);
  await scope.audit({ action: 'case.note.update', entityType: 'case_note', entityId: noteId, personId: row.subjectPersonId, details: { caseId } });
}

/** A note's current text and version (for the edit form). */
export async function getNote(scope: Scope, caseId: string, noteId: string): Promise<{ id: string; body: string; version: number }> {
  const { row } = await requireCase(scope, caseId, 'read');
  const { rows } = await scope.tx.query<{ id: string; bodyEnc: string; version: number }>('select id, body_enc as "bodyEnc", version from case_notes where id = $1 and case_id = $2', [noteId, caseId]);
  if (!rows[0]) throw new NotFoundError();
  await scope.audit({ action: 'case.note.read', entityType: 'case_note', entityId: noteId, personId: row.subjectPersonId, details: { caseId } });
  return { id: noteId, body: openText(scope, noteId, 'body', rows[0].bodyEnc)!, version: rows[0].version };
}

export async function addDoNot(scope: Scope, caseId: string, text: string): Promise<string> {
  await requireCase(scope, caseId, 'write');
  const id = randomUUID();
  await scope.tx.query('insert into case_do_not (id, tenant_id, case_id, text_enc, created_by) values ($1, $2, $3, $4, $5)',
    [id, scope.tenant.id, caseId, seal(scope.deps, NOTES, scope.tenant.id, id, 'text', text), scope.user().userId]);
  await addEvent(scope, caseId, 'case.do_not_added', id);
  await scope.audit({ action: 'case.do_not.create', entityType: 'case', entityId: caseId, details: { itemId: id } });
  return id;
}

export async function removeDoNot(scope: Scope, caseId: string, itemId: string, version: number): Promise<void> {
  await requireCase(scope, caseId, 'write');
  const { rowCount } = await scope.tx.query(
    'update case_do_not set removed_at = now(), removed_by = $4, version = version + 1 where id = $1 and case_id = $2 and version = $3 and removed_at is null',
    [itemId, caseId, version, scope.user().userId]);
  if (rowCount === 0) {
    const exists = await scope.tx.query('select 1 from case_do_not where id = $1 and case_id = $2', [itemId, caseId]);
    if (exists.rows.length === 0) throw new NotFoundError();
    throw new ConflictError();
  }
  await addEvent(scope, caseId, 'case.do_not_removed', itemId);
  await scope.audit({ action: 'case.do_not.remove', entityType: 'case', entityId: caseId, details: { itemId } });
}

/** Names a user on a protected case (she must be in a team with access to the case). */
export async function addNamedUser(scope: Scope, caseId: string, userId: string): Promise<void> {
  const { row } = await requireCaseToManageAccess(scope, caseId);
  const { rows } = await scope.tx.query<{ ok: boolean }>(
    `select exists (select 1 from users u where u.id = $2 and u.active and u.role in ('adviser', 'caseworker', 'manager')
       and (u.team_id = $3 or exists (select 1 from case_shares s where s.case_id = $1 and s.team_id = u.team_id and s.revoked_at is null))) as ok`,
    [caseId, userId, row.ownerTeamId]);
  if (!rows[0].ok) throw new ValidationError([{ field: 'userId', messageKey: 'cases.named.notEligible' }]);
  await scope.tx.query('insert into case_named_users (tenant_id, case_id, user_id, added_by) values ($1, $2, $3, $4) on conflict do nothing',
    [scope.tenant.id, caseId, userId, scope.user().userId]);
  await addEvent(scope, caseId, 'case.named_user_added', userId);
  await scope.audit({ action: 'case.named_user.add', entityType: 'case', entityId: caseId, details: { userId } });
}

/** Starts the child assessment (børnefaglig undersøgelse) and its 4-month clock. */
/**
 * Takes a named user off a case. Refused for the acting user herself: she would lose the case
 * mid-action, and since only named users see a protected person's case, this rule alone keeps
 * at least one named user on it (the one acting).
 */
export async function removeNamedUser(scope: Scope, caseId: string, userId: string): Promise<void> {
  await requireCaseToManageAccess(scope, caseId);
  if (userId === scope.user().userId) throw new ValidationError([{ field: 'userId', messageKey: 'cases.named.notSelf' }]);
  const { rowCount } = await scope.tx.query('delete from case_named_users where case_id = $1 and user_id = $2', [caseId, userId]);
  if (rowCount === 0) throw new NotFoundError();
  await addEvent(scope, caseId, 'case.named_user_removed', userId);
  await scope.audit({ action: 'case.named_user.remove', entityType: 'case', entityId: caseId, details: { userId } });
}

export async function startChildAssessment(scope: Scope, caseId: string, version: number): Promise<void> {
  const { row } = await requireCase(scope, caseId, 'write');
  if (row.childAssessmentStartedAt) throw new ValidationError([{ field: '_form', messageKey: 'cases.childAssessment.alreadyStarted' }]);
  const { rowCount } = await scope.tx.query('update cases set child_assessment_started_at = now(), version = version + 1 where id = $1 and version = $2', [caseId, version]);
  conflictUnless(rowCount);
  await startClocks(scope.tx, 'child_assessment_started', { tenantId: scope.tenant.id, teamId: row.ownerTeamId, caseId, ageGroup: row.ageGroup as AgeGroup }, new Date());
  await addEvent(scope, caseId, 'case.child_assessment_started');
  await scope.audit({ action: 'case.child_assessment.start', entityType: 'case', entityId: caseId, personId: row.subjectPersonId });
}

export async function completeChildAssessment(scope: Scope, caseId: string, version: number): Promise<void> {
  const { row } = await requireCase(scope, caseId, 'write');
  if (!row.childAssessmentStartedAt || row.childAssessmentCompletedAt) throw new ValidationError([{ field: '_form', messageKey: 'cases.childAssessment.notRunning' }]);
  const { rowCount } = await scope.tx.query('update cases set child_assessment_completed_at = now(), version = version + 1 where id = $1 and version = $2', [caseId, version]);
  conflictUnless(rowCount);
  await stopClocks(scope.tx, { caseId }, 'child_assessment_completed', scope.user().userId);
  await addEvent(scope, caseId, 'case.child_assessment_completed');
  await scope.audit({ action: 'case.child_assessment.complete', entityType: 'case', entityId: caseId, personId: row.subjectPersonId });
}

/**
 * Closes a case with a reason and an outcome; with aftercare, schedules follow-up tasks at the
 * configured months after closing (default 1, 3, 6 and 12). Inquiries that led to the case show
 * "closed" to their reporters.
 */
export async function closeCase(scope: Scope, caseId: string, input: { reason: string; outcome: string; aftercare: boolean; version: number }): Promise<{ aftercareTasks: number }> {
  const { row } = await requireStatusChange(scope, caseId, 'close', input.version);
  const { rowCount } = await scope.tx.query(
    `update cases set status = 'closed', closed_at = now(), closed_by = $3, close_reason = $4, close_outcome_enc = $5, version = version + 1
      where id = $1 and version = $2 and status = 'open'`,
    [caseId, input.version, scope.user().userId, input.reason, seal(scope.deps, NOTES, scope.tenant.id, caseId, 'close_outcome', input.outcome)],
  );
  conflictUnless(rowCount);
  await stopClocks(scope.tx, { caseId }, 'all', scope.user().userId);
  await scope.tx.query(`update inquiries set status = 'closed', closed_at = now() where case_id = $1 and status <> 'closed'`, [caseId]);
  let aftercareTasks = 0;
  if (input.aftercare) {
    const rules = await loadFlowRules(scope.tx, scope.tenant.id);
    const today = DateTime.now().setZone(ZONE);
    for (const months of rules.aftercare.months) {
      await createTaskUnchecked(scope, caseId, {
        title: scope.t('cases.aftercare.taskTitle', { months }),
        dueDate: today.plus({ months }).toISODate()!,
        ownerUserId: scope.user().userId,
        source: 'aftercare',
      });
      aftercareTasks += 1;
    }
  }
  await addEvent(scope, caseId, 'case.closed', null, { reason: input.reason, aftercareTasks });
  await scope.audit({ action: 'case.close', entityType: 'case', entityId: caseId, personId: row.subjectPersonId, details: { reason: input.reason } });
  return { aftercareTasks };
}

export async function reopenCase(scope: Scope, caseId: string, input: { reason: string; version: number }): Promise<void> {
  const { row } = await requireStatusChange(scope, caseId, 'reopen', input.version);
  const { rowCount } = await scope.tx.query(
    `update cases set status = 'open', closed_at = null, closed_by = null, close_reason = null, close_outcome_enc = null, version = version + 1
      where id = $1 and version = $2 and status = 'closed'`, [caseId, input.version]);
  conflictUnless(rowCount);
  const noteId = await addNote(scope, caseId, `${scope.t('cases.reopen.notePrefix')} ${input.reason}`);
  await scope.tx.query(`update inquiries set status = 'being_handled', closed_at = null where case_id = $1`, [caseId]);
  await addEvent(scope, caseId, 'case.reopened', noteId);
  await scope.audit({ action: 'case.reopen', entityType: 'case', entityId: caseId, personId: row.subjectPersonId });
}

export type { LoadedCase };
