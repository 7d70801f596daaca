/**
 * Loads a case with the actor's access to it and checks the policy. Row-level security
 * already hides cases the user may not see; a case that is hidden, missing or refused by the
 * policy answers 404 and the refusal is audited.
 */
import type { ListQuery } from '../../db/lists.js';
import { authorize } from '../../platform/access/policy.js';
import { AccessDeniedError, ConflictError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { casePolicy, type CaseAccess, type CaseAction, type CaseResource } from './policy.js';

export interface CaseRow {
  id: string;
  reference: string;
  ownerTeamId: string;
  ownerTeamName: string;
  status: 'open' | 'closed';
  ageGroup: string;
  sourceSector: string;
  protected: boolean;
  situationEnc: string | null;
  consentStatus: 'not_asked' | 'given' | 'refused' | 'not_required';
  riskLevel: number | null;
  riskAssessedAt: Date | null;
  childAssessmentStartedAt: Date | null;
  childAssessmentCompletedAt: Date | null;
  openedAt: Date;
  closedAt: Date | null;
  closeReason: string | null;
  closeOutcomeEnc: string | null;
  cprHash: string | null;
  personKey: string | null;
  subjectPersonId: string | null;
  version: number;
  shareAccess: 'read' | 'write' | null;
  pendingTransfer: boolean;
  latestHandoverId: string | null;
  acknowledged: boolean;
  named: boolean;
}

export interface LoadedCase {
  row: CaseRow;
  resource: CaseResource;
  access: CaseAccess;
}

const SELECT_CASE = `
  select c.id, c.reference, c.owner_team_id as "ownerTeamId", t.name as "ownerTeamName", c.status, c.age_group as "ageGroup",
         c.source_sector as "sourceSector", c.protected, c.situation_enc as "situationEnc", c.consent_status as "consentStatus",
         c.risk_level as "riskLevel", c.risk_assessed_at as "riskAssessedAt",
         c.child_assessment_started_at as "childAssessmentStartedAt", c.child_assessment_completed_at as "childAssessmentCompletedAt",
         c.opened_at as "openedAt", c.closed_at as "closedAt", c.close_reason as "closeReason", c.close_outcome_enc as "closeOutcomeEnc",
         c.cpr_hash as "cprHash", c.person_key as "personKey", c.version,
         (select p.id from case_persons p where p.case_id = c.id and p.role = 'subject') as "subjectPersonId",
         (select s.access from case_shares s where s.case_id = c.id and s.team_id = $2 and s.revoked_at is null) as "shareAccess",
         exists (select 1 from case_transfers tr where tr.case_id = c.id and tr.to_team_id = $2 and tr.status = 'pending') as "pendingTransfer",
         h.id as "latestHandoverId",
         exists (select 1 from handover_acknowledgements a where a.handover_id = h.id and a.user_id = $3) as acknowledged,
         exists (select 1 from case_named_users n where n.case_id = c.id and n.user_id = $3) as named
    from cases c
    join teams t on t.id = c.owner_team_id
    left join lateral (select h.id from handovers h where h.case_id = c.id and h.to_team_id = $2 order by h.created_at desc limit 1) h on true
   where c.id = $1`;

/**
 * The team's access. A share's level comes before a pending transfer, so the team keeps
 * reading (or writing) through its share while a transfer to it waits; the resource's
 * `transferPending` lets it answer the transfer all the same.
 */
function accessOf(row: CaseRow, teamId: string | null): CaseAccess | null {
  if (teamId === null) return null;
  if (row.ownerTeamId === teamId) return 'owner';
  if (row.shareAccess) return row.shareAccess;
  if (row.pendingTransfer) return 'pending_transfer';
  return null;
}

/**
 * The case row as a list query (for `selectLists`) with its parameters: $1 the case, $2 the
 * actor's team, $3 the actor. A page that shows the case with its lists reads all of them in one
 * statement (decision 0007).
 */
export const CASE_ROW_LIST: ListQuery = {
  sql: SELECT_CASE,
  dates: ['riskAssessedAt', 'childAssessmentStartedAt', 'childAssessmentCompletedAt', 'openedAt', 'closedAt'],
};

export function caseRowParams(scope: Scope, caseId: string): [string, string | null, string] {
  const actor = scope.user();
  return [caseId, actor.teamId, actor.userId];
}

export function isCaseId(caseId: string): boolean {
  return /^[0-9a-f-]{36}$/i.test(caseId);
}

/** The case as the actor may see it, or null (hidden by row-level security or not there). */
export async function findCase(scope: Scope, caseId: string): Promise<LoadedCase | null> {
  if (!isCaseId(caseId)) return null;
  const { rows } = await scope.tx.query<CaseRow>(SELECT_CASE, caseRowParams(scope, caseId));
  return loadedCase(scope, rows[0]);
}

/** The actor's access to a case row just read; null when she has none. */
export function loadedCase(scope: Scope, row: CaseRow | undefined): LoadedCase | null {
  const actor = scope.user();
  if (!row) return null;
  const access = accessOf(row, actor.teamId);
  if (!access) return null;
  const resource: CaseResource = {
    access,
    needsAck: row.latestHandoverId !== null && !row.acknowledged && access !== 'pending_transfer',
    status: row.status,
    protectedAndNotNamed: row.protected && !row.named,
    // Also when the team reads the case through a share: the share gives its access, the
    // transfer still waits for the team's answer.
    transferPending: row.pendingTransfer,
  };
  return { row, resource, access };
}

/** Loads the case and authorizes `action`, or throws a 404 that is audited as refused. */
export async function requireCase(scope: Scope, caseId: string, action: CaseAction): Promise<LoadedCase> {
  const loaded = await findCase(scope, caseId);
  if (!loaded) throw new AccessDeniedError({ action: `case.${action}`, entityType: 'case', entityId: caseId });
  authorize(casePolicy, scope.user(), action, loaded.resource, { entityType: 'case', entityId: caseId });
  return loaded;
}

/** The status a case must be in for closing or reopening it. */
const STATUS_BEFORE = { close: 'open', reopen: 'closed' } as const;

/**
 * Loads the case and authorizes closing or reopening it as if it were still in the status the
 * action starts from: whether the actor may do it at all does not change because someone else
 * just did it. The caller compares the version and the status (a stale form is a conflict, not
 * a refusal). A case the actor may not close or reopen answers 404, audited as refused.
 */
export async function requireCaseForStatusChange(scope: Scope, caseId: string, action: 'close' | 'reopen'): Promise<LoadedCase> {
  const loaded = await findCase(scope, caseId);
  if (!loaded) throw new AccessDeniedError({ action: `case.${action}`, entityType: 'case', entityId: caseId });
  authorize(casePolicy, scope.user(), action, { ...loaded.resource, status: STATUS_BEFORE[action] }, { entityType: 'case', entityId: caseId });
  return loaded;
}

/**
 * Loads the case for sharing, transferring, revoking or naming users. Whether the actor may do
 * that is judged as if the case were open (a colleague closing it does not change who may); a
 * closed case then answers 409 with "reopen it first" instead of the 404 of a refusal, and the
 * form keeps what was typed. `allowClosed` is for drawing such a form again.
 */
export async function requireCaseToManageAccess(scope: Scope, caseId: string, options: { allowClosed?: boolean } = {}): Promise<LoadedCase> {
  const loaded = await findCase(scope, caseId);
  if (!loaded) throw new AccessDeniedError({ action: 'case.manage_access', entityType: 'case', entityId: caseId });
  authorize(casePolicy, scope.user(), 'manage_access', { ...loaded.resource, status: 'open' }, { entityType: 'case', entityId: caseId });
  if (loaded.resource.status === 'closed' && !options.allowClosed) throw new ConflictError('cases.error.closedForAccess');
  return loaded;
}

/** Writes a timeline event and marks the case as active. `details` holds ids and codes only. */
export async function addEvent(scope: Scope, caseId: string, kind: string, refId: string | null = null, details: Record<string, unknown> = {}): Promise<void> {
  await scope.tx.query(
    `insert into case_events (tenant_id, case_id, actor_user_id, kind, ref_id, details) values ($1, $2, $3, $4, $5, $6)`,
    [scope.tenant.id, caseId, scope.actor?.userId ?? null, kind, refId, JSON.stringify(details)],
  );
  await scope.tx.query('update cases set last_activity_at = now() where id = $1', [caseId]);
}
