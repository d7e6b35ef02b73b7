-- Scope of a case for collectors (the responsibility grids its location falls in) and for its reporter.
ALTER TABLE "case" ADD COLUMN responsibility_grids text[] NOT NULL DEFAULT '{}';
CREATE INDEX case_responsibility_grids_idx ON "case" USING gin (responsibility_grids);
CREATE INDEX case_reporter_user_idx ON "case" ((reporter->>'userId'));
CREATE INDEX case_reporter_api_key_idx ON "case" ((reporter->>'apiKeyId'));
