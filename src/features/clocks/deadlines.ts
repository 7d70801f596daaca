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

export async function listDeadlines(scope: Scope, now: Date = new Date()): Promise<DeadlineItem[]> {
  return runRead(scope.tx, deadlinesRead(scope, now));
}
