-- 部件二维码: a report made from a component's QR code names that component, so staff can see every case of one
-- manhole cover or lamp post, and the inventory knows which of its components have open problems.
ALTER TABLE "case" ADD COLUMN component_id char(17) REFERENCES component (id);
CREATE INDEX case_component_idx ON "case" (component_id) WHERE component_id IS NOT NULL;
