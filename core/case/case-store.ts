import type { Sql, SqlParam } from '../ports/database.ts';
import { NotFound } from '../errors.ts';
import type { CaseRecord } from './case-types.ts';

type Row = Record<string, unknown>;

const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();

/** Both drivers hand jsonb back parsed, but a text fallback keeps a misconfigured type parser from leaking strings. */
const parsed = <T>(value: unknown, fallback: T): T => (typeof value === 'string' ? (JSON.parse(value) as T) : ((value ?? fallback) as T));

/** A "case" row as the domain sees it. */
export function caseFromRow(row: Row): CaseRecord {
  return {
    id: String(row.id),
    caseNumber: String(row.case_number),
    source: row.source as CaseRecord['source'],
    classScheme: String(row.class_scheme),
    classCode: String(row.class_code),
    className: String(row.class_name),
    classKind: row.class_kind as CaseRecord['classKind'],
    description: String(row.description),
    lng: Number(row.lng),
    lat: Number(row.lat),
    address: (row.address as string | null) ?? null,
    gridCode: (row.grid_code as string | null) ?? null,
    street: (row.street as string | null) ?? null,
    community: (row.community as string | null) ?? null,
    areaGrade: row.area_grade as CaseRecord['areaGrade'],
    urgency: row.urgency as CaseRecord['urgency'],
    status: row.status as CaseRecord['status'],
    statusKind: row.status_kind as CaseRecord['statusKind'],
    duplicateOf: (row.duplicate_of as string | null) ?? null,
    componentId: typeof row.component_id === 'string' ? row.component_id.trim() : null,
    departmentId: (row.department_id as string | null) ?? null,
    deadline: iso(row.deadline),
    deadlineApproximate: Boolean(row.deadline_approximate),
    remainingMinutes: row.remaining_minutes === null ? null : Number(row.remaining_minutes),
    overdue: Boolean(row.overdue),
    supervised: Boolean(row.supervised),
    returnCount: Number(row.return_count),
    extensionCount: Number(row.extension_count),
    reworkCount: Number(row.rework_count),
    suspensionCount: Number(row.suspension_count),
    dispatchCount: Number(row.dispatch_count),
    suspendedAt: iso(row.suspended_at),
    suspendedSeconds: Number(row.suspended_seconds),
    reporter: parsed(row.reporter, {}),
    attachments: parsed(row.attachments, []),
    reportedAt: iso(row.reported_at) as string,
    registeredAt: iso(row.registered_at),
    dispatchedAt: iso(row.dispatched_at),
    closedAt: iso(row.closed_at),
    updatedAt: iso(row.updated_at) as string,
  };
}

/** Reads a case; `forUpdate` locks its row until the caller's transaction ends, so two actions never interleave. */
export async function readCase(sql: Sql, caseId: string, options: { forUpdate?: boolean } = {}): Promise<CaseRecord> {
  const { rows } = await sql.query<Row>(`SELECT * FROM "case" WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [caseId]);
  const row = rows[0];
  if (!row) throw new NotFound(`case ${caseId} does not exist`, { field: 'caseId' });
  return caseFromRow(row);
}

/** Columns an action may set directly; counters go through `increment`. */
export type WritableColumn =
  | 'department_id'
  | 'deadline'
  | 'deadline_approximate'
  | 'remaining_minutes'
  | 'overdue'
  | 'supervised'
  | 'duplicate_of'
  | 'suspended_at'
  | 'registered_at'
  | 'dispatched_at'
  | 'closed_at';

export type CounterColumn =
  | 'return_count'
  | 'extension_count'
  | 'rework_count'
  | 'suspension_count'
  | 'dispatch_count'
  | 'suspended_seconds';

export interface CaseUpdate {
  status: string;
  statusKind: string;
  at: Date;
  set?: Partial<Record<WritableColumn, SqlParam>>;
  increment?: Partial<Record<CounterColumn, number>>;
}

export async function updateCase(sql: Sql, caseId: string, update: CaseUpdate): Promise<void> {
  const assignments = ['status = $2', 'status_kind = $3', 'updated_at = $4'];
  const params: SqlParam[] = [caseId, update.status, update.statusKind, update.at];
  for (const [column, value] of Object.entries(update.set ?? {})) {
    params.push(value as SqlParam);
    assignments.push(`${column} = $${params.length}`);
  }
  for (const [column, by] of Object.entries(update.increment ?? {})) {
    params.push(by as number);
    assignments.push(`${column} = ${column} + $${params.length}`);
  }
  await sql.query(`UPDATE "case" SET ${assignments.join(', ')} WHERE id = $1`, params);
}
