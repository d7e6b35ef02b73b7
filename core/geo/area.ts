import { polygonsOf, type AreaGeometry, type LinearRing } from './geometry.ts';

/**
 * Radius of the sphere with the WGS-84 ellipsoid's surface area. Local area scale on the ellipsoid differs
 * from it by under 0.5 % at any latitude, well inside what grid statistics need.
 */
export const AUTHALIC_RADIUS_M = 6_371_007.2;

const RADIANS = Math.PI / 180;

/** Signed spherical area of a ring (Chamberlain & Duquette 2007); the sign depends on the winding. */
function ringArea(ring: LinearRing): number {
  const n = ring.length;
  if (n < 4) return 0;
  let sum = 0;
  for (let i = 0; i < n - 1; i++) {
    const previous = ring[i === 0 ? n - 2 : i - 1]!;
    const next = ring[i + 1]!;
    sum += (next[0] - previous[0]) * RADIANS * Math.sin(ring[i]![1] * RADIANS);
  }
  return (sum * AUTHALIC_RADIUS_M * AUTHALIC_RADIUS_M) / 2;
}

/** Surface area in square metres; holes are subtracted whatever their winding. */
export function areaSquareMetres(geometry: AreaGeometry): number {
  let total = 0;
  for (const [outline, ...holes] of polygonsOf(geometry)) {
    if (!outline) continue;
    total += Math.abs(ringArea(outline)) - holes.reduce((sum, hole) => sum + Math.abs(ringArea(hole)), 0);
  }
  return total;
}
