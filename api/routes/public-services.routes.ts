import { Router } from 'express';
import { toWgs84, coordinateSystems, type CoordinateSystem } from '../../core/grids/coordinates.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Database } from '../../core/ports/database.ts';
import { loadPlacesFile } from '../../core/public-services/places-file.ts';
import { nearbyPlaces, placeKinds, type PlaceKind } from '../../core/public-services/public-places.ts';
import { listWaterlogging, recordReading, type DepthReading } from '../../core/public-services/waterlogging.ts';
import type { Operation } from '../http/openapi.ts';
import { bodyValidator, queryValidator } from '../http/validate.ts';
import { requireChannel } from './channels.routes.ts';

const placesQuery = {
  type: 'object',
  required: ['kind', 'lng', 'lat'],
  additionalProperties: false,
  properties: {
    kind: { enum: [...placeKinds], description: 'toilet 公共厕所, park 公园' },
    lng: { type: 'number', minimum: -180, maximum: 180 },
    lat: { type: 'number', minimum: -90, maximum: 90 },
    crs: { enum: [...coordinateSystems], default: 'WGS84', description: 'of lng/lat: a phone\'s AMap or Tencent map gives GCJ02' },
    limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
  },
};

const readingSchema = {
  type: 'object',
  required: ['readingId', 'sensorId', 'depthCm', 'measuredAt'],
  additionalProperties: false,
  properties: {
    readingId: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$', description: 'the IoT platform\'s id of this reading' },
    sensorId: { type: 'string', minLength: 1, maxLength: 100 },
    depthCm: { type: 'number', minimum: 0, maximum: 1000, description: 'water depth above the road surface, cm' },
    measuredAt: { type: 'string', format: 'date-time' },
  },
};

const parsePlaces = queryValidator<{ kind: PlaceKind; lng: number; lat: number; crs: CoordinateSystem; limit: number }>(placesQuery);
const parseReading = bodyValidator<DepthReading>(readingSchema);

// A toilet list changes with an inventory import, a water depth within one sensor period (about five minutes).
const placesCaching = 'public, max-age=900';
const waterloggingCaching = 'public, max-age=60';

export interface PublicServiceRoutesDeps {
  db: Database;
  clock: Clock;
  /**
   * The city's POI file of public toilets and parks (CITYCASE_PLACES_FILE). Without one, the toilets are the
   * inventory's and there are no parks: another city's list would send citizens to streets they are not in.
   */
  placesFile?: string;
}

/** No sign-in for the reads: these are what a citizen's phone asks. Express answers a matching If-None-Match with 304. */
export function publicServiceRoutes(deps: PublicServiceRoutesDeps): Router {
  const router = Router();
  // Read at start-up, so that a broken file stops the server instead of the first citizen's request.
  const places = deps.placesFile ? loadPlacesFile(deps.placesFile) : [];

  router.get('/public/places', async (req, res) => {
    const query = parsePlaces(req.query);
    const origin = toWgs84({ lng: query.lng, lat: query.lat, crs: query.crs });
    const items = await nearbyPlaces(deps.db, places, { kind: query.kind, origin, limit: query.limit });
    res.set('Cache-Control', placesCaching).json({ kind: query.kind, origin: { lng: origin[0], lat: origin[1], crs: 'WGS84' }, items });
  });

  router.get('/public/waterlogging', async (_req, res) => {
    res.set('Cache-Control', waterloggingCaching).json({ items: await listWaterlogging(deps.db, deps.clock.now()) });
  });

  router.post('/channels/waterlogging-readings', async (req, res) => {
    const principal = requireChannel(res, 'iot');
    const reading = parseReading(req.body);
    const received = await recordReading(deps.db, reading, { apiKeyId: principal.id, now: deps.clock.now() });
    res.status(received.created ? 201 : 200).json(received.reading);
  });

  return router;
}

export const publicServiceOperations: Operation[] = [
  { method: 'get', path: '/public/places', tag: 'public-services',
    summary: '附近公厕 / 公园 Public toilets (the components inventory merged with the POI file) or parks, nearest first, in metres to the nearest entrance',
    access: 'public', query: placesQuery,
    responses: { 200: '{ kind, origin, items: [{ code, nameZh, distanceMetres, location, gcj02, openingHours, accessible, componentCode, nearestEntrance, entrances }] }', 422: 'Bad kind, coordinates or limit' } },
  { method: 'get', path: '/public/waterlogging', tag: 'public-services',
    summary: '积水点 Waterlogging points with their current state (严重积水 / 积水 / 正常 / 无数据 when the latest reading is missing or too old), the worst first',
    access: 'public', responses: { 200: '{ items: [{ code, nameZh, kindZh, location, state, stateZh, depthCm, measuredAt, thresholds }] }' } },
  { method: 'post', path: '/channels/waterlogging-readings', tag: 'channels',
    summary: '积水深度 A water-depth reading of a waterlogging point\'s sensor, stored once per sensorId and readingId (IoT API keys)',
    access: 'signed-in', body: readingSchema,
    responses: { 200: 'The reading as first received (a re-delivery)', 201: 'The new reading', 401: 'Unknown or revoked API key', 403: 'Not an IoT API key',
      409: 'This readingId came before with other values', 422: 'Invalid reading, unknown sensor, or measured in the future' } },
];
