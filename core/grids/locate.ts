import type { Sql } from '../ports/database.ts';
import { containsPoint, type AreaGeometry, type Position } from '../geo/index.ts';

export interface GridPlace {
  gridCode: string;
  gridName: string | null;
  areaGrade: 'A' | 'B' | 'C';
  communityId: string;
  communityName: string;
  streetId: string | null;
  streetName: string | null;
  districtId: string | null;
  districtName: string | null;
}

interface Candidate {
  code: string;
  name_zh: string | null;
  area_grade: 'A' | 'B' | 'C';
  geometry: AreaGeometry;
  community_id: string;
  community_name: string;
  street_id: string | null;
  street_name: string | null;
  district_id: string | null;
  district_name: string | null;
}

/**
 * The unit grid that contains a WGS-84 point, with its community, street and district; null outside every grid.
 * The bounding-box index narrows the candidates, the polygon test decides.
 */
export async function locateUnitGrid(sql: Sql, [lng, lat]: Position): Promise<GridPlace | null> {
  const { rows } = await sql.query<Candidate>(
    `SELECT g.code, g.name_zh, g.area_grade, g.geometry, g.community_id,
            c.name_zh AS community_name, s.id AS street_id, s.name_zh AS street_name,
            d.id AS district_id, d.name_zh AS district_name
     FROM unit_grid g
     JOIN organisation c ON c.id = g.community_id
     LEFT JOIN organisation s ON s.id = c.parent_id
     LEFT JOIN organisation d ON d.id = s.parent_id
     WHERE g.min_lng <= $1 AND g.max_lng >= $1 AND g.min_lat <= $2 AND g.max_lat >= $2
     ORDER BY g.code`,
    [lng, lat],
  );
  const hit = rows.find((row) => containsPoint(row.geometry, [lng, lat]));
  if (!hit) return null;
  return {
    gridCode: hit.code,
    gridName: hit.name_zh,
    areaGrade: hit.area_grade,
    communityId: hit.community_id,
    communityName: hit.community_name,
    streetId: hit.street_id,
    streetName: hit.street_name,
    districtId: hit.district_id,
    districtName: hit.district_name,
  };
}

/** The responsibility grids (and so departments or collectors' beats) that contain a WGS-84 point. */
export async function locateResponsibilityGrids(
  sql: Sql,
  [lng, lat]: Position,
): Promise<Array<{ code: string; nameZh: string; departmentId: string | null }>> {
  const { rows } = await sql.query<{ code: string; name_zh: string; department_id: string | null; geometry: AreaGeometry }>(
    `SELECT code, name_zh, department_id, geometry FROM responsibility_grid
     WHERE min_lng <= $1 AND max_lng >= $1 AND min_lat <= $2 AND max_lat >= $2 ORDER BY code`,
    [lng, lat],
  );
  return rows
    .filter((row) => containsPoint(row.geometry, [lng, lat]))
    .map((row) => ({ code: row.code, nameZh: row.name_zh, departmentId: row.department_id }));
}
