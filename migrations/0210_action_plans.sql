-- Action plans (handleplaner): one plan per professional group and screening level, each with
-- insert-only versions (the change log), and "was this useful?" feedback per step.

create table action_plans (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  professional_group text not null check (professional_group in
    ('school_daycare', 'health_visitor', 'job_uu', 'ssp_police', 'leisure', 'child_welfare', 'civil_society', 'unit')),
  level smallint not null check (level between 0 and 3),
  current_number integer not null default 1,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, professional_group, level)
);
alter table action_plans enable row level security;
create policy tenant_isolation on action_plans using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on action_plans to selvbestemt_app;

create table action_plan_versions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  plan_id uuid not null,
  number integer not null check (number >= 1),
  steps jsonb not null,
  change_note text check (change_note is null or length(change_note) <= 2000),
  created_by uuid,
  created_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (plan_id, number),
  foreign key (tenant_id, plan_id) references action_plans (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create index action_plan_versions_plan on action_plan_versions (tenant_id, plan_id, number desc);
alter table action_plan_versions enable row level security;
create policy tenant_isolation on action_plan_versions using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert on action_plan_versions to selvbestemt_app;
create trigger action_plan_versions_insert_only before update or delete on action_plan_versions
  for each row execute function refuse_change();

-- One answer per user, plan version and step; answering again replaces the answer.
create table action_plan_feedback (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  plan_version_id uuid not null,
  step_key text not null check (step_key ~ '^[a-z0-9-]{1,60}$'),
  user_id uuid not null,
  useful boolean not null,
  comment_enc text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (plan_version_id, step_key, user_id),
  foreign key (tenant_id, plan_version_id) references action_plan_versions (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
create index action_plan_feedback_version on action_plan_feedback (tenant_id, plan_version_id);
alter table action_plan_feedback enable row level security;
create policy tenant_isolation on action_plan_feedback using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on action_plan_feedback to selvbestemt_app;
