-- Speed (decision 0007, rule 6): the inbox's and the home page's count of inquiries waiting for
-- the team. Through row-level security each of the team's waiting inquiries (about 2,000 in the
-- full-size bench) is checked against the inquiry policy before it is counted — on the embedded
-- database most of an inbox request's time. Every inquiry of the caller's own team passes that
-- policy (its `team_id = app_user_team_id()` branch), so this function counts the same rows
-- without the check: for the caller's own tenant and team only (else nothing), two numbers,
-- never a row.
create or replace function unsafe_team_inbox_counts(p_tenant uuid, p_team uuid, out total integer, out acute integer)
  language plpgsql stable security definer
  set search_path = public
  as $$
  begin
    select count(*)::int, count(*) filter (where i.acute)::int
      into total, acute
      from inquiries i
     where p_tenant = app_tenant_id() and p_team = app_user_team_id()
       and i.tenant_id = p_tenant and i.team_id = p_team and i.status = 'received';
  end
  $$;
revoke all on function unsafe_team_inbox_counts(uuid, uuid) from public;
grant execute on function unsafe_team_inbox_counts(uuid, uuid) to selvbestemt_app;
