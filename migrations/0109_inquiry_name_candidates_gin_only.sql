-- Issue 3, speed: for a common surname the planner combined the name-token GIN index with the
-- (tenant, team) index in a BitmapAnd, reading every index entry of the team (42,000 at full
-- size) to answer a query that stops after 100 rows: 12 ms of a search's ~20. Told only about
-- the team it chose the tenant index instead (100,000 entries). The tenant and team tests are
-- written so that no index can serve them (both columns are never null, so coalesce changes
-- nothing; the tokens are keyed per tenant anyway): the GIN index alone finds the candidates,
-- and heap rows are filtered until 100 are found.
create or replace function unsafe_inquiry_ids_by_name_tokens(p_tenant uuid, p_team uuid, p_tokens text[], p_limit integer) returns setof uuid
  language plpgsql stable security definer
  set search_path = public
  set plan_cache_mode = force_custom_plan
  as $$
  begin
    return query
      select i.id from inquiries i
       where p_tenant = app_tenant_id() and p_team = app_user_team_id()
         and i.name_tokens @> p_tokens
         and coalesce(i.tenant_id, p_tenant) = p_tenant and coalesce(i.team_id, p_team) = p_team and i.case_id is null
       limit p_limit;
  end
  $$;
