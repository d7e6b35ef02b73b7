import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PolygonGeometry } from './geometry.ts';
import { polygonProblems } from './validity.ts';

const square: PolygonGeometry['coordinates'][number] = [
  [116.40, 39.92], [116.41, 39.92], [116.41, 39.93], [116.40, 39.93], [116.40, 39.92],
];

describe('polygonProblems', () => {
  it('accepts a closed square with a hole', () => {
    const hole = [[116.402, 39.922], [116.402, 39.924], [116.404, 39.924], [116.404, 39.922], [116.402, 39.922]] as const;
    assert.deepEqual(polygonProblems({ type: 'Polygon', coordinates: [square, hole] }), []);
  });

  it('names a ring that is not closed', () => {
    assert.deepEqual(polygonProblems({ type: 'Polygon', coordinates: [square.slice(0, 4).concat([[116.40, 39.925]])] }), [
      'outline: not closed (first and last positions differ)',
    ]);
  });

  it('names a ring with too few positions and one without area', () => {
    assert.deepEqual(polygonProblems({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] }), [
      'outline: a ring needs at least 4 positions, has 3',
    ]);
    assert.deepEqual(polygonProblems({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [2, 2], [0, 0]]] }), [
      'outline: encloses no area',
    ]);
  });

  it('names a bow-tie that crosses itself', () => {
    const bowTie = [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]] as const;
    assert.deepEqual(polygonProblems({ type: 'Polygon', coordinates: [bowTie] }), ['outline: crosses or touches itself']);
  });

  it('names positions that are not longitude/latitude, with the polygon of a MultiPolygon', () => {
    const swapped = square.map(([lng, lat]) => [lat, lng * 2] as const);
    assert.deepEqual(polygonProblems({ type: 'MultiPolygon', coordinates: [[square], [swapped]] }), [
      'polygon 1 outline: position 0 is not a longitude/latitude pair',
    ]);
    assert.deepEqual(polygonProblems({ type: 'MultiPolygon', coordinates: [] }), ['the geometry has no polygon']);
  });
});
