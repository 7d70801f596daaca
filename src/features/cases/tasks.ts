/**
 * Tasks on a case: a title, an owner, a due date and a status. Aftercare follow-ups and the
 * steps of an action plan (issue 4) are tasks too, marked by `source`.
 */
import { randomUUID } from 'node:crypto';
import { defineRead, runRead, type Read } from '../../db/reads.js';
import { authorize } from '../../platform/access/policy.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { LANGUAGES, translator } from '../../platform/i18n/index.js';
import { todayLocal } from '../clocks/clocks.js';
import { seal, unseal } from '../inquiries/identity.js';
import { addEvent, requireCase } from './access.js';
import { casePolicy } from './policy.js';
import type { TaskOut } from './schemas.js';

export interface NewTask {
  title: string;
  /** Due date, YYYY-MM-DD (Copenhagen); not before the day the task is created. */
  dueDate: string;
  /** Defaults to the creating user. Must be able to work the case. */
  ownerUserId?: string;
  /** Where the task came from: 'manual' (default), 'aftercare', 'action_plan', … */
  source?: string;
}

const TASK_COLUMNS = `t.id, t.case_id as "caseId", c.reference as "caseReference", t.title_enc as "titleEnc", t.due_date as "dueDate", t.status, t.source,
  t.owner_user_id as "ownerUserId", u.display_name as "ownerName", t.created_at as "createdAt", t.version`;

export type TaskRow = Omit<TaskOut, 'title'> & { titleEnc: string };

function toTask(scope: Scope, row: TaskRow): TaskOut {
  const { titleEnc, ...rest } = row;
  const title = unseal(scope.deps, 'case-notes', scope.tenant.id, row.id, 'title', titleEnc);
  return { ...rest, title: row.source === 'aftercare' ? aftercareTitle(scope, title) : title };
}

/**
 * Aftercare tasks are written when a case is closed, in the language of the one who closed it;
 * a colleague reads the title in her own. A title that is not the generated one is kept.
 */
function aftercareTitle(scope: Scope, stored: string): string {
  for (const lang of LANGUAGES) {
    const template = translator(lang)('cases.aftercare.taskTitle', { months: '\u0000' });
    const [before, after] = template.split('\u0000');
    if (after === undefined || !stored.startsWith(before) || !stored.endsWith(after)) continue;
    const months = stored.slice(before.length, stored.length - after.length);
    if (/^\d{1,3}$/.test(months)) return scope.t('cases.aftercare.taskTitle', { months });
  }
  return stored;
}

function validateTask(input: NewTask): void {
  const fields = [];
  if (!input.title || input.title.trim() === '' ) fields.push({ field: 'title', messageKey: 'validation.required' });
  else if (input.title.length > 300) fields.push({ field: 'title', messageKey: 'validation.tooLong', params: { max: 300 } });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate) || Number.isNaN(Date.parse(input.dueDate))) fields.push({ field: 'dueDate', messageKey: 'validation.invalidDate' });
  else if (input.dueDate < todayLocal()) fields.push({ field: 'dueDate', messageKey: 'cases.task.dueBeforeCreated' });
  if (fields.length > 0) throw new ValidationError(fields);
}

/** A task's owner must be an active user who can work the case (and is named, if protected). */
async function assertEligibleOwner(scope: Scope, caseId: string, userId: string): Promise<void> {
  const { rows } = await scope.tx.query<{ ok: boolean }>(
    `select exists (select 1 from users u join cases c on c.id = $2
       where u.id = $1 and u.active and u.role in ('adviser', 'caseworker', 'manager')
         and (u.team_id = c.owner_team_id or exists (select 1 from case_shares s where s.case_id = c.id and s.team_id = u.team_id and s.revoked_at is null and s.access = 'write'))
         and (not c.protected or exists (select 1 from case_named_users n where n.case_id = c.id and n.user_id = u.id))) as ok`,
    [userId, caseId]);
  if (!rows[0].ok) throw new ValidationError([{ field: 'ownerUserId', messageKey: 'cases.task.ownerNotEligible' }]);
}

/** Inserts a task after the caller has checked write access (closing a case uses it for aftercare). */
export async function createTaskUnchecked(scope: Scope, caseId: string, input: NewTask): Promise<string> {
  validateTask(input);
  const ownerUserId = input.ownerUserId ?? scope.user().userId;
  if (input.ownerUserId) await assertEligibleOwner(scope, caseId, input.ownerUserId);
  const id = randomUUID();
  await scope.tx.query(
    `insert into case_tasks (id, tenant_id, case_id, title_enc, owner_user_id, due_date, source, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, scope.tenant.id, caseId, seal(scope.deps, 'case-notes', scope.tenant.id, id, 'title', input.title.trim()), ownerUserId, input.dueDate, input.source ?? 'manual', scope.user().userId],
  );
  await addEvent(scope, caseId, 'case.task_created', id, { dueDate: input.dueDate, source: input.source ?? 'manual' });
  await scope.audit({ action: 'case.task.create', entityType: 'case_task', entityId: id, details: { caseId, source: input.source ?? 'manual' } });
  return id;
}

/**
 * Creates a task on a case the actor may write to. The action-plan feature (issue 4) turns a
 * plan's steps into tasks with `source: 'action_plan'`.
 * @returns the task id
 */
export async function createTask(scope: Scope, caseId: string, input: NewTask): Promise<string> {
  await requireCase(scope, caseId, 'write');
  return createTaskUnchecked(scope, caseId, input);
}

/** Changes a task's status, its owner, or both (optimistic: `version` must be current). */
export async function updateTask(scope: Scope, caseId: string, taskId: string, input: { status?: 'open' | 'done' | 'cancelled'; ownerUserId?: string; version: number }): Promise<void> {
  await requireCase(scope, caseId, 'write');
  if (input.ownerUserId) await assertEligibleOwner(scope, caseId, input.ownerUserId);
  const { rowCount } = await scope.tx.query(
    `update case_tasks set status = coalesce($4, status),
            completed_at = case when $4::text is null then completed_at when $4 = 'open' then null else now() end,
            owner_user_id = coalesce($5, owner_user_id), version = version + 1
      where id = $1 and case_id = $2 and version = $3`, [taskId, caseId, input.version, input.status ?? null, input.ownerUserId ?? null]);
  if (rowCount === 0) {
    const exists = await scope.tx.query('select 1 from case_tasks where id = $1 and case_id = $2', [taskId, caseId]);
    if (exists.rows.length === 0) throw new NotFoundError();
    throw new ConflictError();
  }
  if (input.status) await addEvent(scope, caseId, 'case.task_status', taskId, { status: input.status });
  if (input.ownerUserId) await addEvent(scope, caseId, 'case.task_owner', taskId, { ownerUserId: input.ownerUserId });
  await scope.audit({ action: 'case.task.update', entityType: 'case_task', entityId: taskId, details: { caseId, status: input.status, ownerUserId: input.ownerUserId } });
}

/** A case's tasks as a list query (for `selectLists`; $1 is the case id). */
export const CASE_TASKS_LIST = {
  sql: `select ${TASK_COLUMNS} from case_tasks t join cases c on c.id = t.case_id left join users u on u.id = t.owner_user_id
         where t.case_id = $1 order by (t.status = 'open') desc, t.due_date, t.created_at`,
  dates: ['createdAt'],
} as const;

export function tasksFromRows(scope: Scope, rows: TaskRow[]): TaskOut[] {
  return rows.map((row) => toTask(scope, row));
}

/** A case's tasks (the caller has checked read access). */
export async function listCaseTasks(scope: Scope, caseId: string): Promise<TaskOut[]> {
  const { rows } = await scope.tx.query<TaskRow>(
    `select ${TASK_COLUMNS} from case_tasks t join cases c on c.id = t.case_id left join users u on u.id = t.owner_user_id
      where t.case_id = $1 order by (t.status = 'open') desc, t.due_date, t.created_at`, [caseId]);
  return rows.map((row) => toTask(scope, row));
}

/** The actor's open tasks across the cases she can see, soonest first. */
export function myTasksRead(scope: Scope, options: { limit?: number } = {}): Read<TaskOut[]> {
  authorize(casePolicy, scope.user(), 'list', null, { entityType: 'case' });
  return defineRead<TaskRow, TaskOut[]>({
    sql: `select ${TASK_COLUMNS} from case_tasks t join cases c on c.id = t.case_id left join users u on u.id = t.owner_user_id
           where t.tenant_id = $3 and t.owner_user_id = $1 and t.status = 'open' order by t.due_date, t.created_at limit $2`,
    params: [scope.user().userId, options.limit ?? 100, scope.tenant.id],
    dates: ['createdAt'],
    finish: async (rows) => {
      await scope.audit({ action: 'case.task.list', entityType: 'case_task', details: { count: rows.length } });
      return rows.map((row) => toTask(scope, row));
    },
  });
}

export async function listMyTasks(scope: Scope, options: { limit?: number } = {}): Promise<TaskOut[]> {
  return runRead(scope.tx, myTasksRead(scope, options));
}

/** How many of the team's open tasks are overdue and due today (the home page's figure). */
export function teamTasksDueCountRead(scope: Scope, today: string): Read<{ overdue: number; today: number }> {
  const actor = scope.user();
  authorize(casePolicy, actor, 'list', null, { entityType: 'case' });
  // Counts only, through a function that skips row-level security for other teams' tasks
  // (migration 0108); through the policies every due task of the municipality was checked.
  return defineRead<{ overdue: number | null; today: number | null }, { overdue: number; today: number }>({
    sql: 'select overdue, due_today as today from unsafe_team_task_counts($1, $2, $3::date)',
    params: [scope.tenant.id, actor.teamId, today],
    finish: (rows) => ({ overdue: rows[0]?.overdue ?? 0, today: rows[0]?.today ?? 0 }),
  });
}

/** Open tasks of the actor's team due today or earlier (for the deadlines page). */
export async function listTeamTasksDue(scope: Scope, until: string): Promise<TaskOut[]> {
  const actor = scope.user();
  authorize(casePolicy, actor, 'list', null, { entityType: 'case' });
  const { rows } = await scope.tx.query<TaskRow>(
    `select ${TASK_COLUMNS} from case_tasks t join cases c on c.id = t.case_id left join users u on u.id = t.owner_user_id
      where t.tenant_id = $3 and c.owner_team_id = $1 and t.status = 'open' and t.due_date <= $2 order by t.due_date, t.created_at limit 500`, [actor.teamId, until, scope.tenant.id]);
  // The titles are case content (decrypted below): the read is audited like the own task list.
  await scope.audit({ action: 'case.task.list', entityType: 'case_task', details: { count: rows.length, team: true, until } });
  return rows.map((row) => toTask(scope, row));
}
