-- Issue 3, speed: the functions that row-level security calls on every case-related row, and
-- the search candidates, move from LANGUAGE sql to LANGUAGE plpgsql with the same bodies.
-- A SQL function that cannot be inlined (SECURITY DEFINER, SET search_path, a FROM clause)
-- is planned afresh in every statement and at every place it is called from: a case page
-- called app_case_visible from about a dozen subplans, each paying ~0.2 ms of planning, more
-- than the rest of the page's database work. PL/pgSQL keeps its statements' plans for the
-- life of the connection, so a call costs microseconds. What they return is unchanged.

create or replace function app_user_team_id() returns uuid
  language plpgsql stable parallel safe
  as $$
  begin
    return (select u.team_id from users u
             where u.id = app_user_id() and u.active and u.role in ('adviser', 'caseworker', 'manager'));
  end
  $$;

create or replace function app_case_visible(p_case uuid, p_owner uuid, p_protected boolean) returns boolean
  language plpgsql stable security definer
  set search_path = public
  as $$
  begin
    return exists (
      select 1 from users u
       where u.id = app_user_id() and u.tenant_id = app_tenant_id() and u.active and u.role in ('adviser', 'caseworker', 'manager') and u.team_id is not null
         and (u.team_id = p_owner
              or exists (select 1 from case_shares s where s.case_id = p_case and s.team_id = u.team_id and s.revoked_at is null)
              or exists (select 1 from case_transfers tr where tr.case_id = p_case and tr.to_team_id = u.team_id and tr.status = 'pending'))
         and (not p_protected or exists (select 1 from case_named_users n where n.case_id = p_case and n.user_id = u.id))
    );
  end
  $$;

create or replace function unsafe_case_ids_by_name_tokens(p_tenant uuid, p_team uuid, p_tokens text[], p_limit integer) returns setof uuid
  language plpgsql stable security definer
  set search_path = public
  as $$
  begin
    return query
      select distinct k.case_id from (
        select p.case_id from case_persons p join cases c on c.id = p.case_id
         where p_tenant = app_tenant_id() and p_team = app_user_team_id()
           and p.tenant_id = p_tenant and p.name_tokens @> p_tokens
           and (c.owner_team_id = p_team
                or exists (select 1 from case_shares s where s.case_id = c.id and s.team_id = p_team and s.revoked_at is null))
         limit p_limit) k;
  end
  $$;

create or replace function unsafe_inquiry_ids_by_name_tokens(p_tenant uuid, p_team uuid, p_tokens text[], p_limit integer) returns setof uuid
  language plpgsql stable security definer
  set search_path = public
  as $$
  begin
    return query
      select i.id from inquiries i
       where p_tenant = app_tenant_id() and p_team = app_user_team_id()
         and i.tenant_id = p_tenant and i.name_tokens @> p_tokens and i.team_id = p_team and i.case_id is null
       limit p_limit;
  end
  $$;

-- The inquiry policy asks for the user's team once per statement, not once per row: a
-- sub-select of a function without arguments is evaluated once (an InitPlan).
drop policy tenant_isolation on inquiries;
create policy tenant_isolation on inquiries using (
  tenant_id = app_tenant_id()
  and (reporter_user_id = app_user_id()
       or team_id = (select app_user_team_id())
       or forwarded_from_team_id = (select app_user_team_id())
       or (case_id is not null and exists (select 1 from cases c where c.id = case_id)))
) with check (tenant_id = app_tenant_id());
