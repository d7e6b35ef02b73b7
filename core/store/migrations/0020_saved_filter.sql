-- 保存的筛选 / 常用查询: case-list queries a user saved under a name, kept on the server so the command centre
-- reopens them from any browser. `query` holds GET /api/v1/cases parameters (the API validates them against that
-- endpoint's schema before storing), without paging: a filter says which cases, not which page.
CREATE TABLE saved_filter (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_id   bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  query      jsonb NOT NULL CHECK (jsonb_typeof(query) = 'object'),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- Names are how a clerk tells their filters apart; the index also serves "my filters".
  UNIQUE (owner_id, name)
);
