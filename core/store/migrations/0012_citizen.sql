-- Citizen reporting (市民随手拍 / 有奖举报): reports without an account, followed by a tracking code.

-- The channel anonymous reports come through. It is an API key nobody holds (its hash is no sha256 of any key),
-- so no request can act as it; the citizen routes do. An administrator who revokes it switches anonymous
-- reporting off without touching code.
INSERT INTO api_key (name, prefix, key_hash, channel)
VALUES ('市民随手拍（匿名上报）', 'citizen-web', 'unusable:citizen-web', 'app');

-- One row per case a citizen reported through the citizen page. The tracking code is what the citizen holds
-- instead of an account; device and address are kept for the abuse limits and duplicate suppression.
CREATE TABLE citizen_report (
  tracking_code char(10) PRIMARY KEY,
  case_id       text NOT NULL UNIQUE REFERENCES "case" (id),
  user_id       bigint REFERENCES app_user (id),   -- set when a signed-in citizen reported (points go there)
  device_hash   text,                               -- sha256 of the page's device id; never the id itself
  ip            text NOT NULL,
  class_code    text NOT NULL,
  lng           double precision NOT NULL,          -- WGS-84, as placed
  lat           double precision NOT NULL,
  reported_at   timestamptz NOT NULL
);
CREATE INDEX citizen_report_device_idx ON citizen_report (device_hash, reported_at);
CREATE INDEX citizen_report_ip_idx ON citizen_report (ip, reported_at);
CREATE INDEX citizen_report_user_idx ON citizen_report (user_id, reported_at);

-- Photos uploaded without an account: usable only by the device that uploaded them, and only until expires_at.
CREATE TABLE citizen_upload (
  attachment_id uuid PRIMARY KEY REFERENCES attachment (id),
  device_hash   text NOT NULL,
  ip            text NOT NULL,
  uploaded_at   timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL
);
CREATE INDEX citizen_upload_ip_idx ON citizen_upload (ip, uploaded_at);

-- 有奖举报 points. One entry per case at most, however often its registration is delivered; an entry the daily
-- cap cut to 0 points is kept, so the citizen sees why a valid report earned nothing.
CREATE TABLE citizen_points_entry (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id   bigint NOT NULL REFERENCES app_user (id),
  case_id   text NOT NULL UNIQUE REFERENCES "case" (id),
  points    integer NOT NULL CHECK (points >= 0),
  rule      text NOT NULL,                          -- which rule of standards/data/citizen-points gave them
  day       date NOT NULL,                          -- the command centre's day (China Standard Time) the cap counts in
  at        timestamptz NOT NULL
);
CREATE INDEX citizen_points_user_idx ON citizen_points_entry (user_id, day);
