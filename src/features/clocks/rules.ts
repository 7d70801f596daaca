/**
 * The case flow's rules as data (table `flow_rules`): the legal clocks, the working-day
 * calendar and the aftercare schedule. A tenant may add its own version of any rule; the
 * highest version in force wins, the tenant's own over the national default. Each body is
 * validated here, so a malformed rule fails loudly instead of silently computing a wrong date.
 */
import { z } from 'zod';
import type { Tx } from '../../db/database.js';
import type { ListQuery } from '../../db/lists.js';
import { HolidayCalendar } from './calendar.js';

export const AGE_GROUPS = ['child', 'young_adult', 'adult', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** A legal clock: when it starts, for which inquiries or cases, how long it runs, what stops it. */
export const ClockRule = z.object({
  appliesTo: z.enum(['inquiry', 'case']),
  startsOn: z.enum(['inquiry_received', 'child_assessment_started']),
  ageGroups: z.array(z.enum(AGE_GROUPS)),
  kinds: z.array(z.enum(['concern', 'consultation', 'citizen'])).optional(),
  reporterIsProfessional: z.boolean().optional(),
  duration: z.object({ amount: z.number().int().min(1).max(1000), unit: z.enum(['hours', 'working_days', 'calendar_days', 'months']) }),
  stopsOn: z.enum(['acute_assessed', 'receipt_confirmed', 'child_assessment_completed']),
});
export type ClockRule = z.infer<typeof ClockRule>;

export const AftercareSchedule = z.object({ months: z.array(z.number().int().min(1).max(60)).min(1).max(12) });
export type AftercareSchedule = z.infer<typeof AftercareSchedule>;

export const CLOCK_KEYS = ['clock.acute_assessment', 'clock.receipt_confirmation', 'clock.child_assessment'] as const;
export type ClockKey = (typeof CLOCK_KEYS)[number];

export const CALENDAR_KEY = 'calendar.holidays';
export const AFTERCARE_KEY = 'aftercare.schedule';

/** Every rule the case flow reads; a row with another key is never used. */
export const FLOW_RULE_KEYS = [...CLOCK_KEYS, AFTERCARE_KEY, CALENDAR_KEY] as const;
export type FlowRuleKey = (typeof FLOW_RULE_KEYS)[number];

/** The schema a rule's body must satisfy, by key (the administration validates new bodies with it). */
export function ruleSchema(key: FlowRuleKey): z.ZodType {
  if (key === CALENDAR_KEY) return HolidayCalendar;
  if (key === AFTERCARE_KEY) return AftercareSchedule;
  return ClockRule;
}

export interface LoadedClockRule {
  key: ClockKey;
  version: number;
  rule: ClockRule;
}

export interface FlowRules {
  clocks: LoadedClockRule[];
  calendar: HolidayCalendar;
  calendarVersion: number;
  aftercare: AftercareSchedule;
}

export interface FlowRuleRow {
  key: string;
  version: number;
  /** Null for the national default. */
  tenantId: string | null;
  body: unknown;
}

/** The select of the rows in force; the tenant and the moment are SQL expressions. */
function rulesInForceSql(tenant: string, at: string): string {
  return `select distinct on (key) key, version, tenant_id as "tenantId", body from flow_rules
           where (tenant_id is null or tenant_id = ${tenant}) and effective_from <= ${at}
           order by key, (tenant_id is not null) desc, version desc`;
}

/**
 * The rules in force now for the request's municipality, as a list query (for `selectLists`
 * beside other lists; it takes no parameters of its own).
 */
export const RULES_IN_FORCE_LIST: ListQuery = { sql: rulesInForceSql('app_tenant_id()', 'now()') };

/**
 * The row in force for each key at `at`: the tenant's own highest version if it has one, else
 * the national default's highest version. (One place for this precedence: the clocks and the
 * administration of the rules must agree on which version is in force.)
 */
export async function loadRulesInForce(tx: Tx, tenantId: string, at: Date = new Date()): Promise<Map<string, FlowRuleRow>> {
  const { rows } = await tx.query<FlowRuleRow>(rulesInForceSql('$1', '$2'), [tenantId, at]);
  return new Map(rows.map((row) => [row.key, row]));
}

/** Loads the rules in force for a tenant (at `at`, default now). */
export async function loadFlowRules(tx: Tx, tenantId: string, at: Date = new Date()): Promise<FlowRules> {
  return flowRulesFrom(await loadRulesInForce(tx, tenantId, at));
}

/** The rules from the rows in force, each body validated. */
export function flowRulesFrom(rows: Map<string, FlowRuleRow> | FlowRuleRow[]): FlowRules {
  const byKey = Array.isArray(rows) ? new Map(rows.map((row) => [row.key, row])) : rows;
  const calendarRow = byKey.get(CALENDAR_KEY);
  const aftercareRow = byKey.get(AFTERCARE_KEY);
  if (!calendarRow || !aftercareRow) throw new Error('flow rules: calendar.holidays and aftercare.schedule must exist');
  return {
    clocks: CLOCK_KEYS.flatMap((key) => {
      const row = byKey.get(key);
      return row ? [{ key, version: row.version, rule: ClockRule.parse(row.body) }] : [];
    }),
    calendar: HolidayCalendar.parse(calendarRow.body),
    calendarVersion: calendarRow.version,
    aftercare: AftercareSchedule.parse(aftercareRow.body),
  };
}
