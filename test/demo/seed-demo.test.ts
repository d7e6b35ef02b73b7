import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import argon2 from 'argon2';
import { Conflict, Invalid } from '../../core/errors.ts';
import { areaSquareMetres } from '../../core/geo/area.ts';
import { boundingBox, type BoundingBox } from '../../core/geo/bounding-box.ts';
import type { PolygonGeometry } from '../../core/geo/geometry.ts';
import { containsPoint } from '../../core/geo/point-in-polygon.ts';
import { polygonProblems } from '../../core/geo/validity.ts';
import type { Sql } from '../../core/ports/database.ts';
import { demoCity } from '../../demo/demo-city.ts';
import { demoCityFeatures } from '../../demo/features.ts';
import { seedDemo, type SeedDemoResult } from '../../demo/seed-demo.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

const PASSWORD = 'demo-城管-2024';
const TABLES = ['organisation', 'unit_grid', 'department', 'responsibility_grid', 'app_user', 'user_role', 'user_grid', 'component'];

interface GridRow {
  code: string;
  community_id: string;
  area_grade: string;
  geometry: PolygonGeometry;
  area_m2: number;
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
}

async function tableCounts(sql: Sql): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

/** Share of `a` also covered by `b`, estimated on a 20 × 20 lattice over the overlap of their boxes. */
function overlapShare(a: GridRow, b: GridRow): number {
  const box: BoundingBox = {
    minLng: Math.max(a.min_lng, b.min_lng),
    maxLng: Math.min(a.max_lng, b.max_lng),
    minLat: Math.max(a.min_lat, b.min_lat),
    maxLat: Math.min(a.max_lat, b.max_lat),
  };
  const width = box.maxLng - box.minLng;
  const height = box.maxLat - box.minLat;
  if (width <= 0 || height <= 0) return 0;
  let both = 0;
  for (let i = 0; i < 20; i++) {
    for (let j = 0; j < 20; j++) {
      const point = [box.minLng + ((i + 0.5) * width) / 20, box.minLat + ((j + 0.5) * height) / 20] as const;
      if (containsPoint(a.geometry, point) && containsPoint(b.geometry, point)) both++;
    }
  }
  const boxShare = (width * height) / ((a.max_lng - a.min_lng) * (a.max_lat - a.min_lat));
  return (both / 400) * boxShare;
}

describe('seed-demo', () => {
  let t: TestDatabase;
  let first: SeedDemoResult;

  before(async () => {
    t = await openTestDatabase();
  });
  after(() => t.dispose());

  describe('before seeding', () => {
    it('refuses an empty password and writes nothing', async () => {
      await assert.rejects(seedDemo(t.db, { password: '' }), (error) => error instanceof Invalid && error.field === 'password');
      assert.deepEqual(Object.values(await tableCounts(t.db)), TABLES.map(() => 0));
    });

    it('refuses to take over an existing user name, naming it, and rolls everything back', async () => {
      await t.db.query(`INSERT INTO app_user (username, display_name, password_hash) VALUES ('dispatcher', '真派遣员', 'x')`);
      await assert.rejects(
        seedDemo(t.db, { password: PASSWORD }),
        (error) => error instanceof Conflict && /dispatcher/.test(error.message),
      );
      const counts = await tableCounts(t.db);
      assert.equal(counts.organisation, 0, 'not even the district marker stays behind');
      assert.equal(counts.app_user, 1);
      await t.db.query(`DELETE FROM app_user WHERE username = 'dispatcher'`);
    });
  });

  describe('on a fresh database', () => {
    before(async () => {
      first = await seedDemo(t.db, { password: PASSWORD });
    });

    it('reports that it seeded, with the users it made', () => {
      assert.equal(first.seeded, true);
      assert.ok(first.users.some((user) => user.username === 'admin' && user.roles.includes('admin')));
      assert.ok(first.users.some((user) => user.username === 'sanitation' && user.department === 'sanitation'));
    });

    it('builds the administrative tree: one district, 3–5 streets, communities under them', async () => {
      const { rows } = await t.db.query<{ id: string; kind: string; parent_id: string | null }>(
        'SELECT id, kind, parent_id FROM organisation ORDER BY id',
      );
      const district = rows.find((row) => row.kind === 'district');
      assert.equal(district?.id, '110101');
      const streets = rows.filter((row) => row.kind === 'street');
      assert.ok(streets.length >= 3 && streets.length <= 5, `${streets.length} streets`);
      for (const street of streets) {
        assert.match(street.id, /^110101\d{3}$/);
        assert.equal(street.parent_id, '110101');
      }
      const communities = rows.filter((row) => row.kind === 'community');
      assert.ok(communities.length >= streets.length);
      for (const community of communities) {
        assert.match(community.id, /^\d{12}$/);
        assert.equal(community.id.slice(0, 9), community.parent_id, 'a community code extends its street code');
      }
    });

    it('creates at least 40 unit grids with 15-digit codes under their community and mixed area grades', async () => {
      const { rows } = await t.db.query<GridRow & { kind: string }>(
        'SELECT g.code, g.community_id, g.area_grade, o.kind FROM unit_grid g JOIN organisation o ON o.id = g.community_id',
      );
      assert.ok(rows.length >= 40, `${rows.length} unit grids`);
      for (const grid of rows) {
        assert.match(grid.code, /^\d{15}$/);
        assert.equal(grid.code.slice(0, 12), grid.community_id);
        assert.equal(grid.kind, 'community');
      }
      assert.deepEqual([...new Set(rows.map((grid) => grid.area_grade))].sort(), ['A', 'B', 'C']);
    });

    it('stores every unit grid as a valid polygon with its area and bounding box', async () => {
      const { rows } = await t.db.query<GridRow>('SELECT * FROM unit_grid');
      for (const grid of rows) {
        assert.deepEqual(polygonProblems(grid.geometry), [], grid.code);
        const ring = grid.geometry.coordinates[0]!;
        assert.deepEqual(ring[0], ring[ring.length - 1], `${grid.code} ring is closed`);
        assert.ok(grid.area_m2 > 5_000 && grid.area_m2 < 50_000, `${grid.code}: ${grid.area_m2} m²`);
        assert.ok(Math.abs(grid.area_m2 - areaSquareMetres(grid.geometry)) < 1e-6);
        const box = boundingBox(grid.geometry);
        assert.deepEqual([grid.min_lng, grid.min_lat, grid.max_lng, grid.max_lat], [box.minLng, box.minLat, box.maxLng, box.maxLat]);
      }
    });

    it('tiles the district with unit grids that do not overlap', async () => {
      const { rows } = await t.db.query<GridRow>('SELECT * FROM unit_grid ORDER BY code');
      for (let i = 0; i < rows.length; i++) {
        for (let j = 0; j < rows.length; j++) {
          if (i !== j) assert.ok(overlapShare(rows[i]!, rows[j]!) < 0.01, `${rows[i]!.code} overlaps ${rows[j]!.code}`);
        }
      }
      // No overlaps and no gaps: the grids' areas add up to the rectangle around them.
      const west = Math.min(...rows.map((row) => row.min_lng));
      const east = Math.max(...rows.map((row) => row.max_lng));
      const south = Math.min(...rows.map((row) => row.min_lat));
      const north = Math.max(...rows.map((row) => row.max_lat));
      const extent = areaSquareMetres({
        type: 'Polygon',
        coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
      });
      const total = rows.reduce((sum, row) => sum + row.area_m2, 0);
      assert.ok(Math.abs(total - extent) / extent < 1e-6, `${total} m² of grids in ${extent} m²`);
    });

    it('gives every responsibility grid a department and a collector who patrols it', async () => {
      const { rows } = await t.db.query<{ code: string; department_id: string | null; collectors: number }>(
        `SELECT r.code, r.department_id,
                (SELECT count(*)::int FROM user_grid ug JOIN user_role ur ON ur.user_id = ug.user_id AND ur.role = 'collector'
                  WHERE ug.grid_code = r.code) AS collectors
           FROM responsibility_grid r`,
      );
      assert.ok(rows.length > 0);
      for (const grid of rows) {
        assert.match(grid.code, /^\d{15}$/);
        assert.ok(grid.department_id, `${grid.code} has a department`);
        assert.equal(grid.collectors, 1, `${grid.code} is patrolled by one collector`);
      }
    });

    it('has departments of every kind the seeds route cases to', async () => {
      const { rows } = await t.db.query<{ type: string; name_zh: string }>('SELECT type, name_zh FROM department');
      assert.deepEqual([...new Set(rows.map((row) => row.type))].sort(), [
        'city-department',
        'district-department',
        'street-office',
        'utility-company',
      ]);
      for (const trade of ['市政', '园林', '环卫|环境卫生', '城市管理综合行政执法', '住房', '交通', '水务', '供水|自来水', '燃气', '供电', '电信|移动']) {
        assert.ok(rows.some((row) => new RegExp(trade).test(row.name_zh)), `a ${trade} department`);
      }
    });

    it('has a user for every role and a department account named after each department', async () => {
      const { rows: roles } = await t.db.query<{ role: string }>('SELECT DISTINCT role FROM user_role ORDER BY role');
      assert.deepEqual(
        roles.map((row) => row.role),
        ['acceptor', 'admin', 'citizen', 'collector', 'department', 'department-head', 'dispatcher', 'leader', 'reviewer', 'shift-leader'],
      );
      const { rows: departments } = await t.db.query<{ id: string; username: string | null; role: string | null }>(
        `SELECT d.id, u.username, r.role FROM department d
           LEFT JOIN app_user u ON u.username = d.id AND u.department_id = d.id
           LEFT JOIN user_role r ON r.user_id = u.id AND r.role = 'department'`,
      );
      for (const department of departments) assert.equal(department.role, 'department', `${department.id} has its account`);
      const { rows: heads } = await t.db.query<{ department_id: string | null }>(
        `SELECT u.department_id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'department-head'`,
      );
      assert.ok(heads.length >= 1 && heads.every((head) => head.department_id));
      const { rows: collectors } = await t.db.query<{ username: string; grids: number }>(
        `SELECT u.username, (SELECT count(*)::int FROM user_grid g WHERE g.user_id = u.id) AS grids
           FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'collector'`,
      );
      assert.ok(collectors.some((collector) => collector.username === 'collector'));
      assert.ok(collectors.every((collector) => collector.grids > 0), 'every collector has a scope');
    });

    it('marks every user as demo and stores an argon2id hash the password verifies against', async () => {
      const { rows } = await t.db.query<{ username: string; password_hash: string; demo: boolean }>(
        `SELECT username, password_hash, demo FROM app_user WHERE username IN ('shiftleader', 'water-supply')`,
      );
      assert.equal(rows.length, 2);
      for (const user of rows) {
        assert.equal(user.demo, true);
        assert.match(user.password_hash, /^\$argon2id\$/);
        assert.equal(await argon2.verify(user.password_hash, PASSWORD), true, user.username);
        assert.equal(await argon2.verify(user.password_hash, 'wrong password'), false);
      }
      const { rows: others } = await t.db.query('SELECT 1 FROM app_user WHERE NOT demo');
      assert.equal(others.length, 0);
    });

    it('places a few hundred GB/T 47678.5 components, each inside its unit grid and no other', async () => {
      const { rows: grids } = await t.db.query<GridRow>('SELECT code, geometry FROM unit_grid');
      const { rows: components } = await t.db.query<{
        id: string;
        scheme: string;
        class_code: string;
        lng: number;
        lat: number;
        grid_code: string;
        owner: string | null;
        maintainer: string | null;
      }>(
        `SELECT c.id, c.scheme, c.class_code, c.lng, c.lat, c.grid_code, o.id AS owner, m.id AS maintainer
           FROM component c
           LEFT JOIN department o ON o.id = c.owner_unit
           LEFT JOIN department m ON m.id = c.maintainer_unit`,
      );
      assert.ok(components.length >= 200, `${components.length} components`);
      for (const component of components) {
        assert.equal(component.scheme, 'gbt47678');
        assert.match(component.class_code, /^0[1-5]\d{3}$/);
        assert.equal(component.id, `110101${component.class_code}${component.id.slice(11)}`);
        assert.match(component.id, /^\d{17}$/);
        assert.ok(component.owner && component.maintainer, `${component.id} has owner and maintainer departments`);
        const containing = grids.filter((grid) => containsPoint(grid.geometry, [component.lng, component.lat]));
        assert.deepEqual(containing.map((grid) => grid.code), [component.grid_code], component.id);
      }
      const { rows: states } = await t.db.query<{ state: string }>('SELECT DISTINCT state FROM component');
      assert.ok(states.length >= 3, 'intact components and some that need attention');
    });

    it('offers the same city as GeoJSON for the map', async () => {
      const { rows } = await t.db.query<{ code: string }>('SELECT code FROM unit_grid ORDER BY code');
      const features = demoCityFeatures().features;
      const unitGridIds = features.filter((feature) => feature.properties.kind === 'unit-grid').map((feature) => feature.id);
      assert.deepEqual(unitGridIds.sort(), rows.map((row) => row.code));
      assert.equal(features.filter((feature) => feature.properties.kind === 'component').length, (await tableCounts(t.db)).component);
    });
  });

  describe('a second time', () => {
    it('changes nothing and says so, even with another password', async () => {
      const before = await tableCounts(t.db);
      const hashBefore = await t.db.query(`SELECT password_hash FROM app_user WHERE username = 'admin'`);
      const again = await seedDemo(t.db, { password: 'another password' });
      assert.equal(again.seeded, false);
      assert.deepEqual(again.users, first.users);
      assert.deepEqual(await tableCounts(t.db), before);
      assert.deepEqual((await t.db.query(`SELECT password_hash FROM app_user WHERE username = 'admin'`)).rows, hashBefore.rows);
    });

    it('is built the same way on every run (no unseeded randomness)', () => {
      assert.deepEqual(demoCity(), demoCity());
    });
  });
});

describe('seed-demo started twice at once', () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase();
  });
  after(() => t.dispose());

  it('loads the city once: one call seeds, the other finds it loaded', async () => {
    const results = await Promise.all([seedDemo(t.db, { password: PASSWORD }), seedDemo(t.db, { password: PASSWORD })]);
    assert.deepEqual(results.map((result) => result.seeded).sort(), [false, true]);
    const counts = await tableCounts(t.db);
    assert.equal(counts.unit_grid, demoCity().unitGrids.length);
    assert.equal(counts.app_user, demoCity().users.length);
  });
});
