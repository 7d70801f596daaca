/** The deadlines of a team: running legal clocks that are overdue or due today. */
import { defineRead, runRead, type Read } from '../../db/reads.js';
import { authorize } from '../../platform/access/policy.js';
import type { Scope } from '../../platform/http/scope.js';
import { inquiryPolicy } from '../inquiries/policy.js';
import { endOfTodayLocal } from './clocks.js';

export interface DeadlineItem {
  clockId: string;
  ruleKey: string;
  dueAt: Date;
  inquiryId: string | null;
  caseId: string | null;
  reference: string;
  overdue: boolean;
}

/** Running clocks of the actor's team due by the end of today (Copenhagen), soonest first. */
export function deadlinesRead(scope: Scope, now: Date = new Date()): Read<DeadlineItem[]> {
  const actor = scope.user();
  authorize(inquiryPolicy, actor, 'list_inbox', null, { entityType: 'clock' });
  return defineRead<DeadlineItem, DeadlineItem[]>({
    sql: `select k.id as "clockId", k.rule_key as "ruleKey", k.due_at as "dueAt", k.inquiry_id as "inquiryId", k.case_id as "caseId",
                 coalesce(i.reference, c.reference) as reference, k.due_at < $4 as overdue
            from clocks k left join inquiries i on i.id = k.inquiry_id left join cases c on c.id = k.case_id
           where k.tenant_id = $1 and k.team_id = $2 and k.stopped_at is null and k.due_at <= $3
           order by k.due_at limit 500`,
    params: [scope.tenant.id, actor.teamId, endOfTodayLocal(now), now],
    dates: ['dueAt'],
    finish: async (rows) => {
      await scope.audit({ action: 'clock.list_deadlines', entityType: 'clock', details: { count: rows.length } });
      return rows;
    },
  });
}

/**
 * How many of the team's running clocks are overdue, and how many are due later today (the home
 * page). Counted in the database: reading the list (up to 500 rows, each joined to its inquiry
 * or case) took twice as long and stopped counting at 500. Counts hold no personal data: no
 * audit row.
 */
export function deadlineCountsRead(scope: Scope, now: Date = new Date()): Read<{ overdue: number; today: number }> {
  const actor = scope.user();
  authorize(inquiryPolicy, actor, 'list_inbox', null, { entityType: 'clock' });
  return defineRead<{ overdue: number | null; today: number | null }, { overdue: number; today: number }>({
    sql: `select count(*) filter (where due_at < $4)::int as overdue, count(*) filter (where due_at >= $4)::int as today
            from clocks where tenant_id = $1 and team_id = $2 and stopped_at is null and due_at <= $3`,
    params: [scope.tenant.id, actor.teamId, endOfTodayLocal(now), now],
    finish: (rows) => ({ overdue: rows[0]?.overdue ?? 0, today: rows[0]?.today ?? 0 }),
  });
}

export async function listDeadlines(scope: Scope, now: Date = new Date()): Promise<DeadlineItem[]> {
  return runRead(scope.tx, deadlinesRead(scope, now));
}
