import { polygonsOf, type AreaGeometry, type LinearRing, type Position } from './geometry.ts';

/**
 * Crossing-number test with half-open edges: a point on an edge shared by two rings counts for exactly one
 * of them, so a component on the line between two unit grids lands in one grid, never in both or neither.
 */
function ringContains(ring: LinearRing, [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether an area (Polygon or MultiPolygon, holes excluded) contains a point. Planar in degrees: fine at grid scale. */
export function containsPoint(geometry: AreaGeometry, point: Position): boolean {
  return polygonsOf(geometry).some(
    ([outline, ...holes]) =>
      outline !== undefined && ringContains(outline, point) && !holes.some((hole) => ringContains(hole, point)),
  );
}
