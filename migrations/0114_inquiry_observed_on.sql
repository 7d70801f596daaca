-- Issue 3: when the reporter saw or heard it. The form and the API have always accepted
-- `observedOn`, but it was folded into the encrypted description as "[YYYY-MM-DD] …" and the
-- inquiry answered `observedOn: null`. From now on it is a column of its own, returned as sent.
-- A date is no personal data on its own (like birth_date beside the encrypted CPR number), so
-- it is kept in the clear. Older inquiries keep the date inside their description (it is
-- encrypted, so it cannot be moved here) and answer null.
alter table inquiries add column observed_on date;
alter table inquiries add constraint inquiries_observed_on_plausible check (observed_on >= date '1900-01-01');
