-- 易涝点 / 积水点 (flood control): the points the public map shows with their water depth, and the depth readings
-- their sensors (积水计/液位计) send. Thresholds differ by place (a 下穿通道 is closed at a lower depth than a
-- road), so they are per point, not in code.
CREATE TABLE waterlogging_point (
  code                    text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9-]{1,40}$'),
  name_zh                 text NOT NULL,
  kind                    text NOT NULL CHECK (kind IN ('underpass', 'overpass', 'low-lying-road', 'underground', 'other')),
  address                 text,
  lng                     double precision NOT NULL,   -- WGS-84
  lat                     double precision NOT NULL,
  -- The sensor the IoT platform names in its readings; a point without one shows 无数据.
  sensor_id               text UNIQUE,
  -- 积水 from this depth, 严重积水 (road closed) from this one.
  waterlogged_depth_cm    numeric(6, 1) NOT NULL CHECK (waterlogged_depth_cm > 0),
  severe_depth_cm         numeric(6, 1) NOT NULL,
  -- Older readings say nothing about now: a silent sensor must not keep showing 正常.
  max_reading_age_minutes integer NOT NULL DEFAULT 30 CHECK (max_reading_age_minutes > 0),
  CHECK (severe_depth_cm > waterlogged_depth_cm)
);

-- One row per reading. The IoT platform's reading id makes a re-delivered reading (after a dropped link, sensors
-- back-fill from their cache) land once.
CREATE TABLE waterlogging_reading (
  sensor_id   text NOT NULL,
  reading_id  text NOT NULL,
  point_code  text NOT NULL REFERENCES waterlogging_point (code),
  depth_cm    numeric(6, 1) NOT NULL CHECK (depth_cm >= 0),
  measured_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  api_key_id  bigint REFERENCES api_key (id),
  PRIMARY KEY (sensor_id, reading_id)
);
-- The current state reads the latest measurement per point, which is not always the latest to arrive.
CREATE INDEX waterlogging_reading_latest_idx ON waterlogging_reading (point_code, measured_at DESC);
