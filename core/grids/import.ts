import type { Sql } from '../ports/database.ts';
import { json } from '../ports/database.ts';
import { Invalid } from '../errors.ts';
import { areaSquareMetres, boundingBox, polygonProblems, type AreaGeometry } from '../geo/index.ts';

export interface GridFeature {
  type: 'Feature';
  geometry: AreaGeometry;
  properties: {
    code: string;
    nameZh?: string;
    /** Unit grids: the community (12-digit code) the grid belongs to. */
    communityId?: string;
    areaGrade?: 'A' | 'B' | 'C';
    /** Responsibility grids: the department responsible. */
    departmentId?: string | null;
  };
}

export interface GridCollection {
  type: 'FeatureCollection';
  features: GridFeature[];
}

function checkGeometry(feature: GridFeature, index: number): void {
  const problems = polygonProblems(feature.geometry);
  if (problems.length > 0) {
    throw new Invalid(`grid ${feature.properties.code}: ${problems[0]}`, { field: `features.${index}.geometry` });
  }
}

async function mustExist(sql: Sql, table: 'organisation' | 'department', id: string, field: string): Promise<void> {
  const { rows } = await sql.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
  if (rows.length === 0) throw new Invalid(`unknown ${table} "${id}"`, { field });
}

/**
 * Adds or replaces unit grids from GeoJSON. All or nothing: the caller's transaction rolls back on the first
 * bad feature, whose index the error names.
 */
export async function importUnitGrids(sql: Sql, collection: GridCollection): Promise<number> {
  for (const [index, feature] of collection.features.entries()) {
    const { code, communityId, nameZh, areaGrade } = feature.properties;
    if (!communityId) throw new Invalid(`grid ${code} needs a communityId`, { field: `features.${index}.properties.communityId` });
    if (!code.startsWith(communityId)) {
      throw new Invalid(`grid code ${code} does not start with its community code ${communityId}`, {
        field: `features.${index}.properties.code`,
      });
    }
    checkGeometry(feature, index);
    await mustExist(sql, 'organisation', communityId, `features.${index}.properties.communityId`);
    const box = boundingBox(feature.geometry);
    await sql.query(
      `INSERT INTO unit_grid (code, community_id, name_zh, area_grade, geometry, area_m2, min_lng, min_lat, max_lng, max_lat)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (code) DO UPDATE SET community_id = EXCLUDED.community_id, name_zh = EXCLUDED.name_zh,
         area_grade = EXCLUDED.area_grade, geometry = EXCLUDED.geometry, area_m2 = EXCLUDED.area_m2,
         min_lng = EXCLUDED.min_lng, min_lat = EXCLUDED.min_lat, max_lng = EXCLUDED.max_lng, max_lat = EXCLUDED.max_lat`,
      [code, communityId, nameZh ?? null, areaGrade ?? 'B', json(feature.geometry), areaSquareMetres(feature.geometry),
        box.minLng, box.minLat, box.maxLng, box.maxLat],
    );
  }
  return collection.features.length;
}

export async function importResponsibilityGrids(sql: Sql, collection: GridCollection): Promise<number> {
  for (const [index, feature] of collection.features.entries()) {
    const { code, nameZh, departmentId } = feature.properties;
    checkGeometry(feature, index);
    if (departmentId) await mustExist(sql, 'department', departmentId, `features.${index}.properties.departmentId`);
    const box = boundingBox(feature.geometry);
    await sql.query(
      `INSERT INTO responsibility_grid (code, name_zh, department_id, geometry, min_lng, min_lat, max_lng, max_lat)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, department_id = EXCLUDED.department_id,
         geometry = EXCLUDED.geometry, min_lng = EXCLUDED.min_lng, min_lat = EXCLUDED.min_lat,
         max_lng = EXCLUDED.max_lng, max_lat = EXCLUDED.max_lat`,
      [code, nameZh ?? code, departmentId ?? null, json(feature.geometry), box.minLng, box.minLat, box.maxLng, box.maxLat],
    );
  }
  return collection.features.length;
}
