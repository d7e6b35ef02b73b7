-- Indexes measured with the API benchmark (bench/api, 1,000,000 cases): the inbox filters open tasks by candidate
-- group, user or assignee; the case list reads a department's cases of one kind newest first; likely duplicates
-- look for open cases of a class near a point.
CREATE INDEX user_task_open_groups_idx ON user_task USING gin (candidate_groups) WHERE status = 'created';
CREATE INDEX user_task_open_users_idx ON user_task USING gin (candidate_users) WHERE status = 'created';
CREATE INDEX user_task_open_assignee_idx ON user_task (assignee) WHERE status = 'created';

DROP INDEX case_department_idx;
CREATE INDEX case_department_kind_reported_idx ON "case" (department_id, status_kind, reported_at DESC NULLS LAST, id);

CREATE INDEX case_open_class_location_idx ON "case" (class_scheme, class_code, lat, lng, reported_at)
  WHERE status_kind IN ('open', 'suspended') AND duplicate_of IS NULL;
