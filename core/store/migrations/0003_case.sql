-- The case projection (what a case is now), the per-day case-number sequence and the notification outbox.
-- The history of a case stays in the append-only case_event table of 0001.

CREATE TABLE "case" (
  id                     text PRIMARY KEY,
  case_number            text NOT NULL UNIQUE,          -- yyyymmdd + 5-digit sequence of that day, e.g. 2026112300001
  source                 text NOT NULL CHECK (source IN ('collector', 'hotline', 'citizen', 'wechat', 'video', 'iot', 'app')),
  class_scheme           text NOT NULL,
  class_code             text NOT NULL,
  class_name             text NOT NULL,
  class_kind             text NOT NULL CHECK (class_kind IN ('component', 'event')),
  description            text NOT NULL DEFAULT '',
  lng                    double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  lat                    double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  address                text,
  grid_code              char(15),
  street                 text,
  community              text,
  area_grade             char(1) NOT NULL DEFAULT 'B' CHECK (area_grade IN ('A', 'B', 'C')),
  urgency                text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent')),
  status                 text NOT NULL,
  status_kind            text NOT NULL CHECK (status_kind IN ('open', 'suspended', 'closed', 'voided')),
  duplicate_of           text REFERENCES "case" (id),
  department_id          text REFERENCES department (id),
  deadline               timestamptz,
  deadline_approximate   boolean NOT NULL DEFAULT false,
  -- working time left when the clock stopped (挂账), in minutes; restored as a new deadline on resume
  remaining_minutes      integer,
  overdue                boolean NOT NULL DEFAULT false,
  supervised             boolean NOT NULL DEFAULT false,
  return_count           integer NOT NULL DEFAULT 0,
  extension_count        integer NOT NULL DEFAULT 0,
  rework_count           integer NOT NULL DEFAULT 0,
  suspension_count       integer NOT NULL DEFAULT 0,
  dispatch_count         integer NOT NULL DEFAULT 0,
  suspended_at           timestamptz,
  suspended_seconds      bigint NOT NULL DEFAULT 0,
  reporter               jsonb NOT NULL DEFAULT '{}',
  attachments            jsonb NOT NULL DEFAULT '[]',
  reported_at            timestamptz NOT NULL,
  registered_at          timestamptz,
  dispatched_at          timestamptz,
  closed_at              timestamptz,
  updated_at             timestamptz NOT NULL
);
CREATE INDEX case_status_kind_idx ON "case" (status_kind, status);
CREATE INDEX case_department_idx ON "case" (department_id, status_kind);
CREATE INDEX case_grid_idx ON "case" (grid_code);
CREATE INDEX case_class_idx ON "case" (class_scheme, class_code);
CREATE INDEX case_reported_at_idx ON "case" (reported_at);
CREATE INDEX case_overdue_idx ON "case" (overdue) WHERE overdue AND status_kind = 'open';

-- Every history row belongs to a case. case_event is append-only and cases are never deleted, so no cascade.
ALTER TABLE case_event ADD CONSTRAINT case_event_case_fk FOREIGN KEY (case_id) REFERENCES "case" (id);
-- A worker that runs twice writes its row once: the job key (or another idempotency key) is unique per case.
ALTER TABLE case_event ADD COLUMN idempotency_key text;
CREATE UNIQUE INDEX case_event_idempotency_idx ON case_event (case_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Case numbers are per day: one row per day holds the last sequence handed out.
CREATE TABLE case_number_sequence (
  day      date PRIMARY KEY,
  last_seq integer NOT NULL
);

-- Notices (督办单, 催办, dispatch notices) are written here in the transaction that caused them and delivered by
-- a dispatcher loop afterwards, so a crash between the case change and the delivery loses nothing.
CREATE TABLE notification_outbox (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dedupe_key     text NOT NULL UNIQUE,
  case_id        text REFERENCES "case" (id),
  kind           text NOT NULL,
  recipient      jsonb NOT NULL,                -- { role, departmentId?, userId? }
  payload        jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL,
  attempts       integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  delivered_at   timestamptz,
  last_error     text
);
CREATE INDEX notification_outbox_pending_idx ON notification_outbox (next_attempt_at) WHERE delivered_at IS NULL;
