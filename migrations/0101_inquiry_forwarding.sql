-- Issue 3: the team that forwarded an inquiry keeps it visible at row level (its history),
-- so forwarding can be written at all; the inquiry policy still shows it only to the new team
-- (and its reporter's status view).
drop policy tenant_isolation on inquiries;
create policy tenant_isolation on inquiries using (
  tenant_id = app_tenant_id()
  and (reporter_user_id = app_user_id()
       or team_id = app_user_team_id()
       or forwarded_from_team_id = app_user_team_id()
       or (case_id is not null and exists (select 1 from cases c where c.id = case_id)))
) with check (tenant_id = app_tenant_id());
