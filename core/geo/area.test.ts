import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { areaSquareMetres } from './area.ts';
import type { PolygonGeometry } from './geometry.ts';

/** Exact area of a longitude/latitude quadrangle on the WGS-84 ellipsoid (authalic-latitude formula), the reference. */
function ellipsoidQuadrangleArea(west: number, south: number, east: number, north: number): number {
  const a = 6_378_137;
  const f = 1 / 298.257223563;
  const e2 = f * (2 - f);
  const e = Math.sqrt(e2);
  const b = a * (1 - f);
  const q = (latitude: number) => {
    const s = Math.sin((latitude * Math.PI) / 180);
    return s / (1 - e2 * s * s) + Math.log((1 + e * s) / (1 - e * s)) / (2 * e);
  };
  return (((east - west) * Math.PI) / 180) * b * b * (q(north) - q(south)) / 2;
}

function quadrangle(west: number, south: number, east: number, north: number): PolygonGeometry {
  return { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] };
}

describe('areaSquareMetres', () => {
  for (const [label, box] of [
    ['a unit grid in Beijing', [116.400, 39.920, 116.401, 39.921]],
    ['a district-sized block in Beijing', [116.38, 39.88, 116.44, 39.96]],
    ['a 1° cell on the equator', [10, 0, 11, 1]],
    ['a cell near Mohe, the far north', [122.5, 52.9, 122.6, 53.0]],
  ] as const) {
    it(`is within 1 % of the ellipsoid for ${label}`, () => {
      const [west, south, east, north] = box;
      const expected = ellipsoidQuadrangleArea(west, south, east, north);
      const actual = areaSquareMetres(quadrangle(west, south, east, north));
      assert.ok(Math.abs(actual - expected) / expected < 0.01, `${actual} m² vs ${expected} m²`);
    });
  }

  it('gives a 0.001° Beijing cell about 9,500 m², the size of a classic 万米 unit grid', () => {
    const area = areaSquareMetres(quadrangle(116.400, 39.920, 116.401, 39.921));
    assert.ok(area > 9_400 && area < 9_600, String(area));
  });

  it('does not depend on the winding of the ring', () => {
    const counterClockwise = quadrangle(116.40, 39.92, 116.41, 39.93);
    const clockwise: PolygonGeometry = { type: 'Polygon', coordinates: [[...counterClockwise.coordinates[0]!].reverse()] };
    assert.equal(areaSquareMetres(clockwise), areaSquareMetres(counterClockwise));
  });

  it('subtracts holes and adds the polygons of a MultiPolygon', () => {
    const outer = quadrangle(116.40, 39.92, 116.41, 39.93);
    const hole = quadrangle(116.402, 39.922, 116.404, 39.924);
    const withHole: PolygonGeometry = { type: 'Polygon', coordinates: [outer.coordinates[0]!, hole.coordinates[0]!] };
    const expected = areaSquareMetres(outer) - areaSquareMetres(hole);
    assert.ok(Math.abs(areaSquareMetres(withHole) - expected) < 1e-6);
    const both = areaSquareMetres({ type: 'MultiPolygon', coordinates: [outer.coordinates, hole.coordinates] });
    assert.ok(Math.abs(both - (areaSquareMetres(outer) + areaSquareMetres(hole))) < 1e-6);
  });
});
