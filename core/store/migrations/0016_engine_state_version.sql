-- Counts the saves of an instance's engine state, so an engine process that kept the instance live since its last
-- step can tell whether the row still holds that state (another process may have stepped it since).
ALTER TABLE engine_instance ADD COLUMN state_version integer NOT NULL DEFAULT 0;
