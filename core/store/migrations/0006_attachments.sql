-- Uploaded photos and videos. The bytes live in the blob store under the attachment's id; this row says what they
-- are (type sniffed from the bytes, not taken from the client), who uploaded them and which case they belong to.
CREATE TABLE attachment (
  id           uuid PRIMARY KEY,
  owner_kind   text NOT NULL CHECK (owner_kind IN ('user', 'api-key')),
  owner_id     bigint NOT NULL,
  content_type text NOT NULL,
  size         bigint NOT NULL CHECK (size > 0),
  sha256       char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  width        integer CHECK (width > 0),
  height       integer CHECK (height > 0),
  -- null until a case refers to it (intake or an action links it)
  case_id      text REFERENCES "case" (id),
  created_at   timestamptz NOT NULL
);
CREATE INDEX attachment_case_idx ON attachment (case_id);
CREATE INDEX attachment_owner_idx ON attachment (owner_kind, owner_id);

-- Who may see an attachment is decided by the cases that list it, in the case row or in a history row.
CREATE INDEX case_attachments_idx ON "case" USING gin (attachments jsonb_path_ops);
CREATE INDEX case_event_attachments_idx ON case_event USING gin (attachments jsonb_path_ops);
