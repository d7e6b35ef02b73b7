-- 共享查询: a saved filter its owner shares with colleagues (the same department, or the command centre for users
-- of no department). Each viewer's case scope still applies when the query runs, so sharing reveals no case.
ALTER TABLE saved_filter ADD COLUMN shared boolean NOT NULL DEFAULT false;
CREATE INDEX saved_filter_shared ON saved_filter (owner_id) WHERE shared;
