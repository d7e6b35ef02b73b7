import { escapeLike, type Sql } from '../ports/database.ts';

export const areaKinds = ['district', 'street', 'community'] as const;
export type AreaKind = (typeof areaKinds)[number];

/** An administrative area (区, 街道, 社区) by its division code, with the area it lies in. */
export interface Area {
  id: string;
  kind: AreaKind;
  nameZh: string;
  nameEn: string | null;
  parentId: string | null;
  parentNameZh: string | null;
}

export interface AreaFilter {
  kind?: AreaKind;
  parentId?: string;
  /** Part of the name (Chinese or English) or the start of the code. */
  q?: string;
  limit?: number;
}

/** Areas in code order, so a district's streets and a street's communities come together. */
export async function listAreas(sql: Sql, filter: AreaFilter): Promise<Area[]> {
  const params: unknown[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [`a.kind IN ('district', 'street', 'community')`];
  if (filter.kind) conditions.push(`a.kind = ${add(filter.kind)}`);
  if (filter.parentId) conditions.push(`a.parent_id = ${add(filter.parentId)}`);
  const q = filter.q?.trim();
  if (q) {
    const contains = add(`%${escapeLike(q)}%`);
    conditions.push(`(a.name_zh ILIKE ${contains} OR a.name_en ILIKE ${contains} OR a.id LIKE ${add(`${escapeLike(q)}%`)})`);
  }
  const { rows } = await sql.query<Area>(
    `SELECT a.id, a.kind, a.name_zh AS "nameZh", a.name_en AS "nameEn", a.parent_id AS "parentId", p.name_zh AS "parentNameZh"
       FROM organisation a LEFT JOIN organisation p ON p.id = a.parent_id
      WHERE ${conditions.join(' AND ')}
      ORDER BY a.id
      LIMIT ${add(Math.min(filter.limit ?? 50, 200))}`,
    params as never,
  );
  return rows;
}
