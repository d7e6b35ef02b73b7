import type { Sql } from '../ports/database.ts';
import { statusesOfKind } from '../case/statuses.ts';

export interface SupervisedCase {
  id: string;
  caseNumber: string;
  className: string;
  /** The status the case was in at the end of the period, not today's: a report must read the same when reprinted. */
  status: string;
  department: string | null;
  supervisedAt: string;
}

/**
 * 督办案件: cases supervised before `until` and still open (or suspended) at that instant, judged from the
 * history so a report of an earlier day lists what was pending then. The latest supervision is shown.
 */
export async function supervisedCases(sql: Sql, until: Date): Promise<SupervisedCase[]> {
  const { rows } = await sql.query<{ id: string; case_number: string; class_name: string; status: string; department: string | null; supervised_at: Date }>(
    `WITH supervised AS (
       SELECT case_id, max(at) AS supervised_at FROM case_event WHERE action = 'supervise' AND at < $1 GROUP BY case_id
     ), state AS (
       SELECT DISTINCT ON (e.case_id) e.case_id, e.to_status
       FROM case_event e JOIN supervised s ON s.case_id = e.case_id
       WHERE e.at < $1 AND e.to_status IS NOT NULL
       ORDER BY e.case_id, e.at DESC, e.id DESC
     )
     SELECT c.id, c.case_number, c.class_name, state.to_status AS status, d.name_zh AS department, s.supervised_at
     FROM supervised s
     JOIN state ON state.case_id = s.case_id
     JOIN "case" c ON c.id = s.case_id
     LEFT JOIN department d ON d.id = c.department_id
     WHERE state.to_status = ANY($2::text[])
     ORDER BY s.supervised_at, c.case_number`,
    [until, statusesOfKind('open', 'suspended')],
  );
  return rows.map((row) => ({
    id: row.id,
    caseNumber: row.case_number,
    className: row.class_name,
    status: row.status,
    department: row.department,
    supervisedAt: new Date(row.supervised_at).toISOString(),
  }));
}
