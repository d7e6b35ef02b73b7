import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundingBox, boxContains } from './bounding-box.ts';

describe('boundingBox', () => {
  it('spans every polygon of a MultiPolygon', () => {
    const box = boundingBox({
      type: 'MultiPolygon',
      coordinates: [
        [[[116.40, 39.92], [116.41, 39.92], [116.41, 39.93], [116.40, 39.92]]],
        [[[116.43, 39.90], [116.44, 39.90], [116.44, 39.91], [116.43, 39.90]]],
      ],
    });
    assert.deepEqual(box, { minLng: 116.40, minLat: 39.90, maxLng: 116.44, maxLat: 39.93 });
    assert.equal(boxContains(box, [116.42, 39.915]), true, 'between the two polygons is still inside the box');
    assert.equal(boxContains(box, [116.45, 39.915]), false);
  });

  it('refuses an area without positions', () => {
    assert.throws(() => boundingBox({ type: 'MultiPolygon', coordinates: [] }), RangeError);
  });
});
