-- Screening ("Fælles vurdering"): the versioned instrument and the assessments made with it.
--
-- The instrument is data: one row per version, its whole definition (domains, steps, red flags,
-- relation types, level rule, texts in Danish and English) in `definition`. A published version
-- never changes again (a trigger refuses it), so every assessment can be shown with the exact
-- texts it was made with, forever.

create table screening_instruments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  number integer not null check (number >= 1),
  status text not null check (status in ('draft', 'published', 'retired')),
  definition jsonb not null,
  change_note text check (change_note is null or length(change_note) <= 2000),
  created_by uuid,
  created_at timestamptz not null default now(),
  published_by uuid,
  published_at timestamptz,
  version integer not null default 1,
  unique (tenant_id, id),
  unique (tenant_id, number),
  foreign key (tenant_id, created_by) references users (tenant_id, id),
  foreign key (tenant_id, published_by) references users (tenant_id, id)
);
-- At most one published version per tenant at a time, and at most one draft.
create unique index screening_instruments_one_published on screening_instruments (tenant_id) where status = 'published';
create unique index screening_instruments_one_draft on screening_instruments (tenant_id) where status = 'draft';
alter table screening_instruments enable row level security;
create policy tenant_isolation on screening_instruments using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on screening_instruments to selvbestemt_app;

-- A published or retired version keeps its definition; only its status may move on
-- (published → retired). Drafts may change freely until they are published.
create or replace function screening_instrument_guard() returns trigger
  language plpgsql
  as $$
begin
  if old.status <> 'draft' and (new.definition is distinct from old.definition or new.number <> old.number
      or new.status = 'draft' or (old.status = 'retired' and new.status <> 'retired')) then
    raise exception 'screening instrument version % is published and cannot be changed', old.number using errcode = 'P0001';
  end if;
  return new;
end $$;
create trigger screening_instruments_guard before update on screening_instruments
  for each row execute function screening_instrument_guard();
create trigger screening_instruments_no_delete before delete on screening_instruments
  for each row execute function refuse_change();

-- One assessment. Ratings are stored by domain key; the instrument version it used is kept
-- beside it. The reason for raising the level is free text and is stored encrypted.
create table screenings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  instrument_id uuid not null,
  submission_key uuid not null,
  ratings jsonb not null,
  red_flags text[] not null default '{}',
  relations text[] not null default '{}',
  computed_level smallint not null check (computed_level between 0 and 3),
  final_level smallint not null check (final_level between 0 and 3),
  raise_reason_enc text,
  context text not null default 'standalone' check (context in ('standalone', 'consultation', 'inquiry', 'case')),
  inquiry_id uuid,
  case_id uuid,
  professional_group text,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, submission_key),
  check (final_level >= computed_level),
  check ((final_level > computed_level) = (raise_reason_enc is not null)),
  foreign key (tenant_id, instrument_id) references screening_instruments (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
create index screenings_by_author on screenings (tenant_id, created_by, created_at desc);
create index screenings_by_time on screenings (tenant_id, created_at desc);
create index screenings_by_case on screenings (tenant_id, case_id) where case_id is not null;
create index screenings_by_inquiry on screenings (tenant_id, inquiry_id) where inquiry_id is not null;
alter table screenings enable row level security;
create policy tenant_isolation on screenings using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
-- An assessment is a record of what was judged at the time: it is never edited or deleted.
grant select, insert on screenings to selvbestemt_app;
create trigger screenings_insert_only before update or delete on screenings
  for each row execute function refuse_change();
