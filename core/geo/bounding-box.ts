import { polygonsOf, type AreaGeometry, type Position } from './geometry.ts';

export interface BoundingBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** The smallest longitude/latitude box around an area (outlines only: holes lie inside them). */
export function boundingBox(geometry: AreaGeometry): BoundingBox {
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const [outline] of polygonsOf(geometry)) {
    for (const [lng, lat] of outline ?? []) {
      box.minLng = Math.min(box.minLng, lng);
      box.minLat = Math.min(box.minLat, lat);
      box.maxLng = Math.max(box.maxLng, lng);
      box.maxLat = Math.max(box.maxLat, lat);
    }
  }
  if (!Number.isFinite(box.minLng)) throw new RangeError('an area without positions has no bounding box');
  return box;
}

/** Edges count as inside, so a point on a shared grid edge passes the box test of both neighbours. */
export function boxContains(box: BoundingBox, [lng, lat]: Position): boolean {
  return lng >= box.minLng && lng <= box.maxLng && lat >= box.minLat && lat <= box.maxLat;
}
