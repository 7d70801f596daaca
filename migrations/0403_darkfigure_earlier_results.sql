-- Decision 0402 ("Comparing queries", "What the estimates reveal"), for what was shown before
-- migration 0402 and the review of 2026-11-26:
--
-- 1. Every choice of sources a manager viewed, exported or bootstrapped for a whole calendar year
--    before 0402 had its number linked shown (the rule then never hid it). They are noted as
--    shown, so that new choices for those years are judged together with them. (An audit row is
--    also written for a query whose data could not be used; noting such a choice too only makes
--    the rule stricter.)
-- 2. Bootstrap results stored before this migration hold the engine's exact decimals and the
--    fixed seed 1234, with which the resampling can be replayed over every table consistent with
--    the shown counts. Their results are removed (the run stays, as the audit log refers to it);
--    the page then offers to run the bootstrap again.

insert into darkfigure_releases (tenant_id, period_from, period_to, sectors)
select distinct e.tenant_id, (e.details->>'from')::date, (e.details->>'to')::date,
       array(select s from jsonb_array_elements_text(e.details->'sectors') as s order by s collate "C")
  from audit_events e
 where e.action in ('darkfigure.view', 'darkfigure.export', 'darkfigure.bootstrap')
   and e.details->>'from' ~ '^\d{4}-01-01$'
   and e.details->>'to' = left(e.details->>'from', 4) || '-12-31'
   and jsonb_typeof(e.details->'sectors') = 'array'
   and jsonb_array_length(e.details->'sectors') between 2 and 10
on conflict do nothing;

update job_runs set result = null where kind = 'darkfigure.bootstrap' and result is not null and result ? 'seed';
