-- Calibration: the unit writes fictional vignettes, runs rounds in which staff screen each
-- vignette with the instrument, and the results page measures how far they agree.

create table calibration_vignettes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  title text not null check (length(title) between 1 and 200),
  body text not null check (length(body) between 1 and 5000),
  -- The level the unit considers right, for teaching after the round.
  expected_level smallint not null check (expected_level between 0 and 3),
  teaching_note text check (teaching_note is null or length(teaching_note) <= 3000),
  archived boolean not null default false,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create index calibration_vignettes_list on calibration_vignettes (tenant_id, archived, created_at desc);
alter table calibration_vignettes enable row level security;
create policy tenant_isolation on calibration_vignettes using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on calibration_vignettes to selvbestemt_app;

create table calibration_rounds (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  name text not null check (length(name) between 1 and 200),
  instrument_id uuid not null,
  -- The professional groups invited to answer.
  groups text[] not null check (cardinality(groups) between 1 and 8),
  status text not null default 'open' check (status in ('open', 'closed')),
  created_by uuid,
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  -- Moves on with every answer: the cached statistics are valid for one value of it.
  answers_version integer not null default 0,
  version integer not null default 1,
  unique (tenant_id, id),
  foreign key (tenant_id, instrument_id) references screening_instruments (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create index calibration_rounds_list on calibration_rounds (tenant_id, created_at desc);
alter table calibration_rounds enable row level security;
create policy tenant_isolation on calibration_rounds using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on calibration_rounds to selvbestemt_app;

-- The vignettes of a round, copied when the round starts, so later edits of a vignette never
-- change what was answered.
create table calibration_round_vignettes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  round_id uuid not null,
  vignette_id uuid,
  position integer not null check (position >= 1),
  title text not null,
  body text not null,
  expected_level smallint not null check (expected_level between 0 and 3),
  unique (tenant_id, id),
  unique (round_id, position),
  foreign key (tenant_id, round_id) references calibration_rounds (tenant_id, id),
  foreign key (tenant_id, vignette_id) references calibration_vignettes (tenant_id, id)
);
alter table calibration_round_vignettes enable row level security;
create policy tenant_isolation on calibration_round_vignettes using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert on calibration_round_vignettes to selvbestemt_app;
create trigger calibration_round_vignettes_insert_only before update or delete on calibration_round_vignettes
  for each row execute function refuse_change();

-- One answer per rater and vignette, never changed. Steps are stored in the instrument's domain
-- order and red flags as 0/1 in its red-flag order, so the statistics are one SQL aggregate.
create table calibration_answers (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  round_id uuid not null,
  round_vignette_id uuid not null,
  user_id uuid not null,
  professional_group text not null,
  ratings smallint[] not null check (cardinality(ratings) = 8 and 0 <= all (ratings) and 3 >= all (ratings)),
  red_flags smallint[] not null check (cardinality(red_flags) = 6 and 0 <= all (red_flags) and 1 >= all (red_flags)),
  computed_level smallint not null check (computed_level between 0 and 3),
  final_level smallint not null check (final_level between 0 and 3 and final_level >= computed_level),
  created_at timestamptz not null default now(),
  unique (round_vignette_id, user_id),
  foreign key (tenant_id, round_id) references calibration_rounds (tenant_id, id),
  foreign key (tenant_id, round_vignette_id) references calibration_round_vignettes (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
create index calibration_answers_round on calibration_answers (tenant_id, round_id, user_id);
alter table calibration_answers enable row level security;
create policy tenant_isolation on calibration_answers using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert on calibration_answers to selvbestemt_app;
create trigger calibration_answers_insert_only before update or delete on calibration_answers
  for each row execute function refuse_change();

-- Computed statistics per round, valid while answers_version matches the round's.
create table calibration_round_stats (
  round_id uuid primary key,
  tenant_id uuid not null references tenants(id),
  answers_version integer not null,
  stats jsonb not null,
  computed_at timestamptz not null default now(),
  foreign key (tenant_id, round_id) references calibration_rounds (tenant_id, id)
);
alter table calibration_round_stats enable row level security;
create policy tenant_isolation on calibration_round_stats using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on calibration_round_stats to selvbestemt_app;
