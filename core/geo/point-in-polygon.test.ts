import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MultiPolygonGeometry, PolygonGeometry, Position } from './geometry.ts';
import { containsPoint } from './point-in-polygon.ts';

// A 0.01° square near Beijing's Dongcheng district with a square courtyard cut out of its middle.
const courtyard: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [[116.40, 39.92], [116.41, 39.92], [116.41, 39.93], [116.40, 39.93], [116.40, 39.92]],
    [[116.404, 39.924], [116.404, 39.926], [116.406, 39.926], [116.406, 39.924], [116.404, 39.924]],
  ],
};

describe('containsPoint', () => {
  it('finds a point inside the outline and outside the hole', () => {
    assert.equal(containsPoint(courtyard, [116.401, 39.921]), true);
  });

  it('excludes points in a hole and points outside', () => {
    assert.equal(containsPoint(courtyard, [116.405, 39.925]), false, 'in the hole');
    assert.equal(containsPoint(courtyard, [116.42, 39.925]), false, 'east of the square');
    assert.equal(containsPoint(courtyard, [116.405, 39.91]), false, 'south of the square');
  });

  it('handles a concave outline', () => {
    const lShape: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [[[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]]],
    };
    assert.equal(containsPoint(lShape, [0.5, 1.5]), true);
    assert.equal(containsPoint(lShape, [1.5, 1.5]), false, 'the notch of the L');
  });

  it('checks every polygon of a MultiPolygon', () => {
    const twoBlocks: MultiPolygonGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
        [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]],
      ],
    };
    assert.equal(containsPoint(twoBlocks, [5.5, 5.5]), true);
    assert.equal(containsPoint(twoBlocks, [3, 3]), false);
  });

  it('puts a point on the edge shared by two neighbouring grids into exactly one of them', () => {
    const west: PolygonGeometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
    const east: PolygonGeometry = { type: 'Polygon', coordinates: [[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]] };
    const north: PolygonGeometry = { type: 'Polygon', coordinates: [[[0, 1], [1, 1], [1, 2], [0, 2], [0, 1]]] };
    const onVerticalEdge: Position = [1, 0.5];
    const onHorizontalEdge: Position = [0.5, 1];
    assert.equal([west, east].filter((grid) => containsPoint(grid, onVerticalEdge)).length, 1);
    assert.equal([west, north].filter((grid) => containsPoint(grid, onHorizontalEdge)).length, 1);
  });
});
