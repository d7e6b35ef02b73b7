-- Machine and hotline intake: each sender's event (a detection, an alarm, a call) becomes at most one case,
-- however often the sender retries. A row is claimed before the case is created (case_id still null), so a
-- retry that races the first delivery waits instead of creating a second case.
CREATE TABLE channel_event (
  sender      text NOT NULL,                    -- 'api-key:<id>' for a machine channel, 'hotline' for 12319 calls
  event_id    text NOT NULL,                    -- the sender's own id: detection event, alarm, call id
  case_id     text REFERENCES "case" (id),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sender, event_id)
);
