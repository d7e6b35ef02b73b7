import type { Position } from '../geo/geometry.ts';
import { wgs84ToGcj02 } from '../geo/index.ts';

export interface PublicPosition {
  location: { lng: number; lat: number; crs: 'WGS84' };
  /** What Chinese map SDKs (AMap, Tencent) draw with, so a phone page need not convert. */
  gcj02: { lng: number; lat: number };
}

export function publicPosition(position: Position): PublicPosition {
  const [lng, lat] = wgs84ToGcj02(position);
  return { location: { lng: position[0], lat: position[1], crs: 'WGS84' }, gcj02: { lng: Number(lng.toFixed(7)), lat: Number(lat.toFixed(7)) } };
}
