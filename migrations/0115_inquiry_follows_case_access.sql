-- An inquiry that led to a case is part of that case's record, and no more open than the case:
--
-- 1. A protected person's case is open only to its named users (decision 0110 §5). The inquiry
--    it was opened from still belongs to the receiving team, and showed that team's other
--    members the person's name, CPR number and the concern. The team (and the forwarding team)
--    now see such an inquiry only when the case is not closed to them.
-- 2. A team may read a case only once it owns it or holds a share, and has acknowledged the
--    latest handover to it (casePolicy 'read'); a pending transfer or an unacknowledged share
--    shows the handover summary and nothing else. Row-level security lets such a team see the
--    case row (it must read the summary), and the inquiry behind the case followed that row.
--    `app_case_readable` answers the policy's question in SQL, and the inquiry follows it.
--
-- Both functions are used again by the screening policy (migration 0202).

-- casePolicy 'read' (src/features/cases/policy.ts with access.ts), asked in SQL: the case is
-- visible under row-level security (an active user of a case role, and a named user when the
-- person is protected), the user's team owns it or holds an active share, and the latest
-- handover to her team, if any, is acknowledged by her. Security invoker: every table it reads
-- keeps its own row-level security.
create or replace function app_case_readable(p_case uuid) returns boolean
  language plpgsql stable
  as $$
  declare
    v_team uuid := app_user_team_id();
  begin
    if p_case is null or v_team is null then
      return false;
    end if;
    return exists (
      select 1 from cases c
       where c.id = p_case
         and (c.owner_team_id = v_team
              or exists (select 1 from case_shares s where s.case_id = c.id and s.team_id = v_team and s.revoked_at is null))
         and not exists (
           select 1 from (select h.id from handovers h where h.case_id = c.id and h.to_team_id = v_team order by h.created_at desc limit 1) latest
            where not exists (select 1 from handover_acknowledgements a where a.handover_id = latest.id and a.user_id = app_user_id())));
  end
  $$;
alter function app_case_readable(uuid) cost 1000;

-- Whether the case is a protected person's and the request user is not one of its named users.
-- Security definer: the inquiry's team must be told "closed to you" also for a case its
-- row-level security hides for other reasons (transferred away), where the intake record stays
-- with the team. It answers a yes/no for the caller's own tenant only.
create or replace function app_case_closed_to_user(p_case uuid) returns boolean
  language plpgsql stable security definer
  set search_path = public
  as $$
  begin
    if p_case is null then
      return false;
    end if;
    return exists (
      select 1 from cases c
       where c.id = p_case and c.tenant_id = app_tenant_id() and c.protected
         and not exists (select 1 from case_named_users n where n.case_id = c.id and n.user_id = app_user_id()));
  end
  $$;
alter function app_case_closed_to_user(uuid) cost 1000;
revoke all on function app_case_closed_to_user(uuid) from public;
grant execute on function app_case_closed_to_user(uuid) to selvbestemt_app;

drop policy tenant_isolation on inquiries;
create policy tenant_isolation on inquiries using (
  tenant_id = app_tenant_id()
  and (reporter_user_id = app_user_id()
       or ((team_id = (select app_user_team_id()) or forwarded_from_team_id = (select app_user_team_id()))
           and (case_id is null or not app_case_closed_to_user(case_id)))
       or (case_id is not null and app_case_readable(case_id)))
) with check (tenant_id = app_tenant_id());
