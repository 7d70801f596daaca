/**
 * Legal clocks: started when an inquiry arrives or a child assessment starts, with the due
 * time computed once at the start from the rules in force (so a later rule change does not move
 * a running deadline), and stopped by the action that meets them. Overdue and due-today lists
 * are plain queries over the running clocks.
 */
import { DateTime } from 'luxon';
import type { Tx } from '../../db/database.js';
import { WorkingDays, type HolidayCalendar } from './calendar.js';
import { loadFlowRules, type AgeGroup, type ClockKey, type ClockRule, type FlowRules } from './rules.js';

export const ZONE = 'Europe/Copenhagen';

/**
 * When a clock started at `start` is due. Hours and calendar days run on the clock; working
 * days and months end at the end of the local (Copenhagen) day they land on.
 */
export function computeDue(start: Date, duration: ClockRule['duration'], calendar: HolidayCalendar): Date {
  const local = DateTime.fromJSDate(start, { zone: ZONE });
  switch (duration.unit) {
    case 'hours':
      return local.plus({ hours: duration.amount }).toJSDate();
    case 'calendar_days':
      return local.plus({ days: duration.amount }).endOf('day').toJSDate();
    case 'months':
      return local.plus({ months: duration.amount }).endOf('day').toJSDate();
    case 'working_days': {
      const dueDate = new WorkingDays(calendar).addWorkingDays(local.toISODate()!, duration.amount);
      return DateTime.fromISO(dueDate, { zone: ZONE }).endOf('day').toJSDate();
    }
  }
}

/** Today's date in Copenhagen (YYYY-MM-DD). */
export function todayLocal(now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).toISODate()!;
}

/** The Copenhagen date `days` calendar days from today (YYYY-MM-DD). */
export function localDateInDays(days: number, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).plus({ days }).toISODate()!;
}

/** The end of today in Copenhagen. */
export function endOfTodayLocal(now: Date = new Date()): Date {
  return DateTime.fromJSDate(now, { zone: ZONE }).endOf('day').toJSDate();
}

export interface ClockSubject {
  tenantId: string;
  teamId: string;
  inquiryId?: string;
  caseId?: string;
  ageGroup: AgeGroup;
  kind?: 'concern' | 'consultation' | 'citizen';
  reporterIsProfessional?: boolean;
}

/** Starts every clock whose rule matches the event and subject; returns the keys started. */
export async function startClocks(
  tx: Tx,
  event: ClockRule['startsOn'],
  subject: ClockSubject,
  startedAt: Date,
  rules?: FlowRules,
): Promise<ClockKey[]> {
  const flow = rules ?? (await loadFlowRules(tx, subject.tenantId, startedAt));
  const started: ClockKey[] = [];
  for (const { key, version, rule } of flow.clocks) {
    if (rule.startsOn !== event || !rule.ageGroups.includes(subject.ageGroup)) continue;
    if (rule.kinds && (!subject.kind || !rule.kinds.includes(subject.kind))) continue;
    if (rule.reporterIsProfessional && !subject.reporterIsProfessional) continue;
    const due = computeDue(startedAt, rule.duration, flow.calendar);
    await tx.query(
      `insert into clocks (tenant_id, inquiry_id, case_id, team_id, rule_key, rule_version, started_at, due_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [subject.tenantId, subject.inquiryId ?? null, subject.caseId ?? null, subject.teamId, key, version, startedAt, due],
    );
    started.push(key);
  }
  if (subject.inquiryId && started.length > 0) await refreshNextDue(tx, subject.inquiryId);
  return started;
}

/** Keeps inquiries.next_due_at (the inbox's sort key) equal to its nearest running clock. */
async function refreshNextDue(tx: Tx, inquiryId: string): Promise<void> {
  await tx.query('update inquiries set next_due_at = (select min(due_at) from clocks where inquiry_id = $1 and stopped_at is null) where id = $1', [inquiryId]);
}

/** Stops the running clocks that `event` meets on an inquiry or a case. Returns how many stopped. */
export async function stopClocks(
  tx: Tx,
  target: { inquiryId?: string; caseId?: string },
  event: ClockRule['stopsOn'] | 'all',
  userId: string | null,
): Promise<number> {
  const keys = event === 'all' ? null : STOPPED_BY[event];
  const { rowCount } = await tx.query(
    `update clocks set stopped_at = now(), stopped_by = $4
      where stopped_at is null and (inquiry_id = $1 or case_id = $2) and ($3::text[] is null or rule_key = any($3))`,
    [target.inquiryId ?? null, target.caseId ?? null, keys, userId],
  );
  if (target.inquiryId && rowCount > 0) await refreshNextDue(tx, target.inquiryId);
  return rowCount;
}

const STOPPED_BY: Record<ClockRule['stopsOn'], ClockKey[]> = {
  acute_assessed: ['clock.acute_assessment'],
  receipt_confirmed: ['clock.receipt_confirmation'],
  child_assessment_completed: ['clock.child_assessment'],
};

/** Moves the running clocks of an inquiry or case to another team (forwarding, transfer). */
export async function moveClocks(tx: Tx, target: { inquiryId?: string; caseId?: string }, teamId: string): Promise<void> {
  await tx.query('update clocks set team_id = $3 where stopped_at is null and (inquiry_id = $1 or case_id = $2)', [target.inquiryId ?? null, target.caseId ?? null, teamId]);
}

export interface ClockView {
  id: string;
  ruleKey: string;
  startedAt: Date;
  dueAt: Date;
  stoppedAt: Date | null;
  state: 'running' | 'due_today' | 'overdue' | 'met' | 'met_late';
}

export function clockState(clock: { dueAt: Date; stoppedAt: Date | null }, now: Date = new Date()): ClockView['state'] {
  if (clock.stoppedAt) return clock.stoppedAt.getTime() <= clock.dueAt.getTime() ? 'met' : 'met_late';
  if (clock.dueAt.getTime() < now.getTime()) return 'overdue';
  if (clock.dueAt.getTime() <= endOfTodayLocal(now).getTime()) return 'due_today';
  return 'running';
}

/** A case's clocks as a list query (for `selectLists`; $1 is the case id), oldest first. */
export const CASE_CLOCKS_LIST = {
  sql: `select id, rule_key as "ruleKey", started_at as "startedAt", due_at as "dueAt", stopped_at as "stoppedAt"
          from clocks where case_id = $1 order by started_at, rule_key`,
  dates: ['startedAt', 'dueAt', 'stoppedAt'],
} as const;

/** Clock rows with their state as of now. */
export function clockViews(rows: Omit<ClockView, 'state'>[], now: Date = new Date()): ClockView[] {
  return rows.map((row) => ({ ...row, state: clockState(row, now) }));
}

/** The clocks of one inquiry or case, oldest first. */
export async function clocksOf(tx: Tx, target: { inquiryId?: string; caseId?: string }): Promise<ClockView[]> {
  const { rows } = await tx.query<Omit<ClockView, 'state'>>(
    `select id, rule_key as "ruleKey", started_at as "startedAt", due_at as "dueAt", stopped_at as "stoppedAt"
       from clocks where (inquiry_id = $1 or case_id = $2) order by started_at, rule_key`,
    [target.inquiryId ?? null, target.caseId ?? null],
  );
  return clockViews(rows);
}
