-- Each platform process remembers the users behind the tokens it sees (core/identity/user-cache.ts), so a request
-- does not read its caller's row, roles and grids again. Any change to them, from any process or by hand in SQL,
-- tells every process which user to forget once the change commits. The trigger's argument names the user column.
CREATE FUNCTION notify_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('citycase_user_changed', to_jsonb(COALESCE(NEW, OLD)) ->> TG_ARGV[0]);
  RETURN NULL;
END $$;

CREATE TRIGGER app_user_changed AFTER UPDATE OR DELETE ON app_user
  FOR EACH ROW EXECUTE FUNCTION notify_user_changed('id');
CREATE TRIGGER user_role_changed AFTER INSERT OR UPDATE OR DELETE ON user_role
  FOR EACH ROW EXECUTE FUNCTION notify_user_changed('user_id');
CREATE TRIGGER user_grid_changed AFTER INSERT OR UPDATE OR DELETE ON user_grid
  FOR EACH ROW EXECUTE FUNCTION notify_user_changed('user_id');
