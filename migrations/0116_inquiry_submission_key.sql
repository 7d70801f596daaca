-- A concern sent twice (a second press of the button while the first post was on its way, a
-- school system retrying a request whose answer it lost) is one inquiry: the form and API
-- clients send a random key per concern, and the same reporter's same key finds the inquiry
-- already made instead of making another.
alter table inquiries add column submission_key uuid;
create unique index inquiries_submission_key on inquiries (tenant_id, reporter_user_id, submission_key) where submission_key is not null;
