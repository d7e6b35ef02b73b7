import type { Sql } from '../ports/database.ts';
import type { CaseRecord } from '../case/case-types.ts';
import { chinaDay } from '../case/actions/report.ts';
import type { CitizenRules } from './citizen-rules.ts';

/**
 * 有奖举报: credits the citizen whose report became this registered case. Called in the registration's
 * transaction; the ledger's one-entry-per-case constraint makes a second call change nothing. The points follow
 * the class the citizen picked, not the one an acceptor may have corrected it to: the citizen did their part.
 */
export async function creditCitizenPoints(sql: Sql, rules: CitizenRules, registered: CaseRecord): Promise<void> {
  const { rows } = await sql.query<{ user_id: string | number; class_code: string }>(
    'SELECT user_id, class_code FROM citizen_report WHERE case_id = $1 AND user_id IS NOT NULL',
    [registered.id],
  );
  const report = rows[0];
  if (!report) return;
  // One citizen's credits in turn, so two registrations at the same moment cannot both fit under the daily cap.
  await sql.query('SELECT id FROM app_user WHERE id = $1 FOR UPDATE', [report.user_id]);
  const at = new Date(registered.registeredAt ?? registered.updatedAt);
  const day = chinaDay(at);
  const earned = await sql.query<{ total: number }>(
    'SELECT coalesce(sum(points), 0)::int AS total FROM citizen_points_entry WHERE user_id = $1 AND day = $2',
    [report.user_id, day],
  );
  const picked = rules.classOf(report.class_code);
  const { points, rule } = rules.pointsFor(report.class_code, picked?.kind ?? registered.classKind);
  const credited = Math.max(0, Math.min(points, rules.dailyCap - (earned.rows[0]?.total ?? 0)));
  await sql.query(
    `INSERT INTO citizen_points_entry (user_id, case_id, points, rule, day, at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (case_id) DO NOTHING`,
    [report.user_id, registered.id, credited, credited < points ? `${rule} daily-cap` : rule, day, at],
  );
}

export interface PointsEntry {
  trackingCode: string | null;
  caseNumber: string;
  points: number;
  /** `kind:event`, `class:01023`; ` daily-cap` appended when the cap cut the points. */
  rule: string;
  cappedByDailyLimit: boolean;
  day: string;
  at: string;
}

export async function pointsLedger(sql: Sql, userId: number): Promise<{ balance: number; entries: PointsEntry[] }> {
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT p.points, p.rule, to_char(p.day, 'YYYY-MM-DD') AS day, p.at, c.case_number, r.tracking_code
       FROM citizen_points_entry p JOIN "case" c ON c.id = p.case_id LEFT JOIN citizen_report r ON r.case_id = p.case_id
      WHERE p.user_id = $1 ORDER BY p.at DESC, p.id DESC`,
    [userId],
  );
  const entries = rows.map((row) => ({
    trackingCode: (row.tracking_code as string | null) ?? null,
    caseNumber: String(row.case_number),
    points: Number(row.points),
    rule: String(row.rule),
    cappedByDailyLimit: String(row.rule).endsWith(' daily-cap'),
    day: String(row.day),
    at: (row.at instanceof Date ? row.at : new Date(String(row.at))).toISOString(),
  }));
  return { balance: entries.reduce((sum, entry) => sum + entry.points, 0), entries };
}
