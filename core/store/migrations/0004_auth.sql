-- Sessions and machine credentials for the HTTP API.

-- Secrets the platform generates for itself (the token signing key), so restarts keep sessions valid.
CREATE TABLE app_secret (
  name       text PRIMARY KEY,
  value      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Refresh tokens are opaque; only their sha256 is stored. Each use replaces the token (rotation).
CREATE TABLE refresh_token (
  token_hash  text PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_token_user_idx ON refresh_token (user_id);

-- API keys for machine channels (video AI, IoT, hotline system): shown once, stored as sha256, revocable.
CREATE TABLE api_key (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL,
  prefix      text NOT NULL,                   -- the first characters, to recognise a key in lists
  key_hash    text NOT NULL UNIQUE,
  channel     text NOT NULL CHECK (channel IN ('video', 'iot', 'hotline', 'wechat', 'app', 'open311')),
  created_by  bigint REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  last_used_at timestamptz
);

-- Failed logins, for rate limiting that holds across restarts and across processes.
CREATE TABLE login_attempt (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username   text NOT NULL,
  ip         text NOT NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_username_idx ON login_attempt (username, at);
CREATE INDEX login_attempt_ip_idx ON login_attempt (ip, at);
