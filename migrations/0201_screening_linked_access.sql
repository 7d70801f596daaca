-- An assessment made on a case or an inquiry is as confidential as that record: the unit reads
-- every assessment in the municipality, except one whose case or inquiry the reader may not see
-- (a protected person's case is limited to its named users). Its author always keeps it.
-- The policies of cases and inquiries decide through the sub-selects; the screening policy in
-- src/features/screening/policy.ts decides the same a second time.
drop policy tenant_isolation on screenings;
create policy tenant_isolation on screenings using (
  tenant_id = app_tenant_id()
  and (created_by = app_user_id()
       or ((case_id is null or exists (select 1 from cases c where c.id = case_id))
           and (inquiry_id is null or exists (select 1 from inquiries i where i.id = inquiry_id))))
) with check (tenant_id = app_tenant_id());
