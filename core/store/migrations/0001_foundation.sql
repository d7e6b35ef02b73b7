-- Organisations, grids, departments, users, the components inventory and the append-only case history.

CREATE TABLE organisation (
  id          text PRIMARY KEY,                 -- administrative division code (district 6, street 9, community 12 digits)
  kind        text NOT NULL CHECK (kind IN ('city', 'district', 'street', 'community')),
  name_zh     text NOT NULL,
  name_en     text,
  parent_id   text REFERENCES organisation (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisation_parent_idx ON organisation (parent_id);

-- 单元网格 (GB/T 30428.1): 15-digit code = community code (12) + 3-digit sequence.
CREATE TABLE unit_grid (
  code          char(15) PRIMARY KEY CHECK (code ~ '^[0-9]{15}$'),
  community_id  text NOT NULL REFERENCES organisation (id),
  name_zh       text,
  area_grade    char(1) NOT NULL DEFAULT 'B' CHECK (area_grade IN ('A', 'B', 'C')),
  geometry      jsonb NOT NULL,                 -- GeoJSON Polygon or MultiPolygon, WGS-84
  area_m2       double precision,
  -- bounding box for the index-assisted point lookup; the exact test is point-in-polygon on the geometry
  min_lng double precision NOT NULL, min_lat double precision NOT NULL,
  max_lng double precision NOT NULL, max_lat double precision NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unit_grid_community_idx ON unit_grid (community_id);
CREATE INDEX unit_grid_bbox_idx ON unit_grid (min_lng, max_lng, min_lat, max_lat);

CREATE TABLE department (
  id          text PRIMARY KEY,                 -- the department's code, also its demo user name
  name_zh     text NOT NULL,
  name_en     text,
  type        text NOT NULL CHECK (type IN ('city-department', 'district-department', 'utility-company', 'street-office')),
  parent_id   text REFERENCES department (id),
  district_id text REFERENCES organisation (id),
  phone       text,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- 责任网格: an area a department (or a collector) is responsible for.
CREATE TABLE responsibility_grid (
  code          char(15) PRIMARY KEY CHECK (code ~ '^[0-9]{15}$'),
  name_zh       text NOT NULL,
  department_id text REFERENCES department (id),
  geometry      jsonb NOT NULL,
  min_lng double precision NOT NULL, min_lat double precision NOT NULL,
  max_lng double precision NOT NULL, max_lat double precision NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX responsibility_grid_bbox_idx ON responsibility_grid (min_lng, max_lng, min_lat, max_lat);
CREATE INDEX responsibility_grid_department_idx ON responsibility_grid (department_id);

CREATE TABLE app_user (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  password_hash text NOT NULL,                  -- argon2id
  department_id text REFERENCES department (id),
  phone         text,
  active        boolean NOT NULL DEFAULT true,
  demo          boolean NOT NULL DEFAULT false, -- created by seed-demo; never in a production city
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_role (
  user_id bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role    text NOT NULL CHECK (role IN ('admin', 'acceptor', 'shift-leader', 'dispatcher', 'department',
                                        'department-head', 'collector', 'leader', 'citizen', 'reviewer')),
  PRIMARY KEY (user_id, role)
);

-- A collector's scope: the responsibility grids it patrols.
CREATE TABLE user_grid (
  user_id   bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  grid_code char(15) NOT NULL REFERENCES responsibility_grid (code),
  PRIMARY KEY (user_id, grid_code)
);

-- 部件 objects: 17-digit id = 6-digit county code + class code (4 or 5 digits, padded) + sequence.
CREATE TABLE component (
  id              char(17) PRIMARY KEY CHECK (id ~ '^[0-9]{17}$'),
  scheme          text NOT NULL,                -- standards scheme of class_code, e.g. gbt47678
  class_code      text NOT NULL,
  name_zh         text,
  lng             double precision NOT NULL,
  lat             double precision NOT NULL,
  grid_code       char(15) REFERENCES unit_grid (code),
  owner_unit      text,
  maintainer_unit text,
  state           text NOT NULL DEFAULT 'intact' CHECK (state IN ('intact', 'damaged', 'lost', 'removed', 'occupied')),
  attributes      jsonb NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX component_grid_idx ON component (grid_code);
CREATE INDEX component_class_idx ON component (scheme, class_code);
CREATE INDEX component_location_idx ON component (lng, lat);

-- The case history. Rows are only ever added: a trigger refuses UPDATE and DELETE.
CREATE TABLE case_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id     text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    bigint,
  actor_name  text,
  actor_role  text,
  action      text NOT NULL,
  from_status text,
  to_status   text,
  comment     text,
  attachments jsonb NOT NULL DEFAULT '[]',
  data        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_event_case_idx ON case_event (case_id, id);
CREATE INDEX case_event_at_idx ON case_event (at);

CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER case_event_no_update BEFORE UPDATE OR DELETE ON case_event
  FOR EACH ROW EXECUTE FUNCTION case_event_append_only();
CREATE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON case_event
  FOR EACH STATEMENT EXECUTE FUNCTION case_event_append_only();
