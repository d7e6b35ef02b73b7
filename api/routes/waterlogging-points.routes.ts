import { Router } from 'express';
import { coordinateSystems, toWgs84, type ReportedLocation } from '../../core/grids/coordinates.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Database } from '../../core/ports/database.ts';
import { pointKindNames, type PointKind } from '../../core/public-services/waterlogging.ts';
import {
  createPoint,
  findManagedPoint,
  listManagedPoints,
  removePoint,
  replacePoint,
  type WaterloggingPointFields,
} from '../../core/public-services/waterlogging-points.ts';
import { requireRole } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';
import { bodyValidator, queryValidator } from '../http/validate.ts';

// Depth bounds as the sensors' readings have them; 0.1 cm is what the table stores.
const depth = { type: 'number', minimum: 0.1, maximum: 1000 };

const pointFields = {
  nameZh: { type: 'string', minLength: 1, maxLength: 100 },
  kind: { enum: Object.keys(pointKindNames), description: Object.entries(pointKindNames).map(([kind, zh]) => `${kind} ${zh}`).join(', ') },
  address: { type: ['string', 'null'], maxLength: 300, default: null },
  location: {
    type: 'object',
    required: ['lng', 'lat'],
    additionalProperties: false,
    properties: {
      lng: { type: 'number', minimum: -180, maximum: 180 },
      lat: { type: 'number', minimum: -90, maximum: 90 },
      crs: { enum: [...coordinateSystems], default: 'WGS84', description: 'a point picked on an AMap or Tencent map is GCJ02; stored as WGS84' },
    },
  },
  sensorId: { type: ['string', 'null'], minLength: 1, maxLength: 100, default: null, description: 'the id the IoT platform sends readings under; null: watched by patrol only (无数据)' },
  waterloggedDepthCm: { ...depth, description: '积水 from this depth' },
  severeDepthCm: { ...depth, description: '严重积水 from this depth, deeper than waterloggedDepthCm' },
  maxReadingAgeMinutes: { type: 'integer', minimum: 1, maximum: 1440, default: 30, description: 'an older latest reading shows 无数据' },
};
const required = ['nameZh', 'kind', 'location', 'waterloggedDepthCm', 'severeDepthCm'];

const newPointSchema = {
  type: 'object',
  required: ['code', ...required],
  additionalProperties: false,
  properties: { code: { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$', description: 'e.g. DC-JS-007; fixed once created' }, ...pointFields },
};
const pointSchema = { type: 'object', required, additionalProperties: false, properties: pointFields };
const deleteQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { force: { type: 'boolean', default: false, description: 'also delete the point\'s depth readings' } },
};

interface PointBody {
  nameZh: string;
  kind: PointKind;
  address: string | null;
  location: ReportedLocation;
  sensorId: string | null;
  waterloggedDepthCm: number;
  severeDepthCm: number;
  maxReadingAgeMinutes: number;
}

const parseNew = bodyValidator<PointBody & { code: string }>(newPointSchema);
const parsePoint = bodyValidator<PointBody>(pointSchema);
const parseDelete = queryValidator<{ force: boolean }>(deleteQuery);

const fieldsOf = ({ location, ...body }: PointBody): WaterloggingPointFields => ({ ...body, position: toWgs84(location) });

export interface WaterloggingPointRoutesDeps {
  db: Database;
  clock: Clock;
}

/** 积水点管理: the points the public map and the IoT readings refer to, managed by administrators. */
export function waterloggingPointRoutes(deps: WaterloggingPointRoutesDeps): Router {
  const { db, clock } = deps;
  const router = Router();

  router.get('/waterlogging-points', async (_req, res) => {
    requireRole(res, 'admin');
    res.json({ items: await listManagedPoints(db, clock.now()) });
  });

  router.post('/waterlogging-points', async (req, res) => {
    requireRole(res, 'admin');
    const { code, ...body } = parseNew(req.body);
    const fields = fieldsOf(body);
    const point = await db.transaction(async (tx) => {
      await createPoint(tx, code, fields);
      return findManagedPoint(tx, code, clock.now());
    });
    res.status(201).location(`/api/v1/waterlogging-points/${encodeURIComponent(code)}`).json(point);
  });

  router.put('/waterlogging-points/:code', async (req, res) => {
    requireRole(res, 'admin');
    const fields = fieldsOf(parsePoint(req.body));
    const { code } = req.params;
    res.json(
      await db.transaction(async (tx) => {
        await replacePoint(tx, code, fields);
        return findManagedPoint(tx, code, clock.now());
      }),
    );
  });

  router.delete('/waterlogging-points/:code', async (req, res) => {
    requireRole(res, 'admin');
    const { force } = parseDelete(req.query);
    await db.transaction((tx) => removePoint(tx, req.params.code, { force }));
    res.status(204).end();
  });

  return router;
}

const managedPoint = '{ code, nameZh, kind, kindZh, address, location, gcj02, state, stateZh, depthCm, measuredAt, thresholds, sensorId, maxReadingAgeMinutes, readingCount }';

export const waterloggingPointOperations: Operation[] = [
  { method: 'get', path: '/waterlogging-points', tag: 'public-services', summary: '积水点管理 Every waterlogging point with its sensor, thresholds, current state and number of readings, the worst first',
    access: ['admin'], responses: { 200: `{ items: [${managedPoint}] }` } },
  { method: 'post', path: '/waterlogging-points', tag: 'public-services', summary: 'Add a waterlogging point', access: ['admin'], body: newPointSchema,
    responses: { 201: managedPoint, 409: 'The code is taken, or the sensor belongs to another point', 422: 'Invalid input, or severeDepthCm not deeper than waterloggedDepthCm' } },
  { method: 'put', path: '/waterlogging-points/{code}', tag: 'public-services', summary: 'Change every field of a point but its code; its readings stay', access: ['admin'], body: pointSchema,
    responses: { 200: managedPoint, 404: 'No such point', 409: 'The sensor belongs to another point', 422: 'Invalid input, or severeDepthCm not deeper than waterloggedDepthCm' } },
  { method: 'delete', path: '/waterlogging-points/{code}', tag: 'public-services',
    summary: 'Delete a point; one with depth readings only with force=true, which deletes its readings too', access: ['admin'], query: deleteQuery,
    responses: { 204: 'Deleted', 404: 'No such point', 409: 'The point has readings (readingCount) and force is not true' } },
];
