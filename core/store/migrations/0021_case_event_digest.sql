-- The evaluation replays the history of every case that counts in a period. Read from case_event, a month of a
-- city with a million cases means scanning every history row (comments, attachments and all) and sending
-- hundreds of thousands of rows; this table keeps, per case, the few fields the replay reads as one JSON array,
-- so the same month is one row per case. It is derived: a trigger appends to it in the transaction that adds
-- the history rows, so it can neither lag nor disagree (case_event is append-only, so inserts are all there is).
-- Each entry: [id, at in epoch milliseconds, actor_id, actor_name, actor_role, action, data.deadline,
-- data.departmentId].
CREATE TABLE case_event_digest (
  case_id text PRIMARY KEY REFERENCES "case" (id),
  events  jsonb NOT NULL
);

CREATE FUNCTION case_event_digest_entry(e case_event) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(e.id, floor(extract(epoch FROM e.at) * 1000)::float8, e.actor_id, e.actor_name, e.actor_role, e.action,
                           e.data->>'deadline', e.data->>'departmentId')
$$;

CREATE FUNCTION case_event_digest_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_event_digest AS digest (case_id, events)
  SELECT case_id, jsonb_agg(case_event_digest_entry(appended) ORDER BY id) FROM appended GROUP BY case_id
  ON CONFLICT (case_id) DO UPDATE SET events = digest.events || EXCLUDED.events;
  RETURN NULL;
END $$;

CREATE TRIGGER case_event_digest AFTER INSERT ON case_event REFERENCING NEW TABLE AS appended
  FOR EACH STATEMENT EXECUTE FUNCTION case_event_digest_entries();

INSERT INTO case_event_digest (case_id, events)
SELECT case_id, jsonb_agg(case_event_digest_entry(case_event) ORDER BY id) FROM case_event GROUP BY case_id;
