-- Issue 3, speed: the home page's count of the team's overdue and due-today tasks. Through
-- row-level security every due task of the municipality is checked (other teams' tasks by
-- app_case_visible, one call each) before the team filter applies. This function counts only
-- the tasks of cases the caller's own team owns, for the caller's own tenant and team (else
-- nothing), leaving out protected persons' cases the caller is not named on, and returns two
-- numbers, never a row.
create or replace function unsafe_team_task_counts(p_tenant uuid, p_team uuid, p_today date, out overdue integer, out due_today integer)
  language plpgsql stable security definer
  set search_path = public
  as $$
  begin
    select count(*) filter (where t.due_date < p_today)::int, count(*) filter (where t.due_date = p_today)::int
      into overdue, due_today
      from case_tasks t join cases c on c.id = t.case_id
     where p_tenant = app_tenant_id() and p_team = app_user_team_id()
       and t.tenant_id = p_tenant and t.status = 'open' and t.due_date <= p_today
       and c.owner_team_id = p_team
       and (not c.protected or exists (select 1 from case_named_users n where n.case_id = c.id and n.user_id = app_user_id()));
  end
  $$;
revoke all on function unsafe_team_task_counts(uuid, uuid, date) from public;
grant execute on function unsafe_team_task_counts(uuid, uuid, date) to selvbestemt_app;
