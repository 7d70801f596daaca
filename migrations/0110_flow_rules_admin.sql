-- The case flow's rules are changed by a municipality's administrator at /admin/regler (and
-- through the API). The version history should say who made each change, not only when: the
-- audit log records it too, but the page showing the history may not read the audit log.
-- National defaults (tenant_id null) come from migrations and have no author.
alter table flow_rules add column created_by uuid;
alter table flow_rules add constraint flow_rules_created_by_user
  foreign key (tenant_id, created_by) references users (tenant_id, id);
alter table flow_rules add constraint flow_rules_author_only_on_own_rules
  check (created_by is null or tenant_id is not null);
