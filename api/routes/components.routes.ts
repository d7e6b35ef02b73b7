import express, { Router, type Request } from 'express';
import { NotFound, Invalid } from '../../core/errors.ts';
import type { Database } from '../../core/ports/database.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { SchemeId, StandardsCatalog } from '../../core/ports/standards.ts';
import type { Role } from '../../core/identity/roles.ts';
import { coordinateSystems, type CoordinateSystem } from '../../core/grids/coordinates.ts';
import { UnsupportedMediaType } from '../../core/attachments/upload-errors.ts';
import { componentStates, findComponent, listComponents, publicView, type ComponentQuery } from '../../core/components/component-view.ts';
import { componentReportUrl, qrPng, qrSvg } from '../../core/components/component-qr.ts';
import { renderQrSheet } from '../../core/components/qr-sheet.ts';
import { importComponents, maxImportRows, type PointFeatureCollection } from '../../core/components/import-components.ts';
import { requireRole } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';
import { bodyValidator, queryValidator } from '../http/validate.ts';
import { featureCollectionSchema, positionSchema } from '../http/geojson-schema.ts';

/** Everyone who works cases; citizens and third-party reviewers have the public lookup. */
const staff: Role[] = ['admin', 'acceptor', 'shift-leader', 'dispatcher', 'department', 'department-head', 'collector', 'leader'];

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    street: { type: 'string', pattern: '^[0-9]{9}$' },
    community: { type: 'string', pattern: '^[0-9]{12}$' },
    grid: { type: 'string', pattern: '^[0-9]{15}$' },
    classCode: { type: 'string', pattern: '^[0-9]{4,5}$' },
    state: { enum: [...componentStates] },
    q: { type: 'string', minLength: 1, maxLength: 50, description: 'code prefix or part of the name' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
};
const sheetQuery = {
  type: 'object',
  required: ['street'],
  additionalProperties: false,
  properties: {
    street: { type: 'string', pattern: '^[0-9]{9}$' },
    community: listQuery.properties.community,
    classCode: listQuery.properties.classCode,
  },
};
const pngQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { size: { type: 'integer', minimum: 128, maximum: 2048, default: 512, description: 'width in pixels' } },
};
const importQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scheme: { enum: ['gbt47678', 'legacy'], default: 'gbt47678' },
    crs: { enum: [...coordinateSystems], default: 'WGS84', description: 'the coordinate system of the file (GeoJSON from Chinese map tools is often GCJ02)' },
  },
};
const pointCollectionSchema = featureCollectionSchema({
  maxFeatures: maxImportRows,
  geometry: { type: 'object', required: ['type', 'coordinates'], properties: { type: { const: 'Point' }, coordinates: positionSchema } },
  properties: { type: ['object', 'null'], description: 'code, classCode, name, ownerUnit, maintainerUnit, state, address; others are kept as attributes' },
});

type ListQuery = Omit<ComponentQuery, 'search'> & { q?: string };
const parseList = queryValidator<ListQuery>(listQuery);
const parseSheet = queryValidator<{ street: string; community?: string; classCode?: string }>(sheetQuery);
const parsePng = queryValidator<{ size: number }>(pngQuery);
const parseImport = queryValidator<{ scheme: SchemeId; crs: CoordinateSystem }>(importQuery);
const parseCollection = bodyValidator<PointFeatureCollection>(pointCollectionSchema);

/** A whole district's inventory is tens of thousands of points: larger than the API's 1 MB JSON limit. */
const geoJsonBody = express.json({ type: 'application/geo+json', limit: '50mb' });
const csvBody = express.text({ type: 'text/csv', limit: '20mb' });

/** One sheet is printed at once; a street with more components is printed by community or class. */
const maxSheetLabels = 3000;

/** The platform's address as the caller reached it (behind the loopback proxy, as the proxy says). */
const originOf = (req: Request) => `${req.protocol}://${req.host}`;

export interface ComponentRoutesDeps {
  db: Database;
  catalog: StandardsCatalog;
  clock: Clock;
}

export function componentRoutes(deps: ComponentRoutesDeps): Router {
  const { db, catalog } = deps;
  const router = Router();

  router.get('/public/components/:code', async (req, res) => {
    const component = await findComponent(db, catalog, req.params.code);
    res.set('Cache-Control', 'public, max-age=300').json(publicView(component));
  });

  router.get('/public/components/:code/qr.svg', async (req, res) => {
    const { code } = await findComponent(db, catalog, req.params.code);
    res.set('Cache-Control', 'public, max-age=86400').type('image/svg+xml').send(await qrSvg(componentReportUrl(originOf(req), code)));
  });

  router.get('/public/components/:code/qr.png', async (req, res) => {
    const { size } = parsePng(req.query);
    const { code } = await findComponent(db, catalog, req.params.code);
    res.set('Cache-Control', 'public, max-age=86400').type('image/png').send(await qrPng(componentReportUrl(originOf(req), code), size));
  });

  router.get('/components', async (req, res) => {
    requireRole(res, ...staff);
    const { q, ...query } = parseList(req.query);
    const page = await listComponents(db, catalog, { ...query, search: q });
    res.json({ ...page, limit: query.limit, offset: query.offset });
  });

  router.get('/components/qr-sheet', async (req, res) => {
    requireRole(res, 'admin');
    const query = parseSheet(req.query);
    const { rows } = await db.query<{ id: string; name_zh: string }>(`SELECT id, name_zh FROM organisation WHERE id = $1 AND kind = 'street'`, [query.street]);
    const street = rows[0];
    if (!street) throw new NotFound(`no street ${query.street}`, { field: 'street' });
    const { items, total } = await listComponents(db, catalog, { ...query, limit: maxSheetLabels, offset: 0 });
    if (total > maxSheetLabels) {
      throw new Invalid(`${street.name_zh} has ${total} components, more than one sheet of ${maxSheetLabels}: choose a community or class`, { field: 'community' });
    }
    const html = await renderQrSheet({ street: { id: street.id, nameZh: street.name_zh }, components: items, origin: originOf(req), generatedAt: deps.clock.now() });
    // Names and addresses come from imported files: the page runs no script whatever they hold.
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'").set('Cache-Control', 'no-store').type('html').send(html);
  });

  router.get('/components/:code', async (req, res) => {
    requireRole(res, ...staff);
    res.json(await findComponent(db, catalog, req.params.code));
  });

  router.post(
    '/components/import',
    (_req, res, next) => {
      // The role is checked before a body of up to 50 MB is read.
      requireRole(res, 'admin');
      next();
    },
    geoJsonBody,
    csvBody,
    async (req, res) => {
      const options = { ...parseImport(req.query), now: deps.clock.now() };
      let result;
      if (req.is('text/csv')) {
        const text = req.body as string;
        result = await db.transaction((tx) => importComponents(tx, catalog, { format: 'csv', text }, options));
      } else if (req.is(['application/json', 'application/geo+json'])) {
        const collection = parseCollection(req.body);
        result = await db.transaction((tx) => importComponents(tx, catalog, { format: 'geojson', collection }, options));
      } else {
        throw new UnsupportedMediaType('send a GeoJSON FeatureCollection (application/geo+json) or a CSV file (text/csv)', { field: 'body' });
      }
      res.json(result);
    },
  );

  return router;
}

const qrImage = (contentType: string) => ({ description: 'The QR code of the component\'s report page (/report?component=CODE)', contentType, schema: { type: 'string' } });

export const componentOperations: Operation[] = [
  { method: 'get', path: '/public/components/{code}', tag: 'components',
    summary: '部件查询 A component by its 17-digit code: class (GB/T 47678.5 name), place (WGS-84 and GCJ-02), street, community, grid, owner, state',
    access: 'public', responses: { 200: 'The component as the public sees it', 404: 'No component with this code' } },
  { method: 'get', path: '/public/components/{code}/qr.svg', tag: 'components', summary: '部件二维码 (SVG)', access: 'public',
    responses: { 200: qrImage('image/svg+xml'), 404: 'No component with this code' } },
  { method: 'get', path: '/public/components/{code}/qr.png', tag: 'components', summary: '部件二维码 (PNG)', access: 'public', query: pngQuery,
    responses: { 200: { ...qrImage('image/png'), schema: { type: 'string', format: 'binary' } }, 404: 'No component with this code', 422: 'Bad size' } },
  { method: 'get', path: '/components', tag: 'components', summary: 'The component inventory (部件), filtered, in code order, with open cases per component',
    access: staff, query: listQuery, responses: { 200: '{ items, total, limit, offset }', 422: 'Bad filter' } },
  { method: 'get', path: '/components/qr-sheet', tag: 'components',
    summary: 'A printable A4 sheet (HTML) of one street\'s component QR codes, labelled with code, class and address', access: ['admin'], query: sheetQuery,
    responses: { 200: { description: 'The sheet', contentType: 'text/html', schema: { type: 'string' } }, 404: 'No such street', 422: 'Too many components for one sheet' } },
  { method: 'get', path: '/components/{code}', tag: 'components', summary: 'One component with its keeper, attributes and open cases', access: staff,
    responses: { 200: 'The component', 404: 'No component with this code' } },
  { method: 'post', path: '/components/import', tag: 'components',
    summary: '部件普查数据导入 Add or update components from a GeoJSON FeatureCollection of points or a CSV file (columns code, classCode, lng, lat, name, ownerUnit, maintainerUnit, state, address; Chinese titles such as 部件标识码, 经度 work too). All or nothing; the same file twice changes nothing.',
    access: ['admin'], query: importQuery, body: pointCollectionSchema, bodyContentType: 'application/geo+json',
    responses: { 200: '{ imported, created, updated, unchanged }', 415: 'Neither GeoJSON nor CSV', 422: 'Bad rows: errors lists each as { line | feature, code, field, column, detail }' } },
];
