-- The in-app inbox: one row per person a delivered notice reached, and the tickets EventSource clients (which
-- cannot send an Authorization header) open the live event stream with.

CREATE TABLE notification (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  outbox_id   bigint NOT NULL REFERENCES notification_outbox (id),
  user_id     bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  kind        text NOT NULL,
  case_id     text REFERENCES "case" (id),
  title       text NOT NULL,
  body        text NOT NULL,
  created_at  timestamptz NOT NULL,
  read_at     timestamptz,
  -- a notice retried after a partial failure reaches each person once
  UNIQUE (outbox_id, user_id)
);
-- the inbox order: unread first, newest first
CREATE INDEX notification_inbox_idx ON notification (user_id, (read_at IS NOT NULL), created_at DESC, id DESC);

-- Single use, short-lived; only the sha256 of a ticket is stored.
CREATE TABLE event_ticket (
  ticket_hash text PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX event_ticket_expires_idx ON event_ticket (expires_at);
