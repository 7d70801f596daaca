/**
 * The case flow's rules for a municipality's administrator: the rules in force with every
 * version, a new value saved as a new version, and a return to the national default.
 *
 * Rule rows are never changed (migration 0100): a change inserts the municipality's own row
 * with the next version number across the national default and the municipality's rows, in
 * force from the moment it is saved. Clocks compute their due time when they start (decision
 * 0113), so a change reaches only clocks started, and cases closed, after it.
 */
import { pgErrorCode, PG_ERRORS } from '../../db/database.js';
import { authorize } from '../../platform/access/policy.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import type { Scope } from '../../platform/http/scope.js';
import { FLOW_RULE_KEYS, loadRulesInForce, type FlowRuleKey, type FlowRuleRow } from '../clocks/rules.js';
import { flowRulePolicy } from './policy.js';
import type { FlowRule, FlowRuleValue, FlowRuleVersion } from './schemas.js';
import { changedBody, refuse, ruleValue, sameJson, type RuleChange } from './values.js';

interface StoredRow {
  id: string;
  key: string;
  version: number;
  tenantId: string | null;
  body: unknown;
  note: string | null;
  effectiveFrom: Date;
  createdAt: Date;
  createdById: string | null;
  createdByName: string | null;
}

/** A rule as the administration sees it, with the national default's body (for a return to it). */
interface RuleState {
  view: FlowRule;
  nationalBody: unknown;
  /** The version number a change would get: one above every version of the key read here. */
  nextVersion: number;
}

const SELECT_ROWS = `
  select r.id, r.key, r.version, r.tenant_id as "tenantId", r.body, r.note, r.effective_from as "effectiveFrom",
         r.created_at as "createdAt", r.created_by as "createdById", u.display_name as "createdByName"
    from flow_rules r left join users u on u.id = r.created_by
   where (r.tenant_id is null or r.tenant_id = $1) and r.key = any($2::text[])
   order by r.key, r.version desc, (r.tenant_id is not null) desc, r.created_at desc`;

/** An old version's value; a malformed old row (only SQL could store one) must not hide the rest of the history. */
function historicValue(key: FlowRuleKey, body: unknown): FlowRuleValue {
  try {
    return ruleValue(key, body);
  } catch {
    return {};
  }
}

function ruleState(key: FlowRuleKey, rows: StoredRow[], inForce: FlowRuleRow, now: Date): RuleState {
  const isRow = (row: StoredRow, of: { version: number; tenantId: string | null }) => row.version === of.version && (row.tenantId === null) === (of.tenantId === null);
  const current = rows.find((row) => isRow(row, inForce));
  // The national default a municipality without rows of its own would be given (rows are newest first).
  const national = rows.find((row) => row.tenantId === null && row.effectiveFrom.getTime() <= now.getTime());
  if (!current || !national) throw new Error(`flow rules: ${key} has no national default in force`);
  const versions: FlowRuleVersion[] = rows.map((row) => ({
    version: row.version,
    source: row.tenantId === null ? 'national' : 'municipality',
    value: historicValue(key, row.body),
    note: row.note,
    sameAsNationalDefault: sameJson(row.body, national.body),
    inForce: row === current,
    effectiveFrom: row.effectiveFrom,
    createdAt: row.createdAt,
    createdBy: row.createdById && row.createdByName ? { id: row.createdById, name: row.createdByName } : null,
  }));
  return {
    view: {
      key,
      version: current.version,
      source: current.tenantId === null ? 'national' : 'municipality',
      sameAsNationalDefault: sameJson(current.body, national.body),
      value: ruleValue(key, current.body),
      rule: current.body as Record<string, unknown>,
      legalNote: national.note,
      nationalDefault: { version: national.version, value: ruleValue(key, national.body) },
      versions,
    },
    nationalBody: national.body,
    nextVersion: Math.max(...rows.map((row) => row.version)) + 1,
  };
}

/** The rules of `keys` that have a version in force, in the order of `keys`. */
async function loadRuleStates(scope: Scope, keys: readonly FlowRuleKey[]): Promise<RuleState[]> {
  const now = new Date();
  const inForce = await loadRulesInForce(scope.tx, scope.tenant.id, now);
  const { rows } = await scope.tx.query<StoredRow>(SELECT_ROWS, [scope.tenant.id, keys]);
  return keys.flatMap((key) => {
    const row = inForce.get(key);
    return row ? [ruleState(key, rows.filter((stored) => stored.key === key), row, now)] : [];
  });
}

async function requireRule(scope: Scope, key: FlowRuleKey): Promise<RuleState> {
  const [state] = await loadRuleStates(scope, [key]);
  if (!state) throw new NotFoundError();
  return state;
}

/** Every rule in force for the municipality with its versions (rules hold no personal data: not audited). */
export async function listFlowRules(scope: Scope): Promise<FlowRule[]> {
  authorize(flowRulePolicy, scope.user(), 'read', null, { entityType: 'flow_rule' });
  return (await loadRuleStates(scope, FLOW_RULE_KEYS)).map((state) => state.view);
}

export async function getFlowRule(scope: Scope, key: FlowRuleKey): Promise<FlowRule> {
  authorize(flowRulePolicy, scope.user(), 'read', null, { entityType: 'flow_rule', entityId: key });
  return (await requireRule(scope, key)).view;
}

/** The rule to change, if the change was based on the version in force (else a conflict: nothing is overwritten). */
async function ruleToChange(scope: Scope, key: FlowRuleKey, basedOnVersion: number): Promise<RuleState> {
  authorize(flowRulePolicy, scope.user(), 'change', null, { entityType: 'flow_rule', entityId: key });
  // One change of a rule at a time per municipality: the rule in force and the next version
  // number are read by two statements, and a colleague's save committing between them let both
  // saves through (the second under the next number). The lock ends with the transaction.
  await scope.tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`flow_rule:${scope.tenant.id}:${key}`]);
  const state = await requireRule(scope, key);
  if (state.view.version !== basedOnVersion) throw new ConflictError('flowrules.conflict');
  return state;
}

async function insertVersion(scope: Scope, key: FlowRuleKey, state: RuleState, body: unknown, note: string | null, details: Record<string, unknown> = {}): Promise<FlowRule> {
  // The number is the one computed from the rows that were checked, not max()+1 at insert time:
  // an administrator saving meanwhile took that number, and the unique index turns the second
  // save into a conflict instead of a silent overwrite. In force from now by the application's
  // clock, the clock the clocks' start times are compared with.
  const { rows } = await scope.tx
    .query<{ id: string; version: number }>(
      `insert into flow_rules (tenant_id, key, version, body, note, effective_from, created_by)
       values ($1, $2, $3, $4::jsonb, $5, $6, $7) returning id, version`,
      [scope.tenant.id, key, state.nextVersion, JSON.stringify(body), note, new Date(), scope.user().userId],
    )
    .catch((error: unknown) => {
      if (pgErrorCode(error) === PG_ERRORS.uniqueViolation) throw new ConflictError('flowrules.conflict');
      throw error;
    });
  await scope.audit({ action: 'admin.flow_rule.change', entityType: 'flow_rule', entityId: rows[0].id, details: { key, version: rows[0].version, ...details } });
  return (await requireRule(scope, key)).view;
}

/** Saves a new value for a rule as the municipality's next version (the rest of the rule is kept). */
export async function changeFlowRule(scope: Scope, key: FlowRuleKey, change: RuleChange): Promise<FlowRule> {
  const state = await ruleToChange(scope, key, change.basedOnVersion);
  const body = changedBody(key, state.view.rule, change);
  return insertVersion(scope, key, state, body, change.note ?? null);
}

/**
 * Returns to the national default by saving it as the municipality's next version: the history
 * stays whole and the rows stay insert-only. That copy does not follow a later change of the
 * national default; choosing the default again picks up the new one.
 */
export async function restoreNationalDefault(scope: Scope, key: FlowRuleKey, input: { basedOnVersion: number; note?: string }): Promise<FlowRule> {
  const state = await ruleToChange(scope, key, input.basedOnVersion);
  if (state.view.sameAsNationalDefault) refuse('flowrules.error.alreadyDefault');
  return insertVersion(scope, key, state, state.nationalBody, input.note ?? null, { nationalDefaultVersion: state.view.nationalDefault.version });
}
