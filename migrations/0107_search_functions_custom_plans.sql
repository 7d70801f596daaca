-- Issue 3, speed: PL/pgSQL keeps a statement's plan for the connection and after five calls
-- may settle on a generic plan, which cannot see how rare a name token is and may prefer to
-- read every inquiry of the team (100,000 at full size) over the GIN index. The search
-- functions plan each call for its own tokens instead; planning costs a fraction of a
-- millisecond, a wrong plan costs seconds.
alter function unsafe_case_ids_by_name_tokens(uuid, uuid, text[], integer) set plan_cache_mode = force_custom_plan;
alter function unsafe_inquiry_ids_by_name_tokens(uuid, uuid, text[], integer) set plan_cache_mode = force_custom_plan;
