import argon2 from 'argon2';
import { Conflict, Invalid } from '../core/errors.ts';
import { areaSquareMetres } from '../core/geo/area.ts';
import { boundingBox } from '../core/geo/bounding-box.ts';
import type { AreaGeometry } from '../core/geo/geometry.ts';
import { json, type Database, type Sql } from '../core/ports/database.ts';
import { DEMO_CITY, DEMO_DISTRICT } from './city-layout.ts';
import { COMPONENT_SCHEME } from './components.ts';
import { demoCity, type DemoCity } from './demo-city.ts';
import { insertRows } from './insert-rows.ts';
import { demoWaterloggingPoints } from './waterlogging-points.ts';

export interface SeededUser {
  username: string;
  roles: string[];
  department?: string;
}

export interface SeedDemoResult {
  /** False when the demo city was already there: nothing was changed. */
  seeded: boolean;
  /** The demo accounts (also when already seeded, so the CLI can list the logins). */
  users: SeededUser[];
}

function withBox(geometry: AreaGeometry) {
  const box = boundingBox(geometry);
  return { geometry, min_lng: box.minLng, min_lat: box.minLat, max_lng: box.maxLng, max_lat: box.maxLat };
}

const BOX_COLUMNS = { geometry: 'jsonb', min_lng: 'float8', min_lat: 'float8', max_lng: 'float8', max_lat: 'float8' } as const;

async function refuseTakenUsernames(tx: Sql, city: DemoCity): Promise<void> {
  const { rows } = await tx.query<{ username: string }>(
    'SELECT username FROM app_user WHERE username IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY username',
    [json(city.users.map((user) => user.username))],
  );
  if (rows.length > 0) {
    const taken = rows.map((row) => row.username).join(', ');
    throw new Conflict(`the demo city needs user names that already exist: ${taken}`, { extra: { taken } });
  }
}

async function insertCity(tx: Sql, city: DemoCity, passwordHash: string): Promise<void> {
  const below = city.organisations.filter((organisation) => organisation.kind === 'street' || organisation.kind === 'community');
  await insertRows(
    tx,
    'organisation',
    { id: 'text', kind: 'text', name_zh: 'text', name_en: 'text', parent_id: 'text' },
    below.map((o) => ({ id: o.id, kind: o.kind, name_zh: o.nameZh, name_en: o.nameEn, parent_id: o.parentId })),
  );
  await insertRows(
    tx,
    'unit_grid',
    { code: 'text', community_id: 'text', name_zh: 'text', area_grade: 'text', area_m2: 'float8', ...BOX_COLUMNS },
    city.unitGrids.map((grid) => ({
      code: grid.code,
      community_id: grid.communityId,
      name_zh: grid.nameZh,
      area_grade: grid.areaGrade,
      area_m2: areaSquareMetres(grid.geometry),
      ...withBox(grid.geometry),
    })),
  );
  await insertRows(
    tx,
    'department',
    { id: 'text', name_zh: 'text', name_en: 'text', type: 'text', district_id: 'text' },
    city.departments.map((d) => ({ id: d.id, name_zh: d.nameZh, name_en: d.nameEn, type: d.type, district_id: d.districtId })),
  );
  await insertRows(
    tx,
    'responsibility_grid',
    { code: 'text', name_zh: 'text', department_id: 'text', ...BOX_COLUMNS },
    city.responsibilityGrids.map((grid) => ({
      code: grid.code,
      name_zh: grid.nameZh,
      department_id: grid.departmentId,
      ...withBox(grid.geometry),
    })),
  );
  await insertRows(
    tx,
    'app_user',
    { username: 'text', display_name: 'text', password_hash: 'text', department_id: 'text', reviewer_kind: 'text', demo: 'boolean' },
    city.users.map((user) => ({
      username: user.username,
      display_name: user.displayName,
      password_hash: passwordHash,
      department_id: user.departmentId,
      reviewer_kind: user.reviewerKind ?? null,
      demo: true,
    })),
  );
  await tx.query(
    `INSERT INTO user_role (user_id, role)
     SELECT u.id, r.role FROM jsonb_to_recordset($1::jsonb) AS r(username text, role text) JOIN app_user u USING (username)`,
    [json(city.users.flatMap((user) => user.roles.map((role) => ({ username: user.username, role }))))],
  );
  await tx.query(
    `INSERT INTO user_grid (user_id, grid_code)
     SELECT u.id, r.grid_code FROM jsonb_to_recordset($1::jsonb) AS r(username text, grid_code text) JOIN app_user u USING (username)`,
    [json(city.users.flatMap((user) => user.gridCodes.map((code) => ({ username: user.username, grid_code: code }))))],
  );
  await insertRows(
    tx,
    'component',
    {
      id: 'text',
      scheme: 'text',
      class_code: 'text',
      name_zh: 'text',
      lng: 'float8',
      lat: 'float8',
      grid_code: 'text',
      owner_unit: 'text',
      maintainer_unit: 'text',
      state: 'text',
      attributes: 'jsonb',
    },
    city.components.map((c) => ({
      id: c.id,
      scheme: COMPONENT_SCHEME,
      class_code: c.classCode,
      name_zh: c.nameZh,
      lng: c.position[0],
      lat: c.position[1],
      grid_code: c.gridCode,
      owner_unit: c.ownerUnit,
      maintainer_unit: c.maintainerUnit,
      state: c.state,
      attributes: c.attributes,
    })),
  );
  await insertRows(
    tx,
    'waterlogging_point',
    { code: 'text', name_zh: 'text', kind: 'text', address: 'text', lng: 'float8', lat: 'float8', sensor_id: 'text', waterlogged_depth_cm: 'float8', severe_depth_cm: 'float8' },
    demoWaterloggingPoints.map((p) => ({
      code: p.code,
      name_zh: p.nameZh,
      kind: p.kind,
      address: p.address,
      lng: p.position[0],
      lat: p.position[1],
      sensor_id: p.sensorId,
      waterlogged_depth_cm: p.waterloggedDepthCm,
      severe_depth_cm: p.severeDepthCm,
    })),
  );
}

/**
 * Loads the demo city (Dongcheng, Beijing: organisations, grids, departments, users of every role,
 * components, waterlogging points) in one transaction. The district's organisation row is the marker: when it exists, nothing
 * is touched and `seeded` is false, also when two seeds race (the loser's insert of the marker finds it).
 */
export async function seedDemo(db: Database, options: { password: string }): Promise<SeedDemoResult> {
  if (!options.password) throw new Invalid('the demo users need a password', { field: 'password' });
  const city = demoCity();
  const users = city.users.map(
    (user): SeededUser => ({
      username: user.username,
      roles: [...user.roles],
      ...(user.departmentId ? { department: user.departmentId } : {}),
    }),
  );
  const existing = await db.query('SELECT 1 FROM organisation WHERE id = $1', [DEMO_DISTRICT.id]);
  if (existing.rows.length > 0) return { seeded: false, users };

  // Every demo user gets the same password, so one argon2id hash (salted once) serves them all: hashing it
  // anew for each of the ~35 accounts would add seconds to every seed and protect nothing in a demo.
  const passwordHash = await argon2.hash(options.password, { type: argon2.argon2id });
  const seeded = await db.transaction(async (tx) => {
    // A real installation may already hold the city row; the district row is the demo's own.
    await tx.query(
      'INSERT INTO organisation (id, kind, name_zh, name_en) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
      [DEMO_CITY.id, DEMO_CITY.kind, DEMO_CITY.nameZh, DEMO_CITY.nameEn],
    );
    const marker = await tx.query(
      'INSERT INTO organisation (id, kind, name_zh, name_en, parent_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
      [DEMO_DISTRICT.id, DEMO_DISTRICT.kind, DEMO_DISTRICT.nameZh, DEMO_DISTRICT.nameEn, DEMO_CITY.id],
    );
    if (marker.affectedRows === 0) return false;
    await refuseTakenUsernames(tx, city);
    await insertCity(tx, city, passwordHash);
    return true;
  });
  return { seeded, users };
}
