import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { centroid } from './centroid.ts';
import { distanceMetres } from './distance.ts';

describe('centroid', () => {
  it('is the middle of a rectangle', () => {
    const [lng, lat] = centroid({
      type: 'Polygon',
      coordinates: [[[116.40, 39.92], [116.42, 39.92], [116.42, 39.93], [116.40, 39.93], [116.40, 39.92]]],
    });
    assert.ok(distanceMetres([lng, lat], [116.41, 39.925]) < 0.5);
  });

  it('moves away from a hole', () => {
    // The western half of the square is hollowed out, so the centre of mass sits in the eastern half.
    const [lng] = centroid({
      type: 'Polygon',
      coordinates: [
        [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
        [[0.5, 0.5], [1.5, 0.5], [1.5, 3.5], [0.5, 3.5], [0.5, 0.5]],
      ],
    });
    assert.ok(lng > 2.1, String(lng));
  });

  it('weights the polygons of a MultiPolygon by area', () => {
    const [lng, lat] = centroid({
      type: 'MultiPolygon',
      coordinates: [
        [[[0, 0], [0.3, 0], [0.3, 0.1], [0, 0.1], [0, 0]]],
        [[[1, 0], [1.1, 0], [1.1, 0.1], [1, 0.1], [1, 0]]],
      ],
    });
    // three times as much area around lng 0.15 as around lng 1.05
    assert.ok(Math.abs(lng - (3 * 0.15 + 1.05) / 4) < 1e-4, String(lng));
    assert.ok(Math.abs(lat - 0.05) < 1e-4);
  });

  it('refuses an area of size zero', () => {
    assert.throws(() => centroid({ type: 'Polygon', coordinates: [[[1, 1], [2, 2], [1, 1], [1, 1]]] }), RangeError);
  });
});
