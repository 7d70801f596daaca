/**
 * Action plans: reading the current or an earlier version, saving a new version with a change
 * note, and "was this useful?" feedback per step. A tenant gets the built-in plans (version 1)
 * the first time anyone opens a plan.
 */
import { PROFESSIONAL_GROUPS, type ProfessionalGroup } from '../../platform/access/roles.js';
import { authorize } from '../../platform/access/policy.js';
import { decryptText, encryptText } from '../../platform/crypto/aead.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { DEFAULT_PLANS } from './default-plans.js';
import { planPolicy } from './policy.js';
import type { ActionPlan, PlanStep } from './schemas.js';

const PLAN_COUNT = PROFESSIONAL_GROUPS.length * 4;

/** Creates the built-in plans for a tenant that has none (or is missing some). */
export async function ensurePlans(scope: Scope): Promise<void> {
  const { rows } = await scope.tx.query<{ n: number }>('select count(*)::int as n from action_plans');
  if (rows[0].n >= PLAN_COUNT) return;
  for (const group of PROFESSIONAL_GROUPS) {
    for (const level of [0, 1, 2, 3] as const) {
      // A concurrent first request waits on the unique key and then inserts nothing.
      const created = await scope.tx.query<{ id: string }>(
        `insert into action_plans (tenant_id, professional_group, level) values ($1, $2, $3)
         on conflict (tenant_id, professional_group, level) do nothing returning id`,
        [scope.tenant.id, group, level],
      );
      if (created.rows[0]) {
        await scope.tx.query(
          'insert into action_plan_versions (tenant_id, plan_id, number, steps) values ($1, $2, 1, $3)',
          [scope.tenant.id, created.rows[0].id, JSON.stringify(DEFAULT_PLANS[group][level])],
        );
      }
    }
  }
}

const SELECT = `select p.id, p.professional_group as "group", p.level, v.number, v.steps, v.change_note as "changeNote",
  v.created_at as "createdAt", p.version, v.id as "versionId"
  from action_plans p join action_plan_versions v on v.plan_id = p.id`;

export type LoadedPlan = ActionPlan & { versionId: string };

/** A plan in its current version, or in an earlier version when `number` is given. */
export async function getPlan(scope: Scope, group: ProfessionalGroup, level: number, number?: number): Promise<LoadedPlan> {
  authorize(planPolicy, scope.user(), 'read', null, { entityType: 'action_plan' });
  return loadPlan(scope, group, level, number);
}

/** The same without a policy check, for pages that have already authorised the viewer. */
export async function loadPlan(scope: Scope, group: ProfessionalGroup, level: number, number?: number): Promise<LoadedPlan> {
  await ensurePlans(scope);
  const { rows } = await scope.tx.query<LoadedPlan>(
    `${SELECT} where p.professional_group = $1 and p.level = $2 and v.number = coalesce($3, p.current_number)`,
    [group, level, number ?? null],
  );
  if (!rows[0]) throw new NotFoundError();
  return rows[0];
}

/** Every plan's current version, for the overview. */
export async function listPlans(scope: Scope): Promise<LoadedPlan[]> {
  authorize(planPolicy, scope.user(), 'read', null, { entityType: 'action_plan' });
  await ensurePlans(scope);
  const { rows } = await scope.tx.query<LoadedPlan>(`${SELECT} where v.number = p.current_number order by p.professional_group, p.level`);
  return rows;
}

export interface PlanVersionEntry {
  number: number;
  changeNote: string | null;
  createdAt: Date;
  createdByName: string | null;
}

/** The change log of one plan, newest first. */
export async function listPlanVersions(scope: Scope, group: ProfessionalGroup, level: number): Promise<PlanVersionEntry[]> {
  authorize(planPolicy, scope.user(), 'read', null, { entityType: 'action_plan' });
  await ensurePlans(scope);
  const { rows } = await scope.tx.query<PlanVersionEntry>(
    `select v.number, v.change_note as "changeNote", v.created_at as "createdAt", u.display_name as "createdByName"
       from action_plan_versions v join action_plans p on p.id = v.plan_id left join users u on u.id = v.created_by
      where p.professional_group = $1 and p.level = $2 order by v.number desc`,
    [group, level],
  );
  return rows;
}

/** Saves a new version of a plan (the unit). The plan's version column detects concurrent edits. */
export async function savePlanVersion(
  scope: Scope,
  group: ProfessionalGroup,
  level: number,
  input: { version: number; steps: PlanStep[]; changeNote: string },
): Promise<LoadedPlan> {
  authorize(planPolicy, scope.user(), 'edit', null, { entityType: 'action_plan' });
  const current = await loadPlan(scope, group, level);
  const { rowCount } = await scope.tx.query(
    'update action_plans set current_number = current_number + 1, version = version + 1 where id = $1 and version = $2',
    [current.id, input.version],
  );
  if (rowCount === 0) throw new ConflictError('plans.edit.conflict');
  await scope.tx.query(
    'insert into action_plan_versions (tenant_id, plan_id, number, steps, change_note, created_by) values ($1, $2, $3, $4, $5, $6)',
    [scope.tenant.id, current.id, current.number + 1, JSON.stringify(input.steps), input.changeNote, scope.user().userId],
  );
  await scope.audit({ action: 'action_plan.update', entityType: 'action_plan', entityId: current.id, details: { group, level, number: current.number + 1 } });
  return loadPlan(scope, group, level);
}

function commentKey(scope: Scope): Buffer {
  return scope.deps.keys.key('personal-data', scope.tenant.id);
}

/** Records (or replaces) the actor's answer to "was this step useful?". */
export async function recordFeedback(
  scope: Scope,
  group: ProfessionalGroup,
  level: number,
  input: { number: number; stepKey: string; useful: 'yes' | 'no'; comment?: string },
): Promise<void> {
  const actor = scope.user();
  authorize(planPolicy, actor, 'feedback', null, { entityType: 'action_plan' });
  const plan = await loadPlan(scope, group, level, input.number);
  if (!plan.steps.some((s) => s.key === input.stepKey)) throw new NotFoundError();
  const comment = input.comment ? encryptText(commentKey(scope), input.comment, `plan-feedback:${plan.versionId}:${input.stepKey}:${actor.userId}`) : null;
  await scope.tx.query(
    `insert into action_plan_feedback (tenant_id, plan_version_id, step_key, user_id, useful, comment_enc) values ($1, $2, $3, $4, $5, $6)
     on conflict (plan_version_id, step_key, user_id) do update set useful = excluded.useful, comment_enc = excluded.comment_enc, updated_at = now()`,
    [scope.tenant.id, plan.versionId, input.stepKey, actor.userId, input.useful === 'yes', comment],
  );
  await scope.audit({ action: 'action_plan.feedback', entityType: 'action_plan', entityId: plan.id, details: { number: plan.number, step: input.stepKey } });
}

/** The actor's own answers for one plan version: step key → useful. */
export async function myFeedback(scope: Scope, versionId: string): Promise<Map<string, boolean>> {
  const { rows } = await scope.tx.query<{ stepKey: string; useful: boolean }>(
    'select step_key as "stepKey", useful from action_plan_feedback where plan_version_id = $1 and user_id = $2',
    [versionId, scope.user().userId],
  );
  return new Map(rows.map((r) => [r.stepKey, r.useful]));
}

export interface StepFeedback {
  useful: number;
  notUseful: number;
  /** Comments without names, newest first, with the plan version they were given on. */
  comments: { number: number; useful: boolean; text: string }[];
}

/** Feedback per step over every version of a plan (steps keep their keys across versions). */
export async function feedbackSummary(scope: Scope, group: ProfessionalGroup, level: number): Promise<Map<string, StepFeedback>> {
  authorize(planPolicy, scope.user(), 'read_feedback', null, { entityType: 'action_plan' });
  const plan = await loadPlan(scope, group, level);
  const { rows } = await scope.tx.query<{ stepKey: string; useful: boolean; commentEnc: string | null; number: number; versionId: string; userId: string }>(
    `select f.step_key as "stepKey", f.useful, f.comment_enc as "commentEnc", v.number, v.id as "versionId", f.user_id as "userId"
       from action_plan_feedback f join action_plan_versions v on v.id = f.plan_version_id
      where v.plan_id = $1 order by f.updated_at desc`,
    [plan.id],
  );
  const summary = new Map<string, StepFeedback>();
  for (const row of rows) {
    const entry = summary.get(row.stepKey) ?? { useful: 0, notUseful: 0, comments: [] };
    if (row.useful) entry.useful += 1;
    else entry.notUseful += 1;
    if (row.commentEnc) {
      entry.comments.push({
        number: row.number, useful: row.useful,
        text: decryptText(commentKey(scope), row.commentEnc, `plan-feedback:${row.versionId}:${row.stepKey}:${row.userId}`),
      });
    }
    summary.set(row.stepKey, entry);
  }
  await scope.audit({ action: 'action_plan.feedback.read', entityType: 'action_plan', entityId: plan.id, details: { answers: rows.length } });
  return summary;
}
