-- Issue 3: the inbox sorts by acuteness, then the nearest running clock, then age. The nearest
-- due time is kept on the inquiry (maintained when clocks start and stop), so the inbox reads
-- its first page straight from one index instead of computing every waiting inquiry's clocks.
alter table inquiries add column next_due_at timestamptz;
update inquiries i set next_due_at = (select min(c.due_at) from clocks c where c.inquiry_id = i.id and c.stopped_at is null);
create index inquiries_inbox_due on inquiries (tenant_id, team_id, acute desc, next_due_at asc nulls last, received_at asc) where status = 'received';
