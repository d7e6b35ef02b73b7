import type { Sql, SqlParam } from '../ports/database.ts';
import { caseScopeCondition } from '../access/case-scope.ts';
import type { Principal } from '../identity/roles.ts';
import { caseStatus, type StatusKind } from '../case/statuses.ts';

export interface CaseMapFilter {
  /** Default: the unfinished cases (open and suspended), which is what a map of the city's work shows. */
  statusKinds?: StatusKind[];
  /** Only cases reported at or after this instant. */
  since?: Date;
}

export interface CasePointProperties {
  id: string;
  caseNumber: string;
  className: string;
  status: string;
  statusKind: StatusKind;
  statusLabelZh: string;
  statusLabelEn: string;
  overdue: boolean;
  gridCode: string | null;
}

export interface CasePoints {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: CasePointProperties }>;
  /** More cases matched than `limit`: the newest are shown. */
  truncated: boolean;
}

export const unfinishedKinds: StatusKind[] = ['open', 'suspended'];

function whereOf(principal: Principal, filter: CaseMapFilter, params: unknown[]): string {
  const conditions = [caseScopeCondition(principal, params)];
  params.push(filter.statusKinds ?? unfinishedKinds);
  conditions.push(`c.status_kind = ANY($${params.length}::text[])`);
  if (filter.since) {
    params.push(filter.since);
    conditions.push(`c.reported_at >= $${params.length}`);
  }
  return conditions.join(' AND ');
}

/** The caller's cases as WGS-84 points (the case table stores WGS-84), newest first. */
export async function casePoints(sql: Sql, principal: Principal, filter: CaseMapFilter, limit: number): Promise<CasePoints> {
  const params: unknown[] = [];
  const where = whereOf(principal, filter, params);
  params.push(limit + 1);
  const { rows } = await sql.query<{ id: string; case_number: string; class_name: string; status: string; status_kind: StatusKind; overdue: boolean; grid_code: string | null; lng: number; lat: number }>(
    `SELECT c.id, c.case_number, c.class_name, c.status, c.status_kind, c.overdue, c.grid_code, c.lng, c.lat
       FROM "case" c WHERE ${where} ORDER BY c.reported_at DESC, c.id LIMIT $${params.length}`,
    params as SqlParam[],
  );
  return {
    type: 'FeatureCollection',
    truncated: rows.length > limit,
    features: rows.slice(0, limit).map((row) => {
      const status = caseStatus(row.status);
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [row.lng, row.lat] },
        properties: {
          id: row.id,
          caseNumber: row.case_number,
          className: row.class_name,
          status: row.status,
          statusKind: row.status_kind,
          statusLabelZh: status.labelZh,
          statusLabelEn: status.labelEn,
          overdue: row.overdue,
          gridCode: row.grid_code?.trim() ?? null,
        },
      };
    }),
  };
}

/** How many of the caller's cases lie in each unit grid: the heat layer. Cases outside every grid are left out. */
export async function caseCountsByGrid(sql: Sql, principal: Principal, filter: CaseMapFilter): Promise<Array<{ gridCode: string; cases: number }>> {
  const params: unknown[] = [];
  const where = whereOf(principal, filter, params);
  const { rows } = await sql.query<{ grid_code: string; cases: number }>(
    `SELECT c.grid_code, count(*)::int AS cases FROM "case" c
      WHERE ${where} AND c.grid_code IS NOT NULL GROUP BY c.grid_code ORDER BY cases DESC, c.grid_code`,
    params as SqlParam[],
  );
  return rows.map((row) => ({ gridCode: row.grid_code.trim(), cases: row.cases }));
}
