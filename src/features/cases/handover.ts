/**
 * Handing a case over without losing anything. Share: another team gets read or write access,
 * the owner stays, revocable. Transfer: the receiving team must accept; ownership moves then.
 * Both carry a structured handover summary (situation, current risk level and when assessed,
 * what has been done, open tasks, contacts, the "do not" list, consent) that every user of the
 * receiving team must acknowledge before working the case. The timeline stays with the case.
 */
import { randomUUID } from 'node:crypto';
import { AccessDeniedError, ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { moveClocks } from '../clocks/clocks.js';
import { seal, sealOptional, unseal } from '../inquiries/identity.js';
import { addEvent, requireCase, requireCaseToManageAccess } from './access.js';
import type { HandoverInput, HandoverOut, TransferOut } from './schemas.js';
import { doNotList } from './use-cases.js';
import { listCaseTasks } from './tasks.js';

const NOTES = 'case-notes' as const;

/** Creates a share or a transfer with its handover summary. */
export async function handOver(scope: Scope, caseId: string, input: HandoverInput): Promise<{ handoverId: string; shareId?: string; transferId?: string }> {
  const { row } = await requireCaseToManageAccess(scope, caseId);
  const actor = scope.user();
  const team = await scope.tx.query<{ kind: string; active: boolean }>('select kind, active from teams where id = $1', [input.teamId]);
  if (!team.rows[0] || !team.rows[0].active) throw new ValidationError([{ field: 'teamId', messageKey: 'cases.handover.teamNotFound' }]);
  if (input.teamId === row.ownerTeamId) throw new ValidationError([{ field: 'teamId', messageKey: 'cases.handover.ownTeam' }]);
  if (team.rows[0].kind === 'partner') throw new ValidationError([{ field: 'teamId', messageKey: 'cases.handover.partnerTeam' }]);
  if (input.kind === 'share') {
    const existing = await scope.tx.query('select 1 from case_shares where case_id = $1 and team_id = $2 and revoked_at is null', [caseId, input.teamId]);
    if (existing.rows.length > 0) throw new ValidationError([{ field: 'teamId', messageKey: 'cases.handover.alreadyShared' }]);
  } else {
    const pending = await scope.tx.query(`select 1 from case_transfers where case_id = $1 and status = 'pending'`, [caseId]);
    if (pending.rows.length > 0) throw new ValidationError([{ field: 'teamId', messageKey: 'cases.handover.transferPending' }]);
  }
  const tenantId = scope.tenant.id;
  const { deps } = scope;
  const tasks = (await listCaseTasks(scope, caseId)).filter((task) => task.status === 'open').map((task) => ({ title: task.title, dueDate: task.dueDate }));
  const doNot = await doNotList(scope, caseId);
  const handoverId = randomUUID();
  await scope.tx.query(
    `insert into handovers (id, tenant_id, case_id, kind, to_team_id, situation_enc, risk_level, risk_assessed_at, done_enc, open_tasks_enc, contacts_enc, do_not_enc, consent_status, consent_note_enc, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      handoverId, tenantId, caseId, input.kind, input.teamId,
      seal(deps, NOTES, tenantId, handoverId, 'situation', input.situation), row.riskLevel, row.riskAssessedAt,
      seal(deps, NOTES, tenantId, handoverId, 'done', input.done), seal(deps, NOTES, tenantId, handoverId, 'open_tasks', JSON.stringify(tasks)),
      seal(deps, NOTES, tenantId, handoverId, 'contacts', input.contacts), seal(deps, NOTES, tenantId, handoverId, 'do_not', JSON.stringify(doNot)),
      input.consentStatus, sealOptional(deps, NOTES, tenantId, handoverId, 'consent_note', input.consentNote), actor.userId,
    ],
  );
  await scope.tx.query('update cases set consent_status = $2 where id = $1', [caseId, input.consentStatus]);
  let shareId: string | undefined;
  let transferId: string | undefined;
  if (input.kind === 'share') {
    shareId = randomUUID();
    await scope.tx.query(
      'insert into case_shares (id, tenant_id, case_id, team_id, access, handover_id, granted_by) values ($1, $2, $3, $4, $5, $6, $7)',
      [shareId, tenantId, caseId, input.teamId, input.access ?? 'read', handoverId, actor.userId]);
    await addEvent(scope, caseId, 'case.shared', handoverId, { teamId: input.teamId, access: input.access ?? 'read' });
  } else {
    transferId = randomUUID();
    await scope.tx.query(
      'insert into case_transfers (id, tenant_id, case_id, from_team_id, to_team_id, handover_id, requested_by) values ($1, $2, $3, $4, $5, $6, $7)',
      [transferId, tenantId, caseId, row.ownerTeamId, input.teamId, handoverId, actor.userId]);
    await addEvent(scope, caseId, 'case.transfer_requested', handoverId, { teamId: input.teamId });
  }
  await scope.audit({ action: `case.${input.kind}`, entityType: 'case', entityId: caseId, personId: row.subjectPersonId, details: { teamId: input.teamId, handoverId } });
  return { handoverId, shareId, transferId };
}

interface TransferRow { id: string; caseId: string; fromTeamId: string; toTeamId: string; status: TransferOut['status']; handoverId: string; requestedAt: Date; decidedAt: Date | null; version: number }

async function loadTransfer(scope: Scope, transferId: string, action: string): Promise<TransferRow> {
  const { rows } = /^[0-9a-f-]{36}$/i.test(transferId)
    ? await scope.tx.query<TransferRow>(
      `select id, case_id as "caseId", from_team_id as "fromTeamId", to_team_id as "toTeamId", status, handover_id as "handoverId",
              requested_at as "requestedAt", decided_at as "decidedAt", version from case_transfers where id = $1`, [transferId])
    : { rows: [] };
  const transfer = rows[0];
  const actor = scope.user();
  // Only the two teams involved may act on a transfer; everyone else gets the same 404.
  if (!transfer || (actor.teamId !== transfer.toTeamId && actor.teamId !== transfer.fromTeamId)) {
    throw new AccessDeniedError({ action: `case.transfer.${action}`, entityType: 'case_transfer', entityId: transferId });
  }
  return transfer;
}

function assertPending(transfer: TransferRow): void {
  if (transfer.status === 'accepted') throw new ValidationError([{ field: '_form', messageKey: 'cases.transfer.alreadyAccepted' }]);
  if (transfer.status !== 'pending') throw new ValidationError([{ field: '_form', messageKey: 'cases.transfer.notPending' }]);
}

/**
 * The update found the transfer no longer pending: someone on the other side answered at the same
 * moment (the update waited for their commit). Says what happened; nothing is written.
 */
async function refuseAnsweredMeanwhile(scope: Scope, transfer: TransferRow): Promise<never> {
  const { rows } = await scope.tx.query<{ status: string }>('select status from case_transfers where id = $1', [transfer.id]);
  assertPending({ ...transfer, status: (rows[0]?.status ?? 'withdrawn') as TransferRow['status'] });
  throw new ConflictError();
}

/**
 * Accepts a transfer: ownership moves to the receiving team, its running clocks with it, and
 * the accepting user's acknowledgement of the handover summary is recorded (the transfer's, and
 * the latest one addressed to the team, which is the one the summary page shows). A share the
 * receiving team had ends: the owner has every right a share could give, and a share left
 * standing would come back to life if the case were later transferred away from the team.
 */
export async function acceptTransfer(scope: Scope, transferId: string, input: { acknowledged: boolean }): Promise<TransferOut> {
  const transfer = await loadTransfer(scope, transferId, 'accept');
  assertPending(transfer);
  const actor = scope.user();
  if (actor.teamId !== transfer.toTeamId) throw new AccessDeniedError({ action: 'case.transfer.accept', entityType: 'case_transfer', entityId: transferId });
  const { row } = await requireCase(scope, transfer.caseId, 'accept_transfer');
  if (!input.acknowledged) throw new ValidationError([{ field: 'acknowledged', messageKey: 'cases.handover.mustAcknowledge' }]);
  // Ownership moves first: the accepting team must still see the case when the transfer stops being pending.
  await scope.tx.query('update cases set owner_team_id = $2, version = version + 1 where id = $1', [transfer.caseId, transfer.toTeamId]);
  const { rowCount } = await scope.tx.query(`update case_transfers set status = 'accepted', decided_by = $2, decided_at = now(), version = version + 1 where id = $1 and status = 'pending'`, [transferId, actor.userId]);
  if (rowCount === 0) await refuseAnsweredMeanwhile(scope, transfer);
  const revoked = await scope.tx.query<{ id: string }>(
    'update case_shares set revoked_at = now(), revoked_by = $3, version = version + 1 where case_id = $1 and team_id = $2 and revoked_at is null returning id',
    [transfer.caseId, transfer.toTeamId, actor.userId]);
  await moveClocks(scope.tx, { caseId: transfer.caseId }, transfer.toTeamId);
  for (const handoverId of new Set([transfer.handoverId, row.latestHandoverId ?? transfer.handoverId])) {
    await scope.tx.query('insert into handover_acknowledgements (tenant_id, handover_id, user_id) values ($1, $2, $3) on conflict do nothing', [scope.tenant.id, handoverId, actor.userId]);
  }
  await addEvent(scope, transfer.caseId, 'case.transfer_accepted', transfer.handoverId, { fromTeamId: transfer.fromTeamId, toTeamId: transfer.toTeamId });
  for (const share of revoked.rows) {
    await addEvent(scope, transfer.caseId, 'case.share_revoked', share.id, { teamId: transfer.toTeamId, reason: 'transfer_accepted' });
  }
  await scope.audit({ action: 'case.transfer.accept', entityType: 'case', entityId: transfer.caseId, personId: row.subjectPersonId, details: { transferId } });
  return { ...transfer, status: 'accepted', decidedAt: new Date(), version: transfer.version + 1 };
}

/** The receiving team declines, or the owning team withdraws, a pending transfer. */
export async function endTransfer(scope: Scope, transferId: string, outcome: 'declined' | 'withdrawn'): Promise<void> {
  const transfer = await loadTransfer(scope, transferId, outcome === 'declined' ? 'decline' : 'withdraw');
  assertPending(transfer);
  const actor = scope.user();
  const side = outcome === 'declined' ? transfer.toTeamId : transfer.fromTeamId;
  if (actor.teamId !== side) throw new AccessDeniedError({ action: `case.transfer.${outcome}`, entityType: 'case_transfer', entityId: transferId });
  if (outcome === 'declined') await requireCase(scope, transfer.caseId, 'accept_transfer');
  else await requireCaseToManageAccess(scope, transfer.caseId);
  // The case row first, as accepting does (it moves the owner before the transfer): an answer
  // from each side at once then waits for the other instead of deadlocking.
  await scope.tx.query('select 1 from cases where id = $1 for update', [transfer.caseId]);
  const { rowCount } = await scope.tx.query(`update case_transfers set status = $2, decided_by = $3, decided_at = now(), version = version + 1 where id = $1 and status = 'pending'`, [transferId, outcome, actor.userId]);
  if (rowCount === 0) await refuseAnsweredMeanwhile(scope, transfer);
  await addEvent(scope, transfer.caseId, `case.transfer_${outcome}`, transfer.handoverId);
  await scope.audit({ action: `case.transfer.${outcome === 'declined' ? 'decline' : 'withdraw'}`, entityType: 'case', entityId: transfer.caseId, details: { transferId } });
}

export async function revokeShare(scope: Scope, caseId: string, shareId: string, version: number): Promise<void> {
  await requireCaseToManageAccess(scope, caseId);
  const { rowCount } = await scope.tx.query(
    'update case_shares set revoked_at = now(), revoked_by = $4, version = version + 1 where id = $1 and case_id = $2 and version = $3 and revoked_at is null',
    [shareId, caseId, version, scope.user().userId]);
  if (rowCount === 0) {
    const exists = await scope.tx.query('select 1 from case_shares where id = $1 and case_id = $2 and revoked_at is null', [shareId, caseId]);
    if (exists.rows.length === 0) throw new ValidationError([{ field: '_form', messageKey: 'cases.share.notActive' }]);
    throw new ConflictError();
  }
  await addEvent(scope, caseId, 'case.share_revoked', shareId);
  await scope.audit({ action: 'case.share.revoke', entityType: 'case', entityId: caseId, details: { shareId } });
}

/**
 * Moves an active share between read and write. No new handover summary: the receiving team
 * acknowledged one when the case was shared, and the level changes what it may do, not what it
 * knows (decision 0114). Access is read live from the share by the policy and the task-owner
 * check, so the change takes effect with the next request.
 */
export async function changeShareAccess(scope: Scope, caseId: string, shareId: string, input: { access: 'read' | 'write'; version: number }): Promise<void> {
  const { row } = await requireCaseToManageAccess(scope, caseId);
  const { rows } = await scope.tx.query<{ teamId: string; access: 'read' | 'write'; version: number; revoked: boolean }>(
    'select team_id as "teamId", access, version, revoked_at is not null as revoked from case_shares where id = $1 and case_id = $2', [shareId, caseId]);
  const share = rows[0];
  if (!share) throw new NotFoundError();
  if (share.revoked) throw new ValidationError([{ field: '_form', messageKey: 'cases.share.notActive' }]);
  // A stale form is a conflict even when it asks for the level the share has now: someone else changed it.
  if (share.version !== input.version) throw new ConflictError();
  if (share.access === input.access) throw new ValidationError([{ field: 'access', messageKey: 'cases.share.accessUnchanged' }]);
  const { rowCount } = await scope.tx.query(
    'update case_shares set access = $4, version = version + 1 where id = $1 and case_id = $2 and version = $3 and revoked_at is null',
    [shareId, caseId, input.version, input.access]);
  if (rowCount === 0) throw new ConflictError();
  await addEvent(scope, caseId, 'case.share_access_changed', shareId, { teamId: share.teamId, oldAccess: share.access, newAccess: input.access });
  await scope.audit({
    action: 'case.share.change_access', entityType: 'case', entityId: caseId, personId: row.subjectPersonId,
    details: { shareId, teamId: share.teamId, oldAccess: share.access, newAccess: input.access },
  });
}

/**
 * The latest handover summary addressed to the actor's team (read before anything else), with
 * the transfer to the team that waits for an answer, if any (also when a share came after it).
 */
export async function getHandoverForMe(scope: Scope, caseId: string): Promise<{ handover: HandoverOut; transferId: string | null } | null> {
  const { row, access } = await requireCase(scope, caseId, 'read_handover');
  const actor = scope.user();
  const { rows } = await scope.tx.query<{ id: string; kind: 'share' | 'transfer'; toTeamId: string; toTeamName: string; situationEnc: string; riskLevel: number | null; riskAssessedAt: Date | null; doneEnc: string; openTasksEnc: string; contactsEnc: string; doNotEnc: string; consentStatus: HandoverOut['consentStatus']; consentNoteEnc: string | null; createdAt: Date; createdByName: string | null; acknowledgedByMe: boolean; transferId: string | null }>(
    `select h.id, h.kind, h.to_team_id as "toTeamId", t.name as "toTeamName", h.situation_enc as "situationEnc", h.risk_level as "riskLevel", h.risk_assessed_at as "riskAssessedAt",
            h.done_enc as "doneEnc", h.open_tasks_enc as "openTasksEnc", h.contacts_enc as "contactsEnc", h.do_not_enc as "doNotEnc", h.consent_status as "consentStatus",
            h.consent_note_enc as "consentNoteEnc", h.created_at as "createdAt", u.display_name as "createdByName",
            exists (select 1 from handover_acknowledgements a where a.handover_id = h.id and a.user_id = $3) as "acknowledgedByMe",
            (select tr.id from case_transfers tr where tr.case_id = h.case_id and tr.to_team_id = h.to_team_id and tr.status = 'pending') as "transferId"
       from handovers h join teams t on t.id = h.to_team_id left join users u on u.id = h.created_by
      where h.case_id = $1 and h.to_team_id = $2 order by h.created_at desc limit 1`, [caseId, actor.teamId, actor.userId]);
  const h = rows[0];
  if (!h) return null;
  const open = (column: string, value: string) => unseal(scope.deps, NOTES, scope.tenant.id, h.id, column, value);
  await scope.audit({ action: 'case.handover.read', entityType: 'case', entityId: caseId, personId: row.subjectPersonId, details: { handoverId: h.id, access } });
  return {
    transferId: h.transferId,
    handover: {
      id: h.id, kind: h.kind, toTeamId: h.toTeamId, toTeamName: h.toTeamName, situation: open('situation', h.situationEnc), riskLevel: h.riskLevel, riskAssessedAt: h.riskAssessedAt,
      done: open('done', h.doneEnc), openTasks: JSON.parse(open('open_tasks', h.openTasksEnc)), contacts: open('contacts', h.contactsEnc),
      doNot: JSON.parse(open('do_not', h.doNotEnc)), consentStatus: h.consentStatus, consentNote: h.consentNoteEnc ? open('consent_note', h.consentNoteEnc) : null,
      createdAt: h.createdAt, createdByName: h.createdByName, acknowledgedByMe: h.acknowledgedByMe,
    },
  };
}

export async function acknowledgeHandover(scope: Scope, caseId: string): Promise<void> {
  const { row } = await requireCase(scope, caseId, 'acknowledge');
  await scope.tx.query('insert into handover_acknowledgements (tenant_id, handover_id, user_id) values ($1, $2, $3) on conflict do nothing', [scope.tenant.id, row.latestHandoverId, scope.user().userId]);
  await addEvent(scope, caseId, 'case.handover_acknowledged', row.latestHandoverId);
  await scope.audit({ action: 'case.handover.acknowledge', entityType: 'case', entityId: caseId, details: { handoverId: row.latestHandoverId } });
}
