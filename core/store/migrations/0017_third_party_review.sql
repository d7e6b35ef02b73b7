-- 第三方考评: reviewers (deputies, CPPCC members, citizens' representatives) rate a sample of closed cases.

-- Which body a reviewer sits for; required for the reviewer role (core/identity/users.ts checks it).
ALTER TABLE app_user ADD COLUMN reviewer_kind text
  CHECK (reviewer_kind IN ('deputy', 'cppcc-member', 'citizen-representative'));

-- A review round covers one evaluation period. The seed is stored so the sample it drew can be drawn again.
CREATE TABLE review_round (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name               text NOT NULL,
  period_kind        text NOT NULL CHECK (period_kind IN ('day', 'week', 'month', 'quarter', 'year')),
  period_from        timestamptz NOT NULL,
  period_to          timestamptz NOT NULL CHECK (period_to > period_from),
  sample_rule        jsonb NOT NULL,                 -- { "perDepartment": n } or { "rate": r }
  reviewers_per_case integer NOT NULL CHECK (reviewers_per_case BETWEEN 1 AND 10),
  seed               bigint NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
  status             text NOT NULL CHECK (status IN ('open', 'sampled', 'closed')),
  opened_by          bigint NOT NULL REFERENCES app_user (id),
  opened_at          timestamptz NOT NULL,
  sampled_at         timestamptz,
  closed_at          timestamptz
);
CREATE INDEX review_round_period_idx ON review_round (period_from, period_to);

-- One sampled case for one reviewer; the rating is written once. Points are kept as given, so a later change of
-- the rating scale in the indicators data does not rewrite past ratings.
CREATE TABLE review_assignment (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  round_id      bigint NOT NULL REFERENCES review_round (id),
  case_id       text NOT NULL REFERENCES "case" (id),
  department_id text NOT NULL REFERENCES department (id),
  reviewer_id   bigint NOT NULL REFERENCES app_user (id),
  level         text,
  points        numeric(5, 2) CHECK (points BETWEEN 0 AND 100),
  comment       text,
  rated_at      timestamptz,
  UNIQUE (round_id, case_id, reviewer_id),
  CHECK ((rated_at IS NULL) = (points IS NULL) AND (rated_at IS NULL) = (level IS NULL))
);
CREATE INDEX review_assignment_reviewer_idx ON review_assignment (reviewer_id, round_id);
CREATE INDEX review_assignment_case_idx ON review_assignment (case_id);
