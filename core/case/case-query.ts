import { escapeLike, type Sql } from '../ports/database.ts';
import { countedPage } from '../store/counted-page.ts';
import { caseScopeCondition } from '../access/case-scope.ts';
import { distanceMetres } from '../geo/index.ts';
import type { Principal } from '../identity/roles.ts';
import type { CaseRecord } from './case-types.ts';
import { caseFromRow } from './case-store.ts';
import type { StatusKind } from './statuses.ts';

export interface CaseFilter {
  status?: string[];
  statusKind?: StatusKind[];
  classCode?: string;
  gridCode?: string;
  street?: string;
  departmentId?: string;
  source?: string;
  overdue?: boolean;
  supervised?: boolean;
  /** Reported at or after / before (ISO-8601). */
  from?: string;
  to?: string;
  /** Free text over the case number, description, address and class name. */
  q?: string;
  sort?: 'reportedAt' | '-reportedAt' | 'deadline' | '-deadline' | 'caseNumber' | '-caseNumber' | 'updatedAt' | '-updatedAt';
  page?: number;
  pageSize?: number;
}

const sortColumns: Record<string, string> = {
  reportedAt: 'reported_at',
  deadline: 'deadline',
  caseNumber: 'case_number',
  updatedAt: 'updated_at',
};

/** The cases the caller may see that match the filter, one page of them, and how many match in all. */
export async function listCases(
  sql: Sql,
  principal: Principal,
  filter: CaseFilter,
): Promise<{ items: CaseRecord[]; total: number; page: number; pageSize: number }> {
  const params: unknown[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [caseScopeCondition(principal, params)];
  if (filter.status?.length) conditions.push(`c.status = ANY(${add(filter.status)}::text[])`);
  // One kind as `=`: PostgreSQL before 17 cannot read a btree in order under `= ANY`, and the list is sorted.
  if (filter.statusKind?.length === 1) conditions.push(`c.status_kind = ${add(filter.statusKind[0])}`);
  else if (filter.statusKind?.length) conditions.push(`c.status_kind = ANY(${add(filter.statusKind)}::text[])`);
  if (filter.classCode) conditions.push(`c.class_code = ${add(filter.classCode)}`);
  if (filter.gridCode) conditions.push(`c.grid_code = ${add(filter.gridCode)}`);
  if (filter.street) conditions.push(`c.street = ${add(filter.street)}`);
  if (filter.departmentId) conditions.push(`c.department_id = ${add(filter.departmentId)}`);
  if (filter.source) conditions.push(`c.source = ${add(filter.source)}`);
  if (filter.overdue !== undefined) conditions.push(`c.overdue = ${add(filter.overdue)}`);
  if (filter.supervised !== undefined) conditions.push(`c.supervised = ${add(filter.supervised)}`);
  if (filter.from) conditions.push(`c.reported_at >= ${add(new Date(filter.from))}`);
  if (filter.to) conditions.push(`c.reported_at < ${add(new Date(filter.to))}`);
  if (filter.q) {
    // LIKE wildcards in the user's text are literal.
    const pattern = add(`%${escapeLike(filter.q)}%`);
    conditions.push(`(c.case_number LIKE ${pattern} OR c.description ILIKE ${pattern} OR c.address ILIKE ${pattern} OR c.class_name ILIKE ${pattern})`);
  }
  const where = conditions.join(' AND ');
  const sort = filter.sort ?? '-reportedAt';
  const column = sortColumns[sort.replace(/^-/, '')] ?? 'reported_at';
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  const pageSize = Math.min(Math.max(filter.pageSize ?? 20, 1), 500);
  const page = Math.max(filter.page ?? 1, 1);
  const { rows, total } = await countedPage(
    sql,
    {
      count: `SELECT count(*)::int AS n FROM "case" c WHERE ${where}`,
      page: `SELECT c.* FROM "case" c WHERE ${where}
             ORDER BY c.${column} ${direction} NULLS LAST, c.id
             LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      order: `page.${column} ${direction} NULLS LAST, page.id`,
      key: 'id',
    },
    params as never,
  );
  return { items: rows.map(caseFromRow), total, page, pageSize };
}

export interface DuplicateSettings {
  radiusMetres: number;
  withinHours: number;
}

export const defaultDuplicateSettings: DuplicateSettings = { radiusMetres: 100, withinHours: 72 };

/** Likely duplicates: open cases of the same class reported nearby within the time window, nearest first. */
export async function likelyDuplicates(
  sql: Sql,
  // A report not yet submitted (the intake screen's check) has no id.
  current: Pick<CaseRecord, 'classScheme' | 'classCode' | 'lng' | 'lat' | 'reportedAt'> & { id?: string },
  settings: DuplicateSettings = defaultDuplicateSettings,
): Promise<Array<{ id: string; caseNumber: string; status: string; distanceMetres: number; reportedAt: string }>> {
  // A degree of latitude is ~111 km; the box is widened for longitude at this latitude, then haversine decides.
  const dLat = settings.radiusMetres / 111_000;
  const dLng = dLat / Math.max(Math.cos((current.lat * Math.PI) / 180), 0.01);
  const since = new Date(new Date(current.reportedAt).getTime() - settings.withinHours * 3600_000);
  const until = new Date(new Date(current.reportedAt).getTime() + settings.withinHours * 3600_000);
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT * FROM "case"
     WHERE id <> $1 AND class_scheme = $2 AND class_code = $3 AND status_kind IN ('open', 'suspended') AND duplicate_of IS NULL
       AND lat BETWEEN $4 AND $5 AND lng BETWEEN $6 AND $7 AND reported_at BETWEEN $8 AND $9`,
    [current.id ?? '', current.classScheme, current.classCode, current.lat - dLat, current.lat + dLat, current.lng - dLng, current.lng + dLng, since, until],
  );
  return rows
    .map(caseFromRow)
    .map((other) => ({
      id: other.id,
      caseNumber: other.caseNumber,
      status: other.status,
      reportedAt: other.reportedAt,
      distanceMetres: Math.round(distanceMetres([current.lng, current.lat], [other.lng, other.lat])),
    }))
    .filter((other) => other.distanceMetres <= settings.radiusMetres)
    .sort((a, b) => a.distanceMetres - b.distanceMetres);
}
