import { Conflict, Invalid, NotFound } from '../errors.ts';
import type { Position } from '../geo/geometry.ts';
import type { Sql } from '../ports/database.ts';
import { listWaterlogging, type PointKind, type WaterloggingPoint } from './waterlogging.ts';

/** A point as an administrator describes it; the code, which readings refer to, is fixed once created. */
export interface WaterloggingPointFields {
  nameZh: string;
  kind: PointKind;
  address: string | null;
  /** WGS-84, as stored. */
  position: Position;
  sensorId: string | null;
  waterloggedDepthCm: number;
  severeDepthCm: number;
  maxReadingAgeMinutes: number;
}

export interface ManagedWaterloggingPoint extends WaterloggingPoint {
  sensorId: string | null;
  maxReadingAgeMinutes: number;
  readingCount: number;
}

/** Every point with its current state as the public sees it, plus what only an administrator manages. */
export async function listManagedPoints(sql: Sql, now: Date): Promise<ManagedWaterloggingPoint[]> {
  const points = await listWaterlogging(sql, now);
  const { rows } = await sql.query<{ code: string; sensor_id: string | null; max_reading_age_minutes: number; reading_count: number }>(
    `SELECT p.code, p.sensor_id, p.max_reading_age_minutes, (SELECT count(*)::int FROM waterlogging_reading r WHERE r.point_code = p.code) AS reading_count
       FROM waterlogging_point p`,
  );
  const managed = new Map(rows.map((row) => [row.code, row]));
  return points.map((point) => {
    const row = managed.get(point.code);
    return { ...point, sensorId: row?.sensor_id ?? null, maxReadingAgeMinutes: Number(row?.max_reading_age_minutes), readingCount: Number(row?.reading_count ?? 0) };
  });
}

/** A city has tens to a few hundred points: one is picked from the list rather than a query of its own. */
export async function findManagedPoint(sql: Sql, code: string, now: Date): Promise<ManagedWaterloggingPoint> {
  const point = (await listManagedPoints(sql, now)).find((p) => p.code === code);
  if (!point) throw notFound(code);
  return point;
}

const notFound = (code: string) => new NotFound(`no waterlogging point ${code}`, { field: 'code', detailZh: `积水点 ${code} 不存在` });

/** Depths are stored to 0.1 cm, so the thresholds are compared as they will be stored. */
const tenths = (depth: number) => Math.round(depth * 10) / 10;

async function checkFields(sql: Sql, code: string, fields: WaterloggingPointFields): Promise<void> {
  if (tenths(fields.severeDepthCm) <= tenths(fields.waterloggedDepthCm)) {
    throw new Invalid(`severeDepthCm ${fields.severeDepthCm} must be deeper than waterloggedDepthCm ${fields.waterloggedDepthCm}`, {
      field: 'severeDepthCm',
      detailZh: `严重积水深度（${fields.severeDepthCm} 厘米）须大于积水深度（${fields.waterloggedDepthCm} 厘米）`,
    });
  }
  if (fields.sensorId === null) return;
  const { rows } = await sql.query<{ code: string }>('SELECT code FROM waterlogging_point WHERE sensor_id = $1 AND code <> $2', [fields.sensorId, code]);
  // One sensor's readings must land on one point, or a reading would move the wrong point's state.
  if (rows[0]) {
    throw new Conflict(`sensor ${fields.sensorId} belongs to waterlogging point ${rows[0].code}`, {
      field: 'sensorId',
      detailZh: `传感器 ${fields.sensorId} 已属于积水点 ${rows[0].code}`,
    });
  }
}

const columnValues = (fields: WaterloggingPointFields) => [
  fields.nameZh,
  fields.kind,
  fields.address,
  fields.position[0],
  fields.position[1],
  fields.sensorId,
  tenths(fields.waterloggedDepthCm),
  tenths(fields.severeDepthCm),
  fields.maxReadingAgeMinutes,
];

export async function createPoint(sql: Sql, code: string, fields: WaterloggingPointFields): Promise<void> {
  await checkFields(sql, code, fields);
  // ON CONFLICT rather than a look first: two administrators creating the same code get one point and one 409.
  const { rows } = await sql.query<{ code: string }>(
    `INSERT INTO waterlogging_point (code, name_zh, kind, address, lng, lat, sensor_id, waterlogged_depth_cm, severe_depth_cm, max_reading_age_minutes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (code) DO NOTHING RETURNING code`,
    [code, ...columnValues(fields)],
  );
  if (!rows[0]) throw new Conflict(`waterlogging point ${code} exists`, { field: 'code', detailZh: `积水点编码 ${code} 已存在` });
}

/** Replaces every field but the code; the readings stay the point's history, also when its sensor is exchanged. */
export async function replacePoint(sql: Sql, code: string, fields: WaterloggingPointFields): Promise<void> {
  const { rows } = await sql.query<{ code: string }>('SELECT code FROM waterlogging_point WHERE code = $1 FOR UPDATE', [code]);
  if (!rows[0]) throw notFound(code);
  await checkFields(sql, code, fields);
  await sql.query(
    `UPDATE waterlogging_point SET name_zh = $2, kind = $3, address = $4, lng = $5, lat = $6, sensor_id = $7,
            waterlogged_depth_cm = $8, severe_depth_cm = $9, max_reading_age_minutes = $10
      WHERE code = $1`,
    [code, ...columnValues(fields)],
  );
}

/**
 * A point with readings is a 409 unless `force`: its depth history is the record of past floods (for the
 * after-storm review), so it goes only when the administrator says so, and then with the point.
 */
export async function removePoint(sql: Sql, code: string, options: { force: boolean }): Promise<void> {
  const { rows } = await sql.query<{ reading_count: number }>(
    `SELECT (SELECT count(*)::int FROM waterlogging_reading WHERE point_code = p.code) AS reading_count FROM waterlogging_point p WHERE p.code = $1 FOR UPDATE`,
    [code],
  );
  const point = rows[0];
  if (!point) throw notFound(code);
  const readingCount = Number(point.reading_count);
  if (readingCount > 0 && !options.force) {
    throw new Conflict(`waterlogging point ${code} has ${readingCount} readings: delete with force=true to delete them too`, {
      field: 'force',
      extra: { readingCount },
      detailZh: `积水点 ${code} 已有 ${readingCount} 条水深记录，确认一并删除后才能删除该积水点`,
    });
  }
  await sql.query('DELETE FROM waterlogging_reading WHERE point_code = $1', [code]);
  await sql.query('DELETE FROM waterlogging_point WHERE code = $1', [code]);
}
