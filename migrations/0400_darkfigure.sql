-- Issue 6: the hidden-number page ("Mørketal"). No tables: the page reads the case flow's
-- inquiries and cases (source_sector, person_key; migration 0100) through two look-ups that
-- cross teams, because a hidden-number estimate is only meaningful over the whole municipality
-- while row-level security shows a manager only her own team's records.
--
-- Both functions return aggregates only, never a key, a record or a row id: the number of people
-- per capture history (which of the chosen sources saw them), and the number of records that
-- could not be linked. They answer only an active manager of the request's own tenant (checked
-- here as well as in the feature's policy), and only for that tenant. See
-- docs/decisions/0401-darkfigure-access-and-linkage.md.

-- People per capture history. A person is a person_key; bit i of `history` is set when at
-- least one inquiry received, or case opened, in [p_from, p_to) from source p_sectors[i + 1]
-- carries that key. Records without a key are left out (see unsafe_darkfigure_unlinked).
create or replace function unsafe_darkfigure_histories(p_from timestamptz, p_to timestamptz, p_sectors text[])
  returns table (history integer, people integer)
  language sql stable security definer
  set search_path = public
  as $$
    with allowed as (
      select 1 from users u
       where u.id = app_user_id() and u.tenant_id = app_tenant_id() and u.active and u.role = 'manager'
         and cardinality(p_sectors) between 1 and 10
    ),
    records as (
      select i.person_key, i.source_sector from inquiries i
       where i.tenant_id = app_tenant_id() and i.person_key is not null
         and i.received_at >= p_from and i.received_at < p_to and i.source_sector = any (p_sectors)
      union all
      select c.person_key, c.source_sector from cases c
       where c.tenant_id = app_tenant_id() and c.person_key is not null
         and c.opened_at >= p_from and c.opened_at < p_to and c.source_sector = any (p_sectors)
    ),
    people as (
      select bit_or(1 << (array_position(p_sectors, r.source_sector) - 1)) as history
        from records r
       where exists (select 1 from allowed)
       group by r.person_key
    )
    select p.history, count(*)::int as people from people p group by p.history order by p.history
  $$;
revoke all on function unsafe_darkfigure_histories(timestamptz, timestamptz, text[]) from public;
grant execute on function unsafe_darkfigure_histories(timestamptz, timestamptz, text[]) to selvbestemt_app;

-- Records in the same period and sources that carry no person key (no CPR number was known:
-- anonymous consultations, citizens' messages, concerns without a CPR number). A case opened
-- from such an inquiry is not counted a second time.
create or replace function unsafe_darkfigure_unlinked(p_from timestamptz, p_to timestamptz, p_sectors text[])
  returns integer
  language sql stable security definer
  set search_path = public
  as $$
    select case when not exists (
             select 1 from users u
              where u.id = app_user_id() and u.tenant_id = app_tenant_id() and u.active and u.role = 'manager')
           then 0
           else (select count(*)::int from inquiries i
                  where i.tenant_id = app_tenant_id() and i.person_key is null
                    and i.received_at >= p_from and i.received_at < p_to and i.source_sector = any (p_sectors))
              + (select count(*)::int from cases c
                  where c.tenant_id = app_tenant_id() and c.person_key is null
                    and c.opened_at >= p_from and c.opened_at < p_to and c.source_sector = any (p_sectors)
                    and not exists (
                      select 1 from inquiries i
                       where i.tenant_id = c.tenant_id and i.case_id = c.id and i.person_key is null
                         and i.received_at >= p_from and i.received_at < p_to and i.source_sector = any (p_sectors)))
           end
  $$;
revoke all on function unsafe_darkfigure_unlinked(timestamptz, timestamptz, text[]) from public;
grant execute on function unsafe_darkfigure_unlinked(timestamptz, timestamptz, text[]) to selvbestemt_app;
