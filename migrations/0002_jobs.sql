-- Background work that a user started and waits for (e.g. a bootstrap interval): its status,
-- progress and result, readable by the user who started it. The queue itself is pg-boss (its
-- own schema "pgboss"); this table is what the pages show.
create table job_runs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  kind text not null check (length(kind) between 1 and 100),
  requested_by uuid,
  visible_roles text[] not null default '{}',
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress_done integer not null default 0,
  progress_total integer,
  input jsonb not null default '{}',
  result jsonb,
  error_key text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  foreign key (tenant_id, requested_by) references users (tenant_id, id)
);
create index job_runs_tenant_kind on job_runs (tenant_id, kind, created_at desc);
alter table job_runs enable row level security;
create policy tenant_isolation on job_runs using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on job_runs to selvbestemt_app;
