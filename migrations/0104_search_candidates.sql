-- (Numbered 0104: an early draft of this file reached a shared test database as 0103.)
-- Issue 3, search: `@>` on text[] is not leakproof, so under row-level security PostgreSQL may
-- not use the GIN index on name tokens before the access check and instead checks access for
-- every person of the tenant (seconds at 20,000 cases). These two functions use the index and
-- return candidate ids only (no content), for the current tenant and the request user's own
-- team (cases it owns or has been shared, inquiries waiting with it; `p_team` must be the
-- caller's team or nothing is returned). The caller then reads the rows through row-level
-- security, which drops everything the user may not see (e.g. a protected person's case).
create or replace function unsafe_case_ids_by_name_tokens(p_tenant uuid, p_team uuid, p_tokens text[], p_limit integer) returns setof uuid
  language sql stable security definer
  set search_path = public
  as $$
    select distinct k.case_id from (
      select p.case_id from case_persons p join cases c on c.id = p.case_id
       where p_tenant = app_tenant_id() and p_team = app_user_team_id()
         and p.tenant_id = p_tenant and p.name_tokens @> p_tokens
         and (c.owner_team_id = p_team
              or exists (select 1 from case_shares s where s.case_id = c.id and s.team_id = p_team and s.revoked_at is null))
       limit p_limit) k
  $$;
revoke all on function unsafe_case_ids_by_name_tokens(uuid, uuid, text[], integer) from public;
grant execute on function unsafe_case_ids_by_name_tokens(uuid, uuid, text[], integer) to selvbestemt_app;

create or replace function unsafe_inquiry_ids_by_name_tokens(p_tenant uuid, p_team uuid, p_tokens text[], p_limit integer) returns setof uuid
  language sql stable security definer
  set search_path = public
  as $$
    select id from inquiries
     where p_tenant = app_tenant_id() and p_team = app_user_team_id()
       and tenant_id = p_tenant and name_tokens @> p_tokens and team_id = p_team and case_id is null
     limit p_limit
  $$;
revoke all on function unsafe_inquiry_ids_by_name_tokens(uuid, uuid, text[], integer) from public;
grant execute on function unsafe_inquiry_ids_by_name_tokens(uuid, uuid, text[], integer) to selvbestemt_app;
