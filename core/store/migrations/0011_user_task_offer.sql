-- The inbox reads a caller's open tasks in due order. Candidate groups and users are jsonb arrays on user_task, and
-- no index both finds the tasks offered to a group and reads them in due order, so a department with thousands of
-- open tasks had all of them fetched, joined to their cases and sorted for every page (bench/api: p99 2.5 s).
-- user_task_offer holds one row per open task and candidate ('group:<g>', 'user:<u>' while unclaimed,
-- 'assignee:<u>' once claimed), ordered as the inbox shows them. A trigger keeps it, so both engine adapters and
-- every bulk load stay consistent without knowing of it.
CREATE TABLE user_task_offer (
  candidate    text NOT NULL,
  task_key     bigint NOT NULL REFERENCES user_task (task_key) ON DELETE CASCADE,
  business_key text NOT NULL,
  due_at       timestamptz,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (candidate, task_key)
);
CREATE INDEX user_task_offer_inbox_idx ON user_task_offer (candidate, due_at, created_at, task_key) INCLUDE (business_key);
CREATE INDEX user_task_offer_task_idx ON user_task_offer (task_key);

CREATE FUNCTION user_task_offer_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM user_task_offer WHERE task_key = OLD.task_key;
  END IF;
  IF NEW.status = 'created' THEN
    IF NEW.assignee IS NOT NULL THEN
      INSERT INTO user_task_offer (candidate, task_key, business_key, due_at, created_at)
      VALUES ('assignee:' || NEW.assignee, NEW.task_key, NEW.business_key, NEW.due_at, NEW.created_at);
    ELSE
      INSERT INTO user_task_offer (candidate, task_key, business_key, due_at, created_at)
      SELECT DISTINCT candidate, NEW.task_key, NEW.business_key, NEW.due_at, NEW.created_at
        FROM (SELECT 'group:' || g AS candidate FROM jsonb_array_elements_text(NEW.candidate_groups) g
              UNION ALL
              SELECT 'user:' || u FROM jsonb_array_elements_text(NEW.candidate_users) u) offered;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER user_task_offer_insert AFTER INSERT ON user_task FOR EACH ROW EXECUTE FUNCTION user_task_offer_sync();
CREATE TRIGGER user_task_offer_update AFTER UPDATE OF status, assignee, candidate_groups, candidate_users, due_at, business_key
  ON user_task FOR EACH ROW EXECUTE FUNCTION user_task_offer_sync();

INSERT INTO user_task_offer (candidate, task_key, business_key, due_at, created_at)
SELECT DISTINCT candidate, t.task_key, t.business_key, t.due_at, t.created_at
  FROM user_task t
  CROSS JOIN LATERAL (
    SELECT 'assignee:' || t.assignee AS candidate WHERE t.assignee IS NOT NULL
    UNION ALL
    SELECT 'group:' || g FROM jsonb_array_elements_text(t.candidate_groups) g WHERE t.assignee IS NULL
    UNION ALL
    SELECT 'user:' || u FROM jsonb_array_elements_text(t.candidate_users) u WHERE t.assignee IS NULL
  ) offered
 WHERE t.status = 'created';

-- The jsonb indexes of 0010 served the query this table replaces.
DROP INDEX user_task_open_groups_idx;
DROP INDEX user_task_open_users_idx;
DROP INDEX user_task_open_assignee_idx;
