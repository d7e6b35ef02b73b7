import { Invalid } from '../errors.ts';
import { bd09ToWgs84, gcj02ToWgs84, type Position } from '../geo/index.ts';

export const coordinateSystems = ['WGS84', 'GCJ02', 'BD09'] as const;
export type CoordinateSystem = (typeof coordinateSystems)[number];

export interface ReportedLocation {
  lng: number;
  lat: number;
  /** Chinese map SDKs (AMap, Tencent) give GCJ-02, Baidu gives BD-09; GPS and 天地图 give WGS-84 (the default). */
  crs?: CoordinateSystem;
}

/** The WGS-84 position of a reported location; out-of-range numbers or an unknown system are Invalid. */
export function toWgs84(location: ReportedLocation, field = 'location'): Position {
  const { lng, lat } = location;
  const crs = location.crs ?? 'WGS84';
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw new Invalid(`longitude ${lng} is out of range`, { field: `${field}.lng`, detailZh: `经度 ${lng} 超出范围（-180 至 180）` });
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new Invalid(`latitude ${lat} is out of range`, { field: `${field}.lat`, detailZh: `纬度 ${lat} 超出范围（-90 至 90）` });
  switch (crs) {
    case 'WGS84':
      return [lng, lat];
    case 'GCJ02':
      return gcj02ToWgs84([lng, lat]);
    case 'BD09':
      return bd09ToWgs84([lng, lat]);
    default:
      throw new Invalid(`unknown coordinate system "${String(crs)}" (use WGS84, GCJ02 or BD09)`, {
        field: `${field}.crs`,
        detailZh: `未知坐标系“${String(crs)}”（应为 WGS84、GCJ02 或 BD09）`,
      });
  }
}
