-- The embedded workflow engine (engine-workers/engine/embedded): deployed diagrams, instance state, and one row per
-- thing an instance waits for (user task, job, timer, message subscription), so nothing lives only in memory.

-- Keys look like Zeebe's int64 keys and are handed out as strings.
CREATE SEQUENCE engine_key_seq START 2251799813685249;

CREATE TABLE engine_process_definition (
  definition_key bigint PRIMARY KEY,
  process_id     text NOT NULL,
  version        integer NOT NULL,
  checksum       text NOT NULL,                 -- sha256 of the resource: the same content is the same version
  resource_name  text NOT NULL,
  xml            text NOT NULL,
  source_context text NOT NULL,                 -- the parsed definition, serialised once (moddle-context-serializer)
  elements       jsonb NOT NULL,                -- the Zeebe extension elements the host reads, by element id
  deployed_at    timestamptz NOT NULL,
  UNIQUE (process_id, version),
  UNIQUE (process_id, checksum)
);

CREATE TABLE engine_instance (
  instance_key   bigint PRIMARY KEY,
  definition_key bigint NOT NULL REFERENCES engine_process_definition (definition_key),
  process_id     text NOT NULL,
  version        integer NOT NULL,
  business_key   text NOT NULL,
  status         text NOT NULL CHECK (status IN ('active', 'completed', 'terminated')),
  engine_state   jsonb,                         -- bpmn-engine getState() without the definition; null once ended
  variables      jsonb NOT NULL DEFAULT '{}',   -- the process scope, for reading without loading the engine
  started_at     timestamptz NOT NULL,
  ended_at       timestamptz
);
CREATE INDEX engine_instance_business_key_idx ON engine_instance (business_key);

-- Every armed timer with its due time; the scheduler resumes the instance when it is due.
CREATE TABLE engine_timer (
  instance_key bigint NOT NULL REFERENCES engine_instance (instance_key) ON DELETE CASCADE,
  execution_id text NOT NULL,                   -- the timer's execution in the engine state
  element_id   text NOT NULL,
  due_at       timestamptz NOT NULL,
  PRIMARY KEY (instance_key, execution_id)
);
CREATE INDEX engine_timer_due_idx ON engine_timer (due_at);

CREATE TABLE engine_job (
  job_key         bigint PRIMARY KEY,
  instance_key    bigint NOT NULL REFERENCES engine_instance (instance_key) ON DELETE CASCADE,
  execution_id    text NOT NULL,
  element_id      text NOT NULL,
  type            text NOT NULL,
  retries         integer NOT NULL,
  status          text NOT NULL DEFAULT 'activatable' CHECK (status IN ('activatable', 'incident')),
  run_after       timestamptz NOT NULL,         -- backoff after a failure
  local_variables jsonb NOT NULL DEFAULT '{}',  -- zeebe:ioMapping inputs
  custom_headers  jsonb NOT NULL DEFAULT '{}',
  error_message   text,
  created_at      timestamptz NOT NULL,
  UNIQUE (instance_key, execution_id)
);
CREATE INDEX engine_job_runnable_idx ON engine_job (type, run_after) WHERE status = 'activatable';

-- The task inbox of both engines: the embedded engine writes it, the Zeebe adapter mirrors Zeebe's user tasks into
-- it. So instance_key has no foreign key: Zeebe's instances have no engine_instance row.
CREATE TABLE user_task (
  task_key         bigint PRIMARY KEY,
  instance_key     bigint NOT NULL,
  execution_id     text NOT NULL,
  business_key     text NOT NULL,
  process_id       text NOT NULL,
  process_version  integer NOT NULL,
  element_id       text NOT NULL,
  name             text NOT NULL,
  candidate_groups jsonb NOT NULL DEFAULT '[]',
  candidate_users  jsonb NOT NULL DEFAULT '[]',
  assignee         text,
  due_at           timestamptz,
  follow_up_at     timestamptz,
  form_id          text,
  local_variables  jsonb NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL,
  -- completed through the port, or canceled (a boundary event interrupted it, the instance ended or was cancelled)
  status           text NOT NULL DEFAULT 'created' CHECK (status IN ('created', 'completed', 'canceled')),
  ended_at         timestamptz,
  completed_by     text
);
CREATE INDEX user_task_open_instance_idx ON user_task (instance_key) WHERE status = 'created';
CREATE INDEX user_task_open_business_key_idx ON user_task (business_key) WHERE status = 'created';

CREATE TABLE engine_message_subscription (
  instance_key    bigint NOT NULL REFERENCES engine_instance (instance_key) ON DELETE CASCADE,
  execution_id    text NOT NULL,
  element_id      text NOT NULL,
  message_name    text NOT NULL,
  correlation_key text NOT NULL,
  PRIMARY KEY (instance_key, execution_id)
);
CREATE INDEX engine_message_subscription_idx ON engine_message_subscription (message_name, correlation_key);

-- Published messages: buffered until a subscription opens (time to live), and kept until they expire so a
-- second publication with the same message id is recognised.
CREATE TABLE engine_message (
  message_key     bigint PRIMARY KEY,
  name            text NOT NULL,
  correlation_key text NOT NULL,
  message_id      text,
  variables       jsonb NOT NULL DEFAULT '{}',
  published_at    timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  correlated_at   timestamptz
);
CREATE UNIQUE INDEX engine_message_id_idx ON engine_message (name, message_id) WHERE message_id IS NOT NULL;
CREATE INDEX engine_message_buffered_idx ON engine_message (name, correlation_key) WHERE correlated_at IS NULL;

CREATE TABLE engine_incident (
  incident_key  bigint PRIMARY KEY,
  instance_key  bigint NOT NULL REFERENCES engine_instance (instance_key) ON DELETE CASCADE,
  business_key  text NOT NULL,
  element_id    text NOT NULL,
  job_key       bigint,
  error_type    text NOT NULL,
  message       text NOT NULL,
  created_at    timestamptz NOT NULL,
  resolved_at   timestamptz
);
CREATE INDEX engine_incident_open_idx ON engine_incident (instance_key) WHERE resolved_at IS NULL;
