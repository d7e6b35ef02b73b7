import { Router } from 'express';
import type { Database } from '../../core/ports/database.ts';
import { NotFound } from '../../core/errors.ts';
import { coordinateSystems, toWgs84, type CoordinateSystem } from '../../core/grids/coordinates.ts';
import { importResponsibilityGrids, importUnitGrids, type GridCollection } from '../../core/grids/import.ts';
import { locateResponsibilityGrids, locateUnitGrid } from '../../core/grids/locate.ts';
import { principalOf, requireRole } from '../auth/authenticate.ts';
import { bodyValidator, queryValidator } from '../http/validate.ts';
import { featureCollectionSchema, positionSchema } from '../http/geojson-schema.ts';
import type { Operation } from '../http/openapi.ts';

const ring = { type: 'array', minItems: 4, items: positionSchema };
const polygon = { type: 'array', minItems: 1, items: ring };

export const gridCollectionSchema = featureCollectionSchema({
  maxFeatures: 20000,
  geometry: {
    oneOf: [
      { type: 'object', required: ['type', 'coordinates'], properties: { type: { const: 'Polygon' }, coordinates: polygon } },
      {
        type: 'object',
        required: ['type', 'coordinates'],
        properties: { type: { const: 'MultiPolygon' }, coordinates: { type: 'array', minItems: 1, items: polygon } },
      },
    ],
  },
  properties: {
    type: 'object',
    required: ['code'],
    properties: {
      code: { type: 'string', pattern: '^[0-9]{15}$' },
      nameZh: { type: 'string', maxLength: 100 },
      communityId: { type: 'string', pattern: '^[0-9]{12}$' },
      areaGrade: { enum: ['A', 'B', 'C'] },
      departmentId: { type: ['string', 'null'] },
    },
  },
});

const parseCollection = bodyValidator<GridCollection>(gridCollectionSchema);
const kindQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { kind: { enum: ['unit', 'responsibility'], default: 'unit' } },
};
const locateQuery = {
  type: 'object',
  required: ['lng', 'lat'],
  additionalProperties: false,
  properties: { lng: { type: 'number' }, lat: { type: 'number' }, crs: { enum: [...coordinateSystems], default: 'WGS84' } },
};
const parseKind = queryValidator<{ kind: 'unit' | 'responsibility' }>(kindQuery);
const parseLocate = queryValidator<{ lng: number; lat: number; crs: CoordinateSystem }>(locateQuery);

interface GridRow {
  code: string;
  name_zh: string | null;
  geometry: object;
  area_grade?: string;
  community_id?: string;
  department_id?: string | null;
  area_m2?: number | null;
}

export function gridRoutes(deps: { db: Database }): Router {
  const { db } = deps;
  const router = Router();

  router.get('/grids', async (req, res) => {
    principalOf(res);
    const { kind } = parseKind(req.query);
    const { rows } =
      kind === 'unit'
        ? await db.query<GridRow>('SELECT code, name_zh, geometry, area_grade, community_id, area_m2 FROM unit_grid ORDER BY code')
        : await db.query<GridRow>('SELECT code, name_zh, geometry, department_id FROM responsibility_grid ORDER BY code');
    res.type('application/geo+json').json({
      type: 'FeatureCollection',
      features: rows.map((row) => ({
        type: 'Feature',
        id: row.code,
        geometry: row.geometry,
        properties: {
          code: row.code,
          nameZh: row.name_zh,
          ...(kind === 'unit'
            ? { areaGrade: row.area_grade, communityId: row.community_id, areaM2: row.area_m2 }
            : { departmentId: row.department_id }),
        },
      })),
    });
  });

  router.get('/grids/locate', async (req, res) => {
    principalOf(res);
    const query = parseLocate(req.query);
    const point = toWgs84(query);
    const place = await locateUnitGrid(db, point);
    if (!place) throw new NotFound(`no unit grid contains ${point[0].toFixed(6)}, ${point[1].toFixed(6)} (WGS-84)`);
    res.json({ ...place, wgs84: { lng: point[0], lat: point[1] }, responsibilityGrids: await locateResponsibilityGrids(db, point) });
  });

  router.post('/grids/import', async (req, res) => {
    requireRole(res, 'admin');
    const { kind } = parseKind(req.query);
    const collection = parseCollection(req.body);
    const count = await db.transaction((tx) =>
      kind === 'unit' ? importUnitGrids(tx, collection) : importResponsibilityGrids(tx, collection),
    );
    res.json({ kind, imported: count });
  });

  return router;
}

export const gridOperations: Operation[] = [
  { method: 'get', path: '/grids', tag: 'grids', summary: 'Unit or responsibility grids as GeoJSON', access: 'signed-in', query: kindQuery,
    responses: { 200: { description: 'A FeatureCollection', contentType: 'application/geo+json', schema: { type: 'object' } } } },
  { method: 'get', path: '/grids/locate', tag: 'grids', summary: 'The unit grid, community, street and responsibility grids of a point',
    access: 'signed-in', query: locateQuery, responses: { 200: 'The place', 404: 'Outside every grid', 422: 'Bad coordinates' } },
  { method: 'post', path: '/grids/import', tag: 'grids', summary: 'Add or replace grids from GeoJSON (all or nothing)', access: ['admin'],
    query: kindQuery, body: gridCollectionSchema, responses: { 200: 'Imported', 422: 'A bad feature, named by index' } },
];
