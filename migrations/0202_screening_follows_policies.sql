-- Who reads an assessment, in SQL as in src/features/screening/policy.ts: its author, and the
-- NSK unit (advisers and managers of a team of kind 'unit') when the unit may read the case or
-- inquiry it was made on by those records' own policies.
--
-- Migration 0201 asked only whether the case or inquiry row was visible under row-level
-- security, which is wider than reading it: a team with a pending transfer or an unacknowledged
-- share sees the case row (for the handover summary), the team an inquiry was forwarded from
-- sees the inquiry row (to write the forward), and "the unit" was any adviser or manager, so a
-- school's manager read the unit's assessment of the concern she had reported.

-- The request user is an active adviser or manager of an active team of kind 'unit'.
create or replace function app_user_reads_unit_screenings() returns boolean
  language plpgsql stable
  as $$
  begin
    return exists (
      select 1 from users u join teams t on t.id = u.team_id
       where u.id = app_user_id() and u.active and u.role in ('adviser', 'manager') and t.kind = 'unit' and t.active);
  end
  $$;

-- inquiryPolicy 'read_full' (src/features/inquiries/policy.ts), asked in SQL: the receiving
-- team, or a team that may read the case it led to, and never past a protected person's case
-- the user is not named on (the inquiries policy of migration 0115 already hides those rows).
create or replace function app_inquiry_readable(p_inquiry uuid) returns boolean
  language plpgsql stable
  as $$
  declare
    v_team uuid := app_user_team_id();
  begin
    if p_inquiry is null or v_team is null then
      return false;
    end if;
    return exists (
      select 1 from inquiries i
       where i.id = p_inquiry
         and not app_case_closed_to_user(i.case_id)
         and (i.team_id = v_team or app_case_readable(i.case_id)));
  end
  $$;
alter function app_inquiry_readable(uuid) cost 1000;

drop policy tenant_isolation on screenings;
create policy tenant_isolation on screenings using (
  tenant_id = app_tenant_id()
  and (created_by = app_user_id()
       or ((select app_user_reads_unit_screenings())
           and (case_id is null or app_case_readable(case_id))
           and (inquiry_id is null or app_inquiry_readable(inquiry_id))))
) with check (tenant_id = app_tenant_id());
