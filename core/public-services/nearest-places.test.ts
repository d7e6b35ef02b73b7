import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearestPlaces } from './nearest-places.ts';

const origin = [116.4170, 39.9280] as const;

describe('nearestPlaces', () => {
  it('orders places by walking-target distance in metres, nearest first', () => {
    const ranked = nearestPlaces(
      origin,
      [
        { code: 'far', points: [[116.4170, 39.9380]] },
        { code: 'near', points: [[116.4170, 39.9290]] },
      ],
      10,
    );
    assert.deepEqual(ranked.map((p) => p.code), ['near', 'far']);
    assert.equal(ranked[0]!.distanceMetres, 111);
    assert.equal(ranked[1]!.distanceMetres, 1112);
  });

  it('measures a park to its nearest entrance, not its first', () => {
    const [park] = nearestPlaces(origin, [{ code: 'park', points: [[116.4170, 39.9480], [116.4182, 39.9280]] }], 1);
    assert.deepEqual(park!.nearestPoint, [116.4182, 39.9280]);
    assert.ok(park!.distanceMetres > 95 && park!.distanceMetres < 110, String(park!.distanceMetres));
  });

  it('keeps only the requested number and drops places without a point', () => {
    const ranked = nearestPlaces(
      origin,
      [
        { code: 'b', points: [[116.418, 39.928]] },
        { code: 'a', points: [[116.418, 39.928]] },
        { code: 'none', points: [] },
        { code: 'c', points: [[116.43, 39.93]] },
      ],
      2,
    );
    assert.deepEqual(ranked.map((p) => p.code), ['a', 'b']);
  });
});
