-- Auto-dispatch rules: cases of a class (or a major class, or any class) in an area go to one department.
-- The area is one of four columns so that foreign keys keep every rule pointing at a real place.

CREATE TABLE dispatch_rule (
  id            text PRIMARY KEY,
  class_scheme  text NOT NULL,
  class_kind    text NOT NULL CHECK (class_kind IN ('component', 'event')),
  class_code    text,
  major_code    text,
  grid_code     char(15) REFERENCES unit_grid (code),
  community_id  text REFERENCES organisation (id),
  street_id     text REFERENCES organisation (id),
  district_id   text REFERENCES organisation (id),
  department_id text NOT NULL REFERENCES department (id),
  auto_dispatch boolean NOT NULL DEFAULT false,
  priority      integer NOT NULL DEFAULT 0,
  note          text,
  source        text,                           -- the data file a seeded rule came from; null when made by hand
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (class_code IS NULL OR major_code IS NULL),
  CHECK (num_nonnulls(grid_code, community_id, street_id, district_id) <= 1)
);

-- One department once per class selector and area; two departments for the same selector and area are allowed
-- (the suggestion is then ambiguous unless a priority decides).
CREATE UNIQUE INDEX dispatch_rule_selector_idx ON dispatch_rule (
  class_scheme, class_kind, coalesce(class_code, ''), coalesce(major_code, ''),
  coalesce(grid_code, ''), coalesce(community_id, ''), coalesce(street_id, ''), coalesce(district_id, ''), department_id
);
CREATE INDEX dispatch_rule_class_idx ON dispatch_rule (class_scheme, class_kind);
CREATE INDEX dispatch_rule_department_idx ON dispatch_rule (department_id);
