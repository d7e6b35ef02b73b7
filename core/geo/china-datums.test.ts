import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  isOutsideChina,
  wgs84ToBd09,
  wgs84ToGcj02,
} from './china-datums.ts';
import { distanceMetres } from './distance.ts';
import type { Position } from './geometry.ts';

// Published test vectors of the eviltransform project (WGS-84 → GCJ-02), given to 6 decimals there.
const wgsToGcjVectors: Array<{ place: string; wgs: Position; gcj: Position }> = [
  { place: 'Shanghai', wgs: [121.5272106, 31.1774276], gcj: [121.531541859215, 31.17530398364597] },
  { place: 'Shenzhen', wgs: [113.912316, 22.543847], gcj: [113.9171764808363, 22.540796131694766] },
  { place: 'Beijing', wgs: [116.377817, 39.911954], gcj: [116.38404722455657, 39.91334545536069] },
];

function assertNear(actual: Position, expected: Position, degrees: number): void {
  assert.ok(
    Math.abs(actual[0] - expected[0]) <= degrees && Math.abs(actual[1] - expected[1]) <= degrees,
    `${actual.join(',')} is not within ${degrees}° of ${expected.join(',')}`,
  );
}

describe('GCJ-02', () => {
  for (const { place, wgs, gcj } of wgsToGcjVectors) {
    it(`shifts ${place} from WGS-84 to the published GCJ-02 position`, () => {
      assertNear(wgs84ToGcj02(wgs), gcj, 5e-7);
    });

    it(`brings ${place} back from GCJ-02 to WGS-84 within 5 cm`, () => {
      assert.ok(distanceMetres(gcj02ToWgs84(gcj), wgs) < 0.05);
    });
  }

  it('matches the coordtransform reference at Tiananmen (116.404, 39.915)', () => {
    assertNear(wgs84ToGcj02([116.404, 39.915]), [116.41024449916938, 39.91640428150164], 1e-9);
  });

  it('moves a Beijing point by hundreds of metres, which is why conversion matters for dispatch', () => {
    const shift = distanceMetres([116.404, 39.915], wgs84ToGcj02([116.404, 39.915]));
    assert.ok(shift > 300 && shift < 800, String(shift));
  });

  it('leaves positions outside China unchanged', () => {
    const paris: Position = [2.3522, 48.8566];
    assert.equal(isOutsideChina(paris), true);
    assert.deepEqual(wgs84ToGcj02(paris), [2.3522, 48.8566]);
    assert.deepEqual(gcj02ToWgs84(paris), [2.3522, 48.8566]);
    assert.equal(isOutsideChina([116.4, 39.9]), false);
  });
});

describe('BD-09', () => {
  it('matches the coordtransform reference in both directions at (116.404, 39.915)', () => {
    assertNear(gcj02ToBd09([116.404, 39.915]), [116.41036949371029, 39.92133699351021], 1e-9);
    assertNear(bd09ToGcj02([116.404, 39.915]), [116.39762729119315, 39.90865673957631], 1e-9);
  });

  it('round-trips a Beijing point through all three systems within 1 m', () => {
    const tiananmen: Position = [116.3975, 39.9087];
    const gcj = wgs84ToGcj02(tiananmen);
    const bd = gcj02ToBd09(gcj);
    assert.ok(distanceMetres(tiananmen, bd) > 1000, 'BD-09 is more than a kilometre off WGS-84 here');
    assert.ok(distanceMetres(bd09ToGcj02(bd), gcj) < 1);
    assert.ok(distanceMetres(bd09ToWgs84(bd), tiananmen) < 1);
    assert.ok(distanceMetres(bd09ToWgs84(wgs84ToBd09(tiananmen)), tiananmen) < 1);
  });
});
