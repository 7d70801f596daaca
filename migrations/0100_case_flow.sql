-- Issue 3: inquiries and cases (the case flow), legal clocks as data, handover, aftercare.
--
-- Access is enforced twice (see docs/decisions/0101-case-access.md): the use cases call the
-- policies, and row-level security below limits every row to the tenant AND to what the
-- request's user may see: a case to its owning team, teams it is shared with, a team a
-- transfer is waiting for, and — when a person on it is protected — only to named users.
-- Child rows of a case (notes, tasks, …) are visible exactly when their case is.
-- Personal data is encrypted (*_enc, AES-256-GCM, keys outside the database); CPR numbers are
-- found through keyed hashes (cpr_hash) and linked across sources by person_key.

-- The request user's team (null without a user, an inactive user or a role without case work).
create or replace function app_user_team_id() returns uuid
  language sql stable parallel safe
  as $$ select u.team_id from users u
         where u.id = app_user_id() and u.active and u.role in ('adviser', 'caseworker', 'manager') $$;

-- Rules as data: the legal clocks, the working-day calendar and the aftercare schedule.
-- tenant_id null is the national default; a tenant's own row with the same key wins.
-- Rows are never changed: a new version is a new row (the highest effective version wins).
create table flow_rules (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references tenants(id),
  key text not null check (key ~ '^[a-z_.]+$'),
  version integer not null check (version >= 1),
  body jsonb not null,
  note text,
  effective_from timestamptz not null default '2000-01-01',
  created_at timestamptz not null default now()
);
create unique index flow_rules_key_version on flow_rules (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), key, version);
create trigger flow_rules_insert_only before update or delete on flow_rules
  for each row execute function refuse_change();
alter table flow_rules enable row level security;
create policy tenant_isolation on flow_rules using (tenant_id is null or tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert on flow_rules to selvbestemt_app;

insert into flow_rules (tenant_id, key, version, body, note) values
  (null, 'clock.acute_assessment', 1,
   '{"appliesTo":"inquiry","startsOn":"inquiry_received","ageGroups":["child"],"kinds":["concern"],"duration":{"amount":24,"unit":"hours"},"stopsOn":"acute_assessed"}',
   'Barnets lov: kommunen vurderer inden 24 timer, om en underretning om et barn kræver akut handling.'),
  (null, 'clock.receipt_confirmation', 1,
   '{"appliesTo":"inquiry","startsOn":"inquiry_received","ageGroups":["child"],"kinds":["concern"],"reporterIsProfessional":true,"duration":{"amount":6,"unit":"working_days"},"stopsOn":"receipt_confirmed"}',
   'Barnets lov § 133: modtagelsen af en underretning fra en fagperson bekræftes inden 6 hverdage.'),
  (null, 'clock.child_assessment', 1,
   '{"appliesTo":"case","startsOn":"child_assessment_started","ageGroups":["child"],"duration":{"amount":4,"unit":"months"},"stopsOn":"child_assessment_completed"}',
   'Barnets lov § 20: den børnefaglige undersøgelse afsluttes inden 4 måneder.'),
  (null, 'calendar.holidays', 1,
   '{"easterOffsets":[{"offset":-3,"name":"Skærtorsdag"},{"offset":-2,"name":"Langfredag"},{"offset":0,"name":"Påskedag"},{"offset":1,"name":"2. påskedag"},{"offset":26,"name":"Store bededag","untilYear":2023},{"offset":39,"name":"Kristi himmelfartsdag"},{"offset":49,"name":"Pinsedag"},{"offset":50,"name":"2. pinsedag"}],"fixed":[{"month":1,"day":1,"name":"Nytårsdag"},{"month":12,"day":25,"name":"Juledag"},{"month":12,"day":26,"name":"2. juledag"}],"extraClosedDates":[],"weekend":[6,7]}',
   'Helligdage efter helligdagsloven. Store bededag afskaffet fra 2024 (lov nr. 179 af 28.2.2023). Grundlovsdag, juleaftensdag og nytårsaftensdag er ikke helligdage.'),
  (null, 'aftercare.schedule', 1,
   '{"months":[1,3,6,12]}',
   'Efterværn: opfølgning 1, 3, 6 og 12 måneder efter lukning.');

-- Per-tenant counters for reference numbers (H-2025-00001, S-2025-00001).
create table reference_counters (
  tenant_id uuid not null references tenants(id),
  kind text not null check (kind in ('inquiry', 'case')),
  year integer not null,
  last_value integer not null default 0,
  primary key (tenant_id, kind, year)
);
alter table reference_counters enable row level security;
create policy tenant_isolation on reference_counters using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on reference_counters to selvbestemt_app;

create table cases (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  reference text not null,
  owner_team_id uuid not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  age_group text not null check (age_group in ('child', 'young_adult', 'adult', 'unknown')),
  source_sector text not null check (source_sector in ('school', 'daycare', 'health_visitor', 'child_welfare', 'job_centre', 'ssp_police', 'security_consultant', 'civil_society', 'citizen_site', 'other')),
  -- The subject's keyed hashes (also on case_persons), for matching and linkage.
  cpr_hash text,
  person_key text,
  protected boolean not null default false,
  situation_enc text,
  risk_level smallint check (risk_level between 0 and 3),
  risk_assessed_at timestamptz,
  consent_status text not null default 'not_asked' check (consent_status in ('not_asked', 'given', 'refused', 'not_required')),
  child_assessment_started_at timestamptz,
  child_assessment_completed_at timestamptz,
  opened_by uuid,
  opened_at timestamptz not null default now(),
  closed_at timestamptz,
  closed_by uuid,
  close_reason text check (close_reason in ('goal_reached', 'moved', 'declined', 'transferred_outside', 'no_concern', 'other')),
  close_outcome_enc text,
  last_activity_at timestamptz not null default now(),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, reference),
  foreign key (tenant_id, owner_team_id) references teams (tenant_id, id),
  foreign key (tenant_id, opened_by) references users (tenant_id, id)
);
create index cases_owner on cases (tenant_id, owner_team_id, status, last_activity_at desc);
create index cases_cpr_hash on cases (tenant_id, cpr_hash) where cpr_hash is not null;
create index cases_person_key on cases (tenant_id, person_key) where person_key is not null;

-- Teams a case is shared with (read or write); revoking keeps the row as history.
create table case_shares (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  case_id uuid not null,
  team_id uuid not null,
  access text not null check (access in ('read', 'write')),
  handover_id uuid,
  granted_by uuid not null,
  granted_at timestamptz not null default now(),
  revoked_by uuid,
  revoked_at timestamptz,
  version integer not null default 1,
  unique (tenant_id, id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  foreign key (tenant_id, team_id) references teams (tenant_id, id)
);
create unique index case_shares_active on case_shares (case_id, team_id) where revoked_at is null;
create index case_shares_team on case_shares (tenant_id, team_id) where revoked_at is null;

create table case_transfers (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  case_id uuid not null,
  from_team_id uuid not null,
  to_team_id uuid not null,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'withdrawn')),
  handover_id uuid not null,
  requested_by uuid not null,
  requested_at timestamptz not null default now(),
  decided_by uuid,
  decided_at timestamptz,
  version integer not null default 1,
  unique (tenant_id, id),
  check (from_team_id <> to_team_id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  foreign key (tenant_id, to_team_id) references teams (tenant_id, id),
  foreign key (tenant_id, from_team_id) references teams (tenant_id, id)
);
create unique index case_transfers_one_pending on case_transfers (case_id) where status = 'pending';
create index case_transfers_to_team on case_transfers (tenant_id, to_team_id) where status = 'pending';

-- Users named on a case with a protected person: the only ones who may open it.
create table case_named_users (
  tenant_id uuid not null references tenants(id),
  case_id uuid not null,
  user_id uuid not null,
  added_by uuid,
  added_at timestamptz not null default now(),
  primary key (case_id, user_id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);

-- Whether the request user may see a case: the access rule, defined once and used by every
-- policy below. It reads shares, transfers and named users as the owner (security definer),
-- because their own policies refer back to cases; it answers only for the request's own user.
create or replace function app_case_visible(p_case uuid, p_owner uuid, p_protected boolean) returns boolean
  language sql stable security definer
  set search_path = public
  as $$
    select exists (
      select 1 from users u
       where u.id = app_user_id() and u.tenant_id = app_tenant_id() and u.active and u.role in ('adviser', 'caseworker', 'manager') and u.team_id is not null
         and (u.team_id = p_owner
              or exists (select 1 from case_shares s where s.case_id = p_case and s.team_id = u.team_id and s.revoked_at is null)
              or exists (select 1 from case_transfers tr where tr.case_id = p_case and tr.to_team_id = u.team_id and tr.status = 'pending'))
         and (not p_protected or exists (select 1 from case_named_users n where n.case_id = p_case and n.user_id = u.id))
    )
  $$;

alter table cases enable row level security;
create policy tenant_isolation on cases using (tenant_id = app_tenant_id() and app_case_visible(id, owner_team_id, protected))
  with check (tenant_id = app_tenant_id());
grant select, insert, update on cases to selvbestemt_app;

alter table case_shares enable row level security;
create policy tenant_isolation on case_shares using (tenant_id = app_tenant_id() and exists (select 1 from cases c where c.id = case_id))
  with check (tenant_id = app_tenant_id());
grant select, insert, update on case_shares to selvbestemt_app;

alter table case_transfers enable row level security;
create policy tenant_isolation on case_transfers using (tenant_id = app_tenant_id() and exists (select 1 from cases c where c.id = case_id))
  with check (tenant_id = app_tenant_id());
grant select, insert, update on case_transfers to selvbestemt_app;

alter table case_named_users enable row level security;
create policy tenant_isolation on case_named_users using (tenant_id = app_tenant_id() and exists (select 1 from cases c where c.id = case_id)) with check (tenant_id = app_tenant_id());
grant select, insert, delete on case_named_users to selvbestemt_app;

create table inquiries (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  reference text not null,
  kind text not null check (kind in ('concern', 'consultation', 'citizen')),
  age_group text not null check (age_group in ('child', 'young_adult', 'adult', 'unknown')),
  source_sector text not null check (source_sector in ('school', 'daycare', 'health_visitor', 'child_welfare', 'job_centre', 'ssp_police', 'security_consultant', 'civil_society', 'citizen_site', 'other')),
  reporter_user_id uuid,
  reporter_team_id uuid,
  team_id uuid not null,
  -- Identity (all null for an anonymous consultation).
  subject_name_enc text,
  name_tokens text[] not null default '{}',
  cpr_enc text,
  cpr_hash text,
  person_key text,
  birth_date date,
  school_or_workplace_enc text,
  district text,
  -- What was observed.
  forms text[] not null default '{}',
  controllers text[] not null default '{}',
  red_flags text[] not null default '{}',
  acute boolean not null default false,
  description_enc text,
  status text not null default 'received' check (status in ('received', 'being_handled', 'closed')),
  outcome text check (outcome in ('answered', 'case_opened', 'linked', 'forwarded', 'closed_with_case', 'no_action')),
  answer_enc text,
  repeat_of_inquiry_id uuid,
  case_id uuid,
  forwarded_from_team_id uuid,
  received_at timestamptz not null default now(),
  acute_assessed_at timestamptz,
  acute_assessed_by uuid,
  receipt_confirmed_at timestamptz,
  receipt_confirmed_by uuid,
  handled_at timestamptz,
  closed_at timestamptz,
  version integer not null default 1,
  unique (tenant_id, id),
  unique (tenant_id, reference),
  foreign key (tenant_id, team_id) references teams (tenant_id, id),
  foreign key (tenant_id, reporter_user_id) references users (tenant_id, id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id)
);
create index inquiries_inbox on inquiries (tenant_id, team_id, acute desc, received_at) where status = 'received';
create index inquiries_team_time on inquiries (tenant_id, team_id, received_at desc);
create index inquiries_reporter on inquiries (tenant_id, reporter_user_id, received_at desc);
create index inquiries_cpr_hash on inquiries (tenant_id, cpr_hash, received_at desc) where cpr_hash is not null;
create index inquiries_person_key on inquiries (tenant_id, person_key) where person_key is not null;
create index inquiries_case on inquiries (tenant_id, case_id) where case_id is not null;
create index inquiries_name_tokens on inquiries using gin (name_tokens);
alter table inquiries enable row level security;
create policy tenant_isolation on inquiries using (
  tenant_id = app_tenant_id()
  and (reporter_user_id = app_user_id()
       or team_id = app_user_team_id()
       or (case_id is not null and exists (select 1 from cases c where c.id = case_id)))
) with check (tenant_id = app_tenant_id());
grant select, insert, update on inquiries to selvbestemt_app;

-- The one look-up across teams: the latest earlier inquiry about the same CPR number within a
-- window, for the repeat flag. It returns an id and nothing else, whoever asks.
create or replace function unsafe_inquiry_repeat_of(p_tenant uuid, p_cpr_hash text, p_since timestamptz, p_exclude uuid) returns uuid
  language sql stable security definer
  set search_path = public
  as $$
    select i.id from inquiries i
     where i.tenant_id = p_tenant and i.tenant_id = app_tenant_id() and i.cpr_hash = p_cpr_hash
       and i.received_at >= p_since and i.id <> p_exclude
     order by i.received_at desc limit 1
  $$;
revoke all on function unsafe_inquiry_repeat_of(uuid, text, timestamptz, uuid) from public;
grant execute on function unsafe_inquiry_repeat_of(uuid, text, timestamptz, uuid) to selvbestemt_app;

-- Persons on a case: the subject, relatives, those exerting control, others.
create table case_persons (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  case_id uuid not null,
  role text not null check (role in ('subject', 'relative', 'controller', 'other')),
  name_enc text not null,
  name_tokens text[] not null default '{}',
  cpr_enc text,
  cpr_hash text,
  person_key text,
  birth_date date,
  address_enc text,
  protection text not null default 'none' check (protection in ('none', 'address_protection', 'no_fixed_address')),
  protection_until date,
  note_enc text,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id)
);
create index case_persons_case on case_persons (tenant_id, case_id);
create index case_persons_cpr_hash on case_persons (tenant_id, cpr_hash) where cpr_hash is not null;
create index case_persons_name_tokens on case_persons using gin (name_tokens);
create unique index case_persons_one_subject on case_persons (case_id) where role = 'subject';

create table case_person_relations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  case_id uuid not null,
  from_person_id uuid not null,
  to_person_id uuid not null,
  relation text not null check (relation in ('father', 'mother', 'sibling', 'spouse_partner', 'extended_family_dk', 'family_abroad', 'peer', 'community', 'other')),
  controls boolean not null default false,
  created_by uuid,
  created_at timestamptz not null default now(),
  check (from_person_id <> to_person_id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  foreign key (tenant_id, from_person_id) references case_persons (tenant_id, id),
  foreign key (tenant_id, to_person_id) references case_persons (tenant_id, id)
);
create index case_person_relations_case on case_person_relations (tenant_id, case_id);

create table case_risk_levels (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  case_id uuid not null,
  level smallint not null check (level between 0 and 3),
  reason_enc text not null,
  assessment_id uuid,
  recorded_by uuid,
  recorded_at timestamptz not null default now(),
  foreign key (tenant_id, case_id) references cases (tenant_id, id)
);
create index case_risk_levels_case on case_risk_levels (tenant_id, case_id, recorded_at desc);
create trigger case_risk_levels_insert_only before update or delete on case_risk_levels
  for each row execute function refuse_change();

-- The timeline: every event on a case, never changed. details holds ids, counts and codes only.
create table case_events (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references tenants(id),
  case_id uuid not null,
  occurred_at timestamptz not null default now(),
  actor_user_id uuid,
  kind text not null check (length(kind) between 1 and 60),
  ref_id uuid,
  details jsonb not null default '{}',
  foreign key (tenant_id, case_id) references cases (tenant_id, id)
);
create index case_events_case on case_events (tenant_id, case_id, occurred_at desc);
create trigger case_events_insert_only before update or delete on case_events
  for each row execute function refuse_change();

create table case_notes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  case_id uuid not null,
  body_enc text not null,
  author_id uuid,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  version integer not null default 1,
  foreign key (tenant_id, case_id) references cases (tenant_id, id)
);
create index case_notes_case on case_notes (tenant_id, case_id, created_at desc);

create table case_tasks (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  case_id uuid not null,
  title_enc text not null,
  owner_user_id uuid,
  due_date date not null,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  source text not null default 'manual' check (length(source) between 1 and 60),
  created_by uuid,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  version integer not null default 1,
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  foreign key (tenant_id, owner_user_id) references users (tenant_id, id)
);
create index case_tasks_case on case_tasks (tenant_id, case_id, due_date);
create index case_tasks_owner_open on case_tasks (tenant_id, owner_user_id, due_date) where status = 'open';
create index case_tasks_open_due on case_tasks (tenant_id, due_date) where status = 'open';

create table case_do_not (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  case_id uuid not null,
  text_enc text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  removed_by uuid,
  removed_at timestamptz,
  version integer not null default 1,
  foreign key (tenant_id, case_id) references cases (tenant_id, id)
);
create index case_do_not_case on case_do_not (tenant_id, case_id) where removed_at is null;

create table case_attachments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  case_id uuid not null,
  filename_enc text not null,
  media_type text not null,
  size_bytes integer not null check (size_bytes between 1 and 20971520),
  content_enc bytea not null,
  uploaded_by uuid,
  uploaded_at timestamptz not null default now(),
  removed_at timestamptz,
  foreign key (tenant_id, case_id) references cases (tenant_id, id)
);
create index case_attachments_case on case_attachments (tenant_id, case_id);

-- Structured handover summaries (share and transfer) and who has acknowledged them.
create table handovers (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  case_id uuid not null,
  kind text not null check (kind in ('share', 'transfer')),
  to_team_id uuid not null,
  situation_enc text not null,
  risk_level smallint check (risk_level between 0 and 3),
  risk_assessed_at timestamptz,
  done_enc text not null,
  open_tasks_enc text not null,
  contacts_enc text not null,
  do_not_enc text not null,
  consent_status text not null check (consent_status in ('not_asked', 'given', 'refused', 'not_required')),
  consent_note_enc text,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  foreign key (tenant_id, to_team_id) references teams (tenant_id, id)
);
create index handovers_case on handovers (tenant_id, case_id, created_at desc);
create trigger handovers_insert_only before update or delete on handovers
  for each row execute function refuse_change();

create table handover_acknowledgements (
  tenant_id uuid not null references tenants(id),
  handover_id uuid not null,
  user_id uuid not null,
  acknowledged_at timestamptz not null default now(),
  primary key (handover_id, user_id),
  foreign key (tenant_id, handover_id) references handovers (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);

-- Running and stopped legal clocks; due times are computed when the clock starts.
create table clocks (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  inquiry_id uuid,
  case_id uuid,
  team_id uuid not null,
  rule_key text not null,
  rule_version integer not null,
  started_at timestamptz not null,
  due_at timestamptz not null,
  stopped_at timestamptz,
  stopped_by uuid,
  check ((inquiry_id is null) <> (case_id is null)),
  foreign key (tenant_id, case_id) references cases (tenant_id, id),
  foreign key (tenant_id, inquiry_id) references inquiries (tenant_id, id)
);
create index clocks_running on clocks (tenant_id, team_id, due_at) where stopped_at is null;
create index clocks_inquiry on clocks (tenant_id, inquiry_id) where inquiry_id is not null;
create index clocks_case on clocks (tenant_id, case_id) where case_id is not null;

do $$
declare
  t text;
begin
  foreach t in array array['case_persons', 'case_person_relations', 'case_risk_levels', 'case_events', 'case_notes', 'case_tasks', 'case_do_not', 'case_attachments', 'handovers', 'handover_acknowledgements'] loop
    execute format('alter table %I enable row level security', t);
  end loop;
end $$;

create policy tenant_isolation on case_persons using (tenant_id = app_tenant_id() and exists (select 1 from cases c where c.id = case_id)) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on case_person_relations using (tenant_id = app_tenant_id() and exists (select 1 from cases c where c.id = case_id)) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on case_risk_levels using (tenant_id = app_tenant_id() and exists (select 1 from cases c where c.id = case_id)) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on case_events using (tenant_id = app_tenant_id() and exists (select 1 from cases c where c.id = case_id)) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on case_notes using (tenant_id = app_tenant_id() and exists (select 1 from cases c where c.id = case_id)) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on case_tasks using (tenant_id = app_tenant_id() and exists (select 1 from cases c where c.id = case_id)) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on case_do_not using (tenant_id = app_tenant_id() and exists (select 1 from cases c where c.id = case_id)) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on case_attachments using (tenant_id = app_tenant_id() and exists (select 1 from cases c where c.id = case_id)) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on handovers using (tenant_id = app_tenant_id() and exists (select 1 from cases c where c.id = case_id)) with check (tenant_id = app_tenant_id());
create policy tenant_isolation on handover_acknowledgements using (tenant_id = app_tenant_id() and user_id = app_user_id()) with check (tenant_id = app_tenant_id() and user_id = app_user_id());

grant select, insert, update on case_persons to selvbestemt_app;
grant select, insert, delete on case_person_relations to selvbestemt_app;
grant select, insert on case_risk_levels to selvbestemt_app;
grant select, insert on case_events to selvbestemt_app;
grant select, insert, update on case_notes to selvbestemt_app;
grant select, insert, update on case_tasks to selvbestemt_app;
grant select, insert, update on case_do_not to selvbestemt_app;
grant select, insert, update on case_attachments to selvbestemt_app;
grant select, insert on handovers to selvbestemt_app;
grant select, insert on handover_acknowledgements to selvbestemt_app;

alter table clocks enable row level security;
create policy tenant_isolation on clocks using (
  tenant_id = app_tenant_id()
  and ((inquiry_id is not null and exists (select 1 from inquiries i where i.id = inquiry_id))
       or (case_id is not null and exists (select 1 from cases c where c.id = case_id)))
) with check (tenant_id = app_tenant_id());
grant select, insert, update on clocks to selvbestemt_app;
