/**
 * The slice of GeoJSON (RFC 7946) the platform works with: areas (unit and responsibility grids) and points
 * (components, report locations). Positions are [longitude, latitude] in degrees, WGS-84 unless a function
 * says otherwise; an altitude, if present, is carried but ignored.
 */
export type Position = readonly [lng: number, lat: number, ...altitude: number[]];

/** A closed ring: the first and last positions are equal. The first ring of a polygon is its outline, the rest are holes. */
export type LinearRing = readonly Position[];

export interface PolygonGeometry {
  readonly type: 'Polygon';
  readonly coordinates: readonly LinearRing[];
}

export interface MultiPolygonGeometry {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly LinearRing[])[];
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** Every polygon of an area as a list of rings, so callers need not care whether it was a Polygon or a MultiPolygon. */
export function polygonsOf(geometry: AreaGeometry): readonly (readonly LinearRing[])[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
