-- Foundation: tenants, teams, users, sessions, credentials and the audit log.
--
-- Every table with tenant data has tenant_id, row-level security and a policy that compares it
-- with the request's app.tenant_id. Requests run as selvbestemt_app, which owns nothing and
-- cannot bypass row-level security; without a context, app_tenant_id() is null and no row
-- matches. See migrations/README.md for the checklist every new table follows.

do $$
begin
  create role selvbestemt_app nologin nosuperuser nobypassrls noinherit;
exception when duplicate_object then null;
end $$;

do $$
begin
  execute format('grant selvbestemt_app to %I', current_user);
exception when others then null; -- already a member, or a superuser who needs no grant
end $$;

grant usage on schema public to selvbestemt_app;

create or replace function app_tenant_id() returns uuid
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create or replace function app_user_id() returns uuid
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;

-- A trigger function for insert-only tables: updates, deletes and truncation are refused.
create or replace function refuse_change() returns trigger
  language plpgsql
  as $$
begin
  raise exception 'table % is insert-only', tg_table_name using errcode = 'P0001';
end $$;

-- Municipalities. A request sees only its own tenant's row.
create table tenants (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(name) between 1 and 200),
  hostnames text[] not null default '{}',
  settings jsonb not null default '{}',
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
alter table tenants enable row level security;
create policy tenant_self on tenants using (id = app_tenant_id()) with check (id = app_tenant_id());
grant select, update on tenants to selvbestemt_app;

create table teams (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('unit', 'child_welfare', 'job_centre', 'school', 'daycare', 'health', 'ssp_police', 'leisure', 'partner', 'other')),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  unique (tenant_id, id)
);
create unique index teams_name_per_tenant on teams (tenant_id, lower(name));
alter table teams enable row level security;
create policy tenant_isolation on teams using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on teams to selvbestemt_app;

create table users (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  username text not null check (username ~ '^[a-z0-9][a-z0-9._@-]{1,99}$'),
  display_name text not null check (length(display_name) between 1 and 200),
  email text,
  role text not null check (role in ('professional', 'adviser', 'caseworker', 'manager', 'partner', 'mentor', 'admin', 'dpo')),
  team_id uuid,
  professional_group text,
  password_hash text,
  totp_secret_enc text,
  totp_enrolled_at timestamptz,
  totp_last_step bigint,
  oidc_subject text,
  preferred_language text check (preferred_language in ('da', 'en')),
  active boolean not null default true,
  deactivated_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, team_id) references teams (tenant_id, id)
);
create unique index users_username_per_tenant on users (tenant_id, username);
create unique index users_oidc_subject_per_tenant on users (tenant_id, oidc_subject) where oidc_subject is not null;
create index users_email on users (tenant_id, lower(email));
alter table users enable row level security;
create policy tenant_isolation on users using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on users to selvbestemt_app;

create table recovery_codes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  user_id uuid not null,
  code_hash text not null,
  used_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
create index recovery_codes_user on recovery_codes (tenant_id, user_id);
alter table recovery_codes enable row level security;
create policy tenant_isolation on recovery_codes using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update, delete on recovery_codes to selvbestemt_app;

-- Server-side sessions. The cookie holds a random token; only its SHA-256 is stored.
create table sessions (
  id text primary key,
  tenant_id uuid not null references tenants(id),
  user_id uuid not null,
  stage text not null check (stage in ('second_factor', 'enrolment', 'complete')),
  auth_method text not null check (auth_method in ('password', 'oidc', 'api')),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
create index sessions_user on sessions (tenant_id, user_id);
alter table sessions enable row level security;
create policy tenant_isolation on sessions using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update, delete on sessions to selvbestemt_app;

-- Failed-login counters per account and per client; keys are keyed hashes, never plain.
create table login_throttle (
  tenant_id uuid not null references tenants(id),
  key_hash text not null,
  failures integer not null default 0,
  window_started_at timestamptz not null default now(),
  locked_until timestamptz,
  primary key (tenant_id, key_hash)
);
alter table login_throttle enable row level security;
create policy tenant_isolation on login_throttle using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update, delete on login_throttle to selvbestemt_app;

-- Single-use links: creating the first administrator, activating a new user.
create table one_time_links (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  purpose text not null check (purpose in ('first_admin', 'activate_user')),
  token_hash text not null unique,
  user_id uuid,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
alter table one_time_links enable row level security;
create policy tenant_isolation on one_time_links using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on one_time_links to selvbestemt_app;

-- Personal access tokens for API clients: shown once, stored hashed, scoped, expiring.
create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  user_id uuid not null,
  name text not null check (length(name) between 1 and 100),
  token_hash text not null unique,
  token_prefix text not null,
  scopes text[] not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
create index api_tokens_user on api_tokens (tenant_id, user_id);
alter table api_tokens enable row level security;
create policy tenant_isolation on api_tokens using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on api_tokens to selvbestemt_app;

-- The audit log. Rows are written in the same transaction as the work they describe and are
-- never changed. A single sealer later appends each committed row to its tenant's hash chain
-- (audit_chain), so requests never wait on a shared chain head. txid records the writing
-- transaction: the sealer takes only rows whose transaction has ended, in a stable order.
create table audit_events (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references tenants(id),
  occurred_at timestamptz not null default clock_timestamp(),
  actor_kind text not null check (actor_kind in ('user', 'api_token', 'system', 'anonymous')),
  actor_user_id uuid,
  action text not null check (length(action) between 1 and 100),
  outcome text not null check (outcome in ('ok', 'denied', 'failed')),
  entity_type text,
  entity_id text,
  person_id uuid,
  purpose text,
  details jsonb not null default '{}',
  request_id text,
  txid xid8 not null default pg_current_xact_id()
);
create index audit_events_txid on audit_events (txid);
create index audit_events_tenant_time on audit_events (tenant_id, occurred_at);
create index audit_events_person on audit_events (tenant_id, person_id) where person_id is not null;
create index audit_events_actor on audit_events (tenant_id, actor_user_id, occurred_at);
create trigger audit_events_insert_only before update or delete on audit_events
  for each row execute function refuse_change();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function refuse_change();
alter table audit_events enable row level security;
create policy tenant_isolation on audit_events using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert on audit_events to selvbestemt_app;

create table audit_chain (
  tenant_id uuid not null references tenants(id),
  seq bigint not null,
  event_id bigint not null unique references audit_events(id),
  prev_hash text not null,
  hash text not null,
  sealed_at timestamptz not null default now(),
  primary key (tenant_id, seq)
);
create trigger audit_chain_insert_only before update or delete on audit_chain
  for each row execute function refuse_change();
create trigger audit_chain_no_truncate before truncate on audit_chain
  for each statement execute function refuse_change();
alter table audit_chain enable row level security;
create policy tenant_isolation on audit_chain using (tenant_id = app_tenant_id());
grant select on audit_chain to selvbestemt_app;

-- The sealer's progress: every transaction older than last_xmin has been sealed. Owner only.
create table audit_sealer_state (
  id integer primary key check (id = 1),
  last_xmin xid8 not null
);
insert into audit_sealer_state (id, last_xmin) values (1, '0');
