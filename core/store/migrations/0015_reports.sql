-- Archived reports (晨报 / 周报 / 月报). One row per kind and period: the unique key is what keeps several server
-- processes sharing the database from generating the same period twice, on demand or by the schedule.
CREATE TABLE report (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('morning', 'weekly', 'monthly')),
  report_date   date NOT NULL,                     -- the Beijing date the report is issued for
  period_from   timestamptz NOT NULL,
  period_to     timestamptz NOT NULL,
  generated_at  timestamptz NOT NULL,
  generated_by  bigint REFERENCES app_user (id),   -- null when the schedule generated it
  html          text NOT NULL,
  pdf           bytea,                             -- printed on first request, then kept
  UNIQUE (kind, period_from)
);
CREATE INDEX report_listing_idx ON report (generated_at DESC);
