import type { Sql } from '../ports/database.ts';
import { boxContains, containsPoint, type AreaGeometry, type BoundingBox, type Position } from '../geo/index.ts';

export interface IndexedGrid {
  code: string;
  districtId: string | null;
}

interface Entry extends IndexedGrid {
  geometry: AreaGeometry;
  box: BoundingBox;
}

/**
 * Every unit grid in memory, for placing thousands of imported components without a query each. A city has a few
 * thousand grids; the bounding boxes discard almost all of them before the polygon test.
 */
export async function loadUnitGridIndex(sql: Sql): Promise<(point: Position) => IndexedGrid | null> {
  const { rows } = await sql.query<{
    code: string; geometry: AreaGeometry; district_id: string | null;
    min_lng: number; min_lat: number; max_lng: number; max_lat: number;
  }>(
    `SELECT g.code, g.geometry, s.parent_id AS district_id, g.min_lng, g.min_lat, g.max_lng, g.max_lat
       FROM unit_grid g JOIN organisation c ON c.id = g.community_id LEFT JOIN organisation s ON s.id = c.parent_id
      ORDER BY g.code`,
  );
  const grids: Entry[] = rows.map((row) => ({
    code: row.code.trim(),
    districtId: row.district_id,
    geometry: row.geometry,
    box: { minLng: Number(row.min_lng), minLat: Number(row.min_lat), maxLng: Number(row.max_lng), maxLat: Number(row.max_lat) },
  }));
  return (point) => {
    const hit = grids.find((grid) => boxContains(grid.box, point) && containsPoint(grid.geometry, point));
    return hit ? { code: hit.code, districtId: hit.districtId } : null;
  };
}
