import { polygonsOf, type AreaGeometry, type LinearRing, type Position } from './geometry.ts';

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function orientation(a: Position, b: Position, c: Position): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

function onSegment(a: Position, b: Position, p: Position): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])
  );
}

function segmentsTouch(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(a, b, c)) ||
    (o2 === 0 && onSegment(a, b, d)) ||
    (o3 === 0 && onSegment(c, d, a)) ||
    (o4 === 0 && onSegment(c, d, b))
  );
}

/** Shoelace area in square degrees: exactly zero for collinear rings, which the spherical formula is not. */
function planarArea(ring: LinearRing): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return Math.abs(sum) / 2;
}

/** Whether two edges that are not neighbours along the ring meet (quadratic: rings of grids are short). */
function selfIntersects(ring: LinearRing): boolean {
  const edges = ring.length - 1;
  for (let i = 0; i < edges; i++) {
    for (let j = i + 2; j < edges; j++) {
      if (i === 0 && j === edges - 1) continue; // first and last edge share the closing position
      if (segmentsTouch(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return true;
    }
  }
  return false;
}

function ringProblems(ring: LinearRing, label: string): string[] {
  if (ring.length < 4) return [`${label}: a ring needs at least 4 positions, has ${ring.length}`];
  const problems: string[] = [];
  const bad = ring.findIndex(
    ([lng, lat]) => !Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90,
  );
  if (bad >= 0) return [`${label}: position ${bad} is not a longitude/latitude pair`];
  if (!samePosition(ring[0]!, ring[ring.length - 1]!)) problems.push(`${label}: not closed (first and last positions differ)`);
  else if (selfIntersects(ring)) problems.push(`${label}: crosses or touches itself`);
  else if (planarArea(ring) === 0) problems.push(`${label}: encloses no area`);
  return problems;
}

/**
 * What is wrong with an area's geometry, in words an administrator importing grids can act on; empty when it
 * is a usable GeoJSON Polygon or MultiPolygon. Checks each ring on its own; it does not check that holes lie
 * inside their outline.
 */
export function polygonProblems(geometry: AreaGeometry): string[] {
  const polygons = polygonsOf(geometry);
  if (polygons.length === 0) return ['the geometry has no polygon'];
  return polygons.flatMap((rings, p) => {
    const prefix = geometry.type === 'MultiPolygon' ? `polygon ${p} ` : '';
    if (rings.length === 0) return [`${prefix}has no rings`];
    return rings.flatMap((ring, r) => ringProblems(ring, `${prefix}${r === 0 ? 'outline' : `hole ${r}`}`.trim()));
  });
}
