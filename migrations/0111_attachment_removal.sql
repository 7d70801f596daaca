-- Issue 3: removing an attachment. A file uploaded by mistake may be about the wrong person, so
-- removing it erases the file (content_enc becomes empty) and its name (which often carries a
-- person's name), and keeps the row — media type, size, who uploaded it and when, who removed
-- it, when and why (the reason encrypted with the key `case-notes`) — for the timeline.
-- The checks make "removed" and "erased" one and the same, whatever code writes the row.
alter table case_attachments
  add column removed_by uuid,
  add column removal_reason_enc text,
  alter column filename_enc drop not null;

-- Nothing set removed_at before this migration; were a row marked by hand, it is erased here,
-- so the checks below hold for every row.
update case_attachments set content_enc = ''::bytea, filename_enc = null where removed_at is not null;

alter table case_attachments
  add constraint case_attachments_removed_is_erased
    check (removed_at is null or (octet_length(content_enc) = 0 and filename_enc is null)),
  add constraint case_attachments_kept_is_whole
    check (removed_at is not null or (octet_length(content_enc) > 0 and filename_enc is not null)),
  add constraint case_attachments_reason_when_removed
    check (removal_reason_enc is null or removed_at is not null);
