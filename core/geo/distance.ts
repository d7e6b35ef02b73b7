import type { Position } from './geometry.ts';

/** IUGG mean Earth radius; haversine on it is within 0.5 % of the ellipsoidal distance. */
export const MEAN_EARTH_RADIUS_M = 6_371_008.8;

const RADIANS = Math.PI / 180;

/** Great-circle distance in metres between two WGS-84 positions (haversine). */
export function distanceMetres(a: Position, b: Position): number {
  const dLat = (b[1] - a[1]) * RADIANS;
  const dLng = (b[0] - a[0]) * RADIANS;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RADIANS) * Math.cos(b[1] * RADIANS) * Math.sin(dLng / 2) ** 2;
  return 2 * MEAN_EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
