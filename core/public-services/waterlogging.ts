import { Conflict, Invalid } from '../errors.ts';
import type { Database, Sql } from '../ports/database.ts';
import { publicPosition, type PublicPosition } from './public-position.ts';

export const waterloggingStates = ['severe', 'waterlogged', 'normal', 'no-data'] as const;
export type WaterloggingState = (typeof waterloggingStates)[number];

export const waterloggingStateNames: Record<WaterloggingState, string> = {
  severe: '严重积水',
  waterlogged: '积水',
  normal: '正常',
  'no-data': '无数据',
};

export const pointKindNames = {
  underpass: '下穿通道',
  overpass: '立交桥下',
  'low-lying-road': '低洼路段',
  underground: '地下构筑物',
  other: '其他',
} as const;
export type PointKind = keyof typeof pointKindNames;

export interface Thresholds {
  waterloggedDepthCm: number;
  severeDepthCm: number;
  maxReadingAgeMinutes: number;
}

/**
 * The state a point shows now. A reading older than the point's allowed age says nothing about now (the sensor
 * or its link may be down in the very storm), so it is 无数据 rather than the last known 正常.
 */
export function waterloggingState(latest: { depthCm: number; measuredAt: Date } | null, thresholds: Thresholds, now: Date): WaterloggingState {
  if (!latest || now.getTime() - latest.measuredAt.getTime() > thresholds.maxReadingAgeMinutes * 60_000) return 'no-data';
  if (latest.depthCm >= thresholds.severeDepthCm) return 'severe';
  if (latest.depthCm >= thresholds.waterloggedDepthCm) return 'waterlogged';
  return 'normal';
}

export interface WaterloggingPoint extends PublicPosition {
  code: string;
  nameZh: string;
  kind: PointKind;
  kindZh: string;
  address: string | null;
  state: WaterloggingState;
  stateZh: string;
  /** The latest reading's depth, also when it is too old to count. */
  depthCm: number | null;
  measuredAt: string | null;
  thresholds: { waterloggedDepthCm: number; severeDepthCm: number };
}

interface PointRow {
  code: string;
  name_zh: string;
  kind: PointKind;
  address: string | null;
  lng: number;
  lat: number;
  waterlogged_depth_cm: number;
  severe_depth_cm: number;
  max_reading_age_minutes: number;
  depth_cm: number | null;
  measured_at: Date | string | null;
}

/** Every point with its current state, the worst first, so the public sees where not to drive before the rest. */
export async function listWaterlogging(sql: Sql, now: Date): Promise<WaterloggingPoint[]> {
  const { rows } = await sql.query<PointRow>(
    `SELECT p.code, p.name_zh, p.kind, p.address, p.lng, p.lat, p.waterlogged_depth_cm::float8 AS waterlogged_depth_cm,
            p.severe_depth_cm::float8 AS severe_depth_cm, p.max_reading_age_minutes, r.depth_cm::float8 AS depth_cm, r.measured_at
       FROM waterlogging_point p
       LEFT JOIN LATERAL (
         SELECT depth_cm, measured_at FROM waterlogging_reading WHERE point_code = p.code ORDER BY measured_at DESC LIMIT 1
       ) r ON true
      ORDER BY p.code`,
  );
  const points = rows.map((row): WaterloggingPoint => {
    const thresholds = {
      waterloggedDepthCm: Number(row.waterlogged_depth_cm),
      severeDepthCm: Number(row.severe_depth_cm),
      maxReadingAgeMinutes: Number(row.max_reading_age_minutes),
    };
    const measuredAt = row.measured_at === null ? null : new Date(row.measured_at);
    const depthCm = row.depth_cm === null ? null : Number(row.depth_cm);
    const state = waterloggingState(measuredAt && depthCm !== null ? { depthCm, measuredAt } : null, thresholds, now);
    return {
      code: row.code,
      nameZh: row.name_zh,
      kind: row.kind,
      kindZh: pointKindNames[row.kind],
      address: row.address,
      ...publicPosition([Number(row.lng), Number(row.lat)]),
      state,
      stateZh: waterloggingStateNames[state],
      depthCm,
      measuredAt: measuredAt?.toISOString() ?? null,
      thresholds: { waterloggedDepthCm: thresholds.waterloggedDepthCm, severeDepthCm: thresholds.severeDepthCm },
    };
  });
  const rank = (state: WaterloggingState) => waterloggingStates.indexOf(state);
  return points.sort((a, b) => rank(a.state) - rank(b.state) || a.code.localeCompare(b.code));
}

export interface DepthReading {
  readingId: string;
  sensorId: string;
  depthCm: number;
  measuredAt: string;
}

export interface RecordedReading extends DepthReading {
  pointCode: string;
  receivedAt: string;
}

/** Sensor clocks drift; a reading further ahead than this would stand as "latest" over every real one after it. */
export const maxClockAheadMinutes = 5;

interface ReadingRow {
  reading_id: string;
  sensor_id: string;
  point_code: string;
  depth_cm: number;
  measured_at: Date | string;
  received_at: Date | string;
}

const recorded = (row: ReadingRow): RecordedReading => ({
  readingId: row.reading_id,
  sensorId: row.sensor_id,
  pointCode: row.point_code,
  depthCm: Number(row.depth_cm),
  measuredAt: new Date(row.measured_at).toISOString(),
  receivedAt: new Date(row.received_at).toISOString(),
});

/**
 * Stores a depth reading once per (sensor, reading id): a re-delivery changes nothing and answers with the
 * first delivery, and the same id with other values is a 409, because one of the two must be wrong.
 */
export async function recordReading(db: Database, reading: DepthReading, context: { apiKeyId: number; now: Date }): Promise<{ reading: RecordedReading; created: boolean }> {
  const measuredAt = new Date(reading.measuredAt);
  if (measuredAt.getTime() > context.now.getTime() + maxClockAheadMinutes * 60_000) {
    throw new Invalid(`measuredAt ${reading.measuredAt} is in the future: check the sensor's clock`, { field: 'measuredAt' });
  }
  return db.transaction(async (tx) => {
    const { rows: points } = await tx.query<{ code: string }>('SELECT code FROM waterlogging_point WHERE sensor_id = $1', [reading.sensorId]);
    const point = points[0];
    if (!point) throw new Invalid(`no waterlogging point has sensor ${reading.sensorId}`, { field: 'sensorId' });
    const columns = 'reading_id, sensor_id, point_code, depth_cm::float8 AS depth_cm, measured_at, received_at';
    const { rows: inserted } = await tx.query<ReadingRow>(
      `INSERT INTO waterlogging_reading (sensor_id, reading_id, point_code, depth_cm, measured_at, received_at, api_key_id)
       VALUES ($1, $2, $3, round($4::numeric, 1), $5, $6, $7) ON CONFLICT (sensor_id, reading_id) DO NOTHING RETURNING ${columns}`,
      [reading.sensorId, reading.readingId, point.code, reading.depthCm, measuredAt, context.now, context.apiKeyId],
    );
    if (inserted[0]) return { reading: recorded(inserted[0]), created: true };
    const { rows: existing } = await tx.query<ReadingRow>(`SELECT ${columns} FROM waterlogging_reading WHERE sensor_id = $1 AND reading_id = $2`, [
      reading.sensorId,
      reading.readingId,
    ]);
    const first = recorded(existing[0] as ReadingRow);
    // Stored to 0.1 cm: a re-delivery of 12.34 finds 12.3, which is the same reading.
    if (Math.abs(first.depthCm - reading.depthCm) > 0.05 + 1e-9 || first.measuredAt !== measuredAt.toISOString()) {
      throw new Conflict(`reading ${reading.readingId} of sensor ${reading.sensorId} was received before with other values`, {
        field: 'readingId',
        extra: { received: first },
      });
    }
    return { reading: first, created: false };
  });
}
