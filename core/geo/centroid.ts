import { polygonsOf, type AreaGeometry, type LinearRing, type Position } from './geometry.ts';

interface Moments {
  area: number;
  x: number;
  y: number;
}

/** Shoelace moments of a ring in local planar coordinates (x scaled by cos(latitude) so both axes are comparable). */
function ringMoments(ring: LinearRing, origin: Position, lngScale: number): Moments {
  const moments = { area: 0, x: 0, y: 0 };
  for (let i = 0; i < ring.length - 1; i++) {
    const x0 = (ring[i]![0] - origin[0]) * lngScale;
    const y0 = ring[i]![1] - origin[1];
    const x1 = (ring[i + 1]![0] - origin[0]) * lngScale;
    const y1 = ring[i + 1]![1] - origin[1];
    const cross = x0 * y1 - x1 * y0;
    moments.area += cross / 2;
    moments.x += ((x0 + x1) * cross) / 6;
    moments.y += ((y0 + y1) * cross) / 6;
  }
  // Normalise to a positive outline so holes (made negative by the caller) subtract whatever their winding.
  return moments.area < 0 ? { area: -moments.area, x: -moments.x, y: -moments.y } : moments;
}

/**
 * The area-weighted centre of an area, for labels and map focus. Computed on a local plane around the first
 * position, which is accurate for city-sized shapes; the centroid of a concave shape may lie outside it.
 */
export function centroid(geometry: AreaGeometry): Position {
  const polygons = polygonsOf(geometry);
  const origin = polygons[0]?.[0]?.[0];
  if (!origin) throw new RangeError('an area without positions has no centroid');
  const lngScale = Math.cos((origin[1] * Math.PI) / 180);
  const total = { area: 0, x: 0, y: 0 };
  for (const rings of polygons) {
    rings.forEach((ring, index) => {
      const sign = index === 0 ? 1 : -1;
      const moments = ringMoments(ring, origin, lngScale);
      total.area += sign * moments.area;
      total.x += sign * moments.x;
      total.y += sign * moments.y;
    });
  }
  if (total.area === 0) throw new RangeError('an area of size zero has no centroid');
  return [origin[0] + total.x / total.area / lngScale, origin[1] + total.y / total.area];
}
