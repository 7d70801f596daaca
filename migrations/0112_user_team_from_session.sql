-- Speed (decision 0007): every case-related policy asks for the request user's team through
-- app_user_team_id(), once per statement and table — about twenty times in the home page's one
-- statement — and each call looked the user up again (~4 µs). The session look-up, which already
-- enters the user into the transaction, now also leaves the team there under
-- `app.user_team` = '<user id>:<team id or empty>', computed from the same user row under the
-- same conditions as below. The function uses it only when it belongs to the current
-- app.user_id, and otherwise looks the user up as before (API tokens, background work), so the
-- answer is the same either way.
create or replace function app_user_team_id() returns uuid
  language plpgsql stable parallel safe
  as $$
  declare
    v_user text := current_setting('app.user_id', true);
    v_entered text := current_setting('app.user_team', true);
  begin
    if v_user is null or v_user = '' then
      return null;
    end if;
    if v_entered is not null and starts_with(v_entered, v_user || ':') then
      return nullif(substr(v_entered, length(v_user) + 2), '')::uuid;
    end if;
    return (select u.team_id from users u
             where u.id = v_user::uuid and u.active and u.role in ('adviser', 'caseworker', 'manager'));
  end
  $$;
