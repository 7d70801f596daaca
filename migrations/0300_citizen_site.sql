-- The citizen site (issue 5): the unit's editable site content, and anonymous conversations.
--
-- Site content is one JSON document per revision (texts, help directory, contact details and
-- settings), so a draft can be previewed and published as a whole and every published
-- revision stays readable. At most one draft and one published revision per tenant.
--
-- Conversations hold no identity: the pickup code is stored only as a keyed hash, message
-- text and optional contact details only as AES-256-GCM ciphertext (key outside the
-- database), and every conversation is deleted `expires_at` after its last activity.

create table citizen_site_revisions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  revision integer not null check (revision > 0),
  status text not null check (status in ('draft', 'published', 'superseded')),
  document jsonb not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  published_by uuid,
  published_at timestamptz,
  version integer not null default 1,
  unique (tenant_id, id),
  unique (tenant_id, revision),
  foreign key (tenant_id, created_by) references users (tenant_id, id),
  foreign key (tenant_id, updated_by) references users (tenant_id, id),
  foreign key (tenant_id, published_by) references users (tenant_id, id)
);
create unique index citizen_site_one_draft on citizen_site_revisions (tenant_id) where status = 'draft';
create unique index citizen_site_one_published on citizen_site_revisions (tenant_id) where status = 'published';
alter table citizen_site_revisions enable row level security;
create policy tenant_isolation on citizen_site_revisions using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update on citizen_site_revisions to selvbestemt_app;

create table citizen_conversations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants(id),
  -- The team whose advisers see the conversation (the unit's team at the time of writing).
  team_id uuid not null,
  code_hash text not null check (length(code_hash) = 64),
  language text not null check (language in ('da', 'en', 'ar', 'so', 'tr')),
  status text not null default 'open' check (status in ('open', 'closed')),
  -- Who is expected to write next: the unit ('staff') or the visitor ('citizen').
  awaiting text not null default 'staff' check (awaiting in ('staff', 'citizen')),
  contact_enc text,
  inquiry_id uuid,
  created_at timestamptz not null default now(),
  last_activity_at timestamptz not null default now(),
  expires_at timestamptz not null,
  version integer not null default 1,
  unique (tenant_id, id),
  unique (tenant_id, code_hash),
  foreign key (tenant_id, team_id) references teams (tenant_id, id)
);
create index citizen_conversations_inbox on citizen_conversations (tenant_id, team_id, status, last_activity_at desc);
create index citizen_conversations_expiry on citizen_conversations (expires_at);
alter table citizen_conversations enable row level security;
create policy tenant_isolation on citizen_conversations using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, update, delete on citizen_conversations to selvbestemt_app;

create table citizen_messages (
  id uuid primary key,
  tenant_id uuid not null references tenants(id),
  conversation_id uuid not null,
  author text not null check (author in ('citizen', 'staff')),
  author_user_id uuid,
  body_enc text not null,
  created_at timestamptz not null default clock_timestamp(),
  foreign key (tenant_id, conversation_id) references citizen_conversations (tenant_id, id) on delete cascade,
  foreign key (tenant_id, author_user_id) references users (tenant_id, id),
  check ((author = 'staff') = (author_user_id is not null))
);
create index citizen_messages_conversation on citizen_messages (tenant_id, conversation_id, created_at);
alter table citizen_messages enable row level security;
create policy tenant_isolation on citizen_messages using (tenant_id = app_tenant_id()) with check (tenant_id = app_tenant_id());
grant select, insert, delete on citizen_messages to selvbestemt_app;
