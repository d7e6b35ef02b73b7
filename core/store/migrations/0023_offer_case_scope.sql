-- The inbox hides tasks of cases outside the caller's scope (a collector sees verify tasks of its grids only). That
-- check joined every offered task to its case: a collector's inbox count read each of the city's ~20,000 open verify
-- tasks' cases (200 ms at 1,000,000 cases). The offer row now carries what the scope check reads of its case
-- (department, responsibility grids, reporter), kept by triggers on both tables, so the check is made on the offer
-- index alone.
ALTER TABLE user_task_offer
  ADD COLUMN in_case boolean NOT NULL DEFAULT false,
  ADD COLUMN department_id text,
  ADD COLUMN responsibility_grids text[] NOT NULL DEFAULT '{}',
  ADD COLUMN reporter jsonb NOT NULL DEFAULT '{}';

-- Only users have inboxes, so of the reporter the scope check reads the user id alone.
CREATE FUNCTION user_task_offer_reporter(reporter jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
  $$ SELECT jsonb_strip_nulls(jsonb_build_object('userId', reporter->'userId')) $$;

CREATE OR REPLACE FUNCTION user_task_offer_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM user_task_offer WHERE task_key = OLD.task_key;
  END IF;
  IF NEW.status = 'created' THEN
    INSERT INTO user_task_offer (candidate, task_key, business_key, due_at, created_at, in_case, department_id, responsibility_grids, reporter)
    SELECT offered.candidate, NEW.task_key, NEW.business_key, NEW.due_at, NEW.created_at,
           c.id IS NOT NULL, c.department_id, coalesce(c.responsibility_grids, '{}'),
           user_task_offer_reporter(c.reporter)
      FROM (SELECT 'assignee:' || NEW.assignee AS candidate WHERE NEW.assignee IS NOT NULL
            UNION
            SELECT 'group:' || g FROM jsonb_array_elements_text(NEW.candidate_groups) g WHERE NEW.assignee IS NULL
            UNION
            SELECT 'user:' || u FROM jsonb_array_elements_text(NEW.candidate_users) u WHERE NEW.assignee IS NULL) offered
      LEFT JOIN "case" c ON c.id = NEW.business_key;
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION user_task_offer_case_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE user_task_offer
     SET in_case = true, department_id = NEW.department_id, responsibility_grids = NEW.responsibility_grids,
         reporter = user_task_offer_reporter(NEW.reporter)
   WHERE business_key = NEW.id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER user_task_offer_case_insert AFTER INSERT ON "case" FOR EACH ROW EXECUTE FUNCTION user_task_offer_case_sync();
CREATE TRIGGER user_task_offer_case_update AFTER UPDATE OF department_id, responsibility_grids, reporter ON "case"
  FOR EACH ROW
  WHEN (OLD.department_id IS DISTINCT FROM NEW.department_id
        OR OLD.responsibility_grids IS DISTINCT FROM NEW.responsibility_grids
        OR OLD.reporter->'userId' IS DISTINCT FROM NEW.reporter->'userId')
  EXECUTE FUNCTION user_task_offer_case_sync();

UPDATE user_task_offer o
   SET in_case = true, department_id = c.department_id, responsibility_grids = c.responsibility_grids,
       reporter = user_task_offer_reporter(c.reporter)
  FROM "case" c
 WHERE c.id = o.business_key;

CREATE INDEX user_task_offer_business_key_idx ON user_task_offer (business_key);
-- The inbox's order with what the scope check reads: a candidate's visible tasks are an index-only scan.
DROP INDEX user_task_offer_inbox_idx;
CREATE INDEX user_task_offer_inbox_idx ON user_task_offer (candidate, due_at, created_at, task_key)
  INCLUDE (business_key, in_case, department_id, responsibility_grids, reporter);
