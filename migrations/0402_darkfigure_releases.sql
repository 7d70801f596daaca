-- Decision 0402, "Comparing queries": which choices of sources have had their number of people
-- linked shown, per calendar-year period. The number linked of every choice of sources together
-- determines the whole capture-history table, so before a new choice's number is shown the
-- suppression audit checks it together with every number already shown for the same period
-- (src/features/darkfigure/suppression.ts, linkedMayBeShown). Counts are never stored here: only
-- the period and the sources, sorted.

create table darkfigure_releases (
  tenant_id uuid not null references tenants(id),
  period_from date not null,
  period_to date not null,
  sectors text[] not null check (cardinality(sectors) between 2 and 10),
  first_shown_at timestamptz not null default now(),
  primary key (tenant_id, period_from, period_to, sectors)
);
alter table darkfigure_releases enable row level security;
create policy tenant_isolation on darkfigure_releases using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert on darkfigure_releases to selvbestemt_app;
