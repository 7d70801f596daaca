-- Issue 6: a case's person key for the hidden-number page is its subject's current key.
--
-- The case flow writes cases.person_key when a case is opened with a CPR number and when a
-- subject is added, but not when the subject's CPR number is added or changed later through
-- "edit person" (case_persons.person_key is updated, cases.person_key is not). The page would then
-- count such a case as not linkable, or under the old key. Both functions of 0400 are redefined
-- to take the subject's key from case_persons first and cases.person_key only when the case has
-- no subject row with a key. Same signatures, same access check, aggregates only.

create or replace function darkfigure_case_key(p_case uuid, p_case_key text) returns text
  language sql stable
  set search_path = public
  as $$
    select coalesce(
      (select p.person_key from case_persons p where p.case_id = p_case and p.role = 'subject' and p.person_key is not null limit 1),
      p_case_key)
  $$;
revoke all on function darkfigure_case_key(uuid, text) from public;

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
      select k.person_key, k.source_sector from (
        select darkfigure_case_key(c.id, c.person_key) as person_key, c.source_sector from cases c
         where c.tenant_id = app_tenant_id()
           and c.opened_at >= p_from and c.opened_at < p_to and c.source_sector = any (p_sectors)
      ) k where k.person_key is not null
    ),
    people as (
      select bit_or(1 << (array_position(p_sectors, r.source_sector) - 1)) as history
        from records r
       where exists (select 1 from allowed)
       group by r.person_key
    )
    select p.history, count(*)::int as people from people p group by p.history order by p.history
  $$;

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
                  where c.tenant_id = app_tenant_id() and darkfigure_case_key(c.id, c.person_key) is null
                    and c.opened_at >= p_from and c.opened_at < p_to and c.source_sector = any (p_sectors)
                    and not exists (
                      select 1 from inquiries i
                       where i.tenant_id = c.tenant_id and i.case_id = c.id and i.person_key is null
                         and i.received_at >= p_from and i.received_at < p_to and i.source_sector = any (p_sectors)))
           end
  $$;
