import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distanceMetres } from './distance.ts';

describe('distanceMetres', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    assert.ok(Math.abs(distanceMetres([116.4, 39.5], [116.4, 40.5]) - 111_195) < 1);
  });

  it('measures Beijing (Tiananmen) to Shanghai (People’s Square) as about 1,067 km', () => {
    const metres = distanceMetres([116.3975, 39.9087], [121.4737, 31.2304]);
    assert.ok(metres > 1_060_000 && metres < 1_075_000, String(metres));
  });

  it('shrinks east-west distances with latitude', () => {
    const atEquator = distanceMetres([0, 0], [0.001, 0]);
    const inBeijing = distanceMetres([116.4, 39.9], [116.401, 39.9]);
    assert.ok(Math.abs(inBeijing / atEquator - Math.cos((39.9 * Math.PI) / 180)) < 1e-6);
  });

  it('is zero for the same point and symmetric', () => {
    assert.equal(distanceMetres([116.4, 39.9], [116.4, 39.9]), 0);
    assert.equal(distanceMetres([116.4, 39.9], [121.5, 31.2]), distanceMetres([121.5, 31.2], [116.4, 39.9]));
  });
});
