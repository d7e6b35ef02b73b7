import type { Sql, SqlParam } from '../ports/database.ts';
import { caseFromRow } from '../case/case-store.ts';
import type { CaseRecord } from '../case/case-types.ts';
import { caseStatus, statusesOfKind } from '../case/statuses.ts';

/** GeoReport v2 knows two statuses; a suspended case is still open, a voided one is finished. */
export type Open311Status = 'open' | 'closed';
const statusesOf: Record<Open311Status, string[]> = {
  open: statusesOfKind('open', 'suspended'),
  closed: statusesOfKind('closed', 'voided'),
};

export interface ServiceRequestFilter {
  /** When given, the other filters are ignored (as the spec says). */
  ids?: string[];
  serviceCodes?: string[];
  start: Date;
  end: Date;
  statuses?: Open311Status[];
}

/** The spec lets a server cap a list; 1000 is the figure it suggests. */
const maxRequests = 1000;

export interface ServiceRequest {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
}

/**
 * A case as the public sees it: its case number is the service request id; nothing about the reporter is shown.
 * Photos are not linked because attachments are served to signed-in users only.
 */
export function serviceRequestOf(current: CaseRecord, agency: string | null): ServiceRequest {
  const status = caseStatus(current.status);
  return {
    service_request_id: current.caseNumber,
    status: statusesOf.closed.includes(current.status) ? 'closed' : 'open',
    status_notes: `${status.labelZh} ${status.labelEn}`,
    service_name: current.className,
    service_code: current.classCode,
    description: current.description,
    agency_responsible: agency,
    service_notice: null,
    requested_datetime: current.reportedAt,
    updated_datetime: current.updatedAt,
    expected_datetime: current.deadline,
    address: current.address,
    address_id: current.gridCode,
    zipcode: null,
    lat: current.lat,
    long: current.lng,
    media_url: null,
  };
}

export async function findServiceRequests(sql: Sql, filter: ServiceRequestFilter): Promise<ServiceRequest[]> {
  const params: SqlParam[] = [];
  const where: string[] = [];
  const add = (condition: (placeholder: string) => string, value: SqlParam) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (filter.ids) {
    add((p) => `c.case_number = ANY(${p})`, filter.ids);
  } else {
    add((p) => `c.reported_at >= ${p}`, filter.start);
    add((p) => `c.reported_at <= ${p}`, filter.end);
    if (filter.serviceCodes) add((p) => `c.class_code = ANY(${p})`, filter.serviceCodes);
    if (filter.statuses) add((p) => `c.status = ANY(${p})`, filter.statuses.flatMap((status) => statusesOf[status]));
  }
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT c.*, d.name_zh AS agency FROM "case" c LEFT JOIN department d ON d.id = c.department_id
     WHERE ${where.join(' AND ')} ORDER BY c.reported_at DESC, c.case_number DESC LIMIT ${maxRequests}`,
    params,
  );
  return rows.map((row) => serviceRequestOf(caseFromRow(row), (row.agency as string | null) ?? null));
}

/** The request a token stands for: the token is the case's id, handed out when the request was posted. */
export async function serviceRequestIdOfToken(sql: Sql, token: string): Promise<string | null> {
  const { rows } = await sql.query<{ case_number: string }>('SELECT case_number FROM "case" WHERE id = $1', [token]);
  return rows[0]?.case_number ?? null;
}
