import type { Position } from './geometry.ts';

/*
 * Chinese map providers publish coordinates in GCJ-02 (Amap/Gaode, Tencent, Apple in China) or BD-09 (Baidu),
 * both obfuscated WGS-84. The platform stores WGS-84, so locations arriving from those maps are converted on
 * the way in. The forward formulas are the widely published ones (the "eviltransform" reconstruction);
 * GCJ-02 has no closed-form inverse, so the reverse conversion iterates the forward one.
 */

const KRASOVSKY_A = 6_378_245.0;
const KRASOVSKY_EE = 0.006_693_421_622_965_943;
const BD_X_PI = (Math.PI * 3000.0) / 180.0;

/** The rough box inside which GCJ-02 applies; outside it GCJ-02 equals WGS-84. */
export function isOutsideChina([lng, lat]: Position): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function latitudeShift(x: number, y: number): number {
  let shift = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  shift += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  shift += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  shift += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y / 30) * Math.PI)) * 2) / 3;
  return shift;
}

function longitudeShift(x: number, y: number): number {
  let shift = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  shift += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  shift += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  shift += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return shift;
}

export function wgs84ToGcj02(position: Position): Position {
  const [lng, lat] = position;
  if (isOutsideChina(position)) return [lng, lat];
  const radLat = (lat / 180) * Math.PI;
  const magic = 1 - KRASOVSKY_EE * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  const dLat =
    (latitudeShift(lng - 105, lat - 35) * 180) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (longitudeShift(lng - 105, lat - 35) * 180) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lng + dLng, lat + dLat];
}

/** Inverse of wgs84ToGcj02 to about a millimetre (the offset changes slowly, so the fixed-point iteration converges in a few steps). */
export function gcj02ToWgs84(position: Position): Position {
  const [gcjLng, gcjLat] = position;
  if (isOutsideChina(position)) return [gcjLng, gcjLat];
  let lng = gcjLng;
  let lat = gcjLat;
  for (let step = 0; step < 10; step++) {
    const [forwardLng, forwardLat] = wgs84ToGcj02([lng, lat]);
    const errorLng = forwardLng - gcjLng;
    const errorLat = forwardLat - gcjLat;
    lng -= errorLng;
    lat -= errorLat;
    if (Math.abs(errorLng) < 1e-10 && Math.abs(errorLat) < 1e-10) break;
  }
  return [lng, lat];
}

export function gcj02ToBd09([lng, lat]: Position): Position {
  const z = Math.sqrt(lng * lng + lat * lat) + 0.000_02 * Math.sin(lat * BD_X_PI);
  const theta = Math.atan2(lat, lng) + 0.000_003 * Math.cos(lng * BD_X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/** Baidu's published reverse formula; it undoes gcj02ToBd09 to within a few decimetres. */
export function bd09ToGcj02([lng, lat]: Position): Position {
  const x = lng - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.000_02 * Math.sin(y * BD_X_PI);
  const theta = Math.atan2(y, x) - 0.000_003 * Math.cos(x * BD_X_PI);
  return [z * Math.cos(theta), z * Math.sin(theta)];
}

export function wgs84ToBd09(position: Position): Position {
  return gcj02ToBd09(wgs84ToGcj02(position));
}

export function bd09ToWgs84(position: Position): Position {
  return gcj02ToWgs84(bd09ToGcj02(position));
}
