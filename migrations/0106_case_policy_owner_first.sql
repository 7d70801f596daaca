-- Issue 3, speed: a case the user's own team owns, and that is not a protected person's, is
-- visible without calling app_case_visible: the team is asked once per statement (InitPlan)
-- and compared per row. Every other case (shared, a pending transfer, protected) is decided by
-- app_case_visible exactly as before, so what a user can see is unchanged; lists of the own
-- team's cases, tasks and deadlines no longer pay a function call per row.
drop policy tenant_isolation on cases;
create policy tenant_isolation on cases using (
  tenant_id = app_tenant_id()
  and ((owner_team_id = (select app_user_team_id()) and not protected)
       or app_case_visible(id, owner_team_id, protected))
) with check (tenant_id = app_tenant_id());

-- The function is far dearer than the planner's default guess for PL/pgSQL (cost 100): left at
-- that, it would rather check every case of the tenant once (a hashed sub-plan) than look up
-- the few cases a list's rows belong to.
alter function app_case_visible(uuid, uuid, boolean) cost 1000;
