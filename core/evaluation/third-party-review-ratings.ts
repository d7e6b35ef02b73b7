import type { Sql } from '../ports/database.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.ts';
import type { Principal } from '../identity/roles.ts';
import type { ThirdPartyReviewSettings } from './third-party-review-score.ts';
import { findRound, requireReviewSettings, type RoundStatus } from './third-party-review-rounds.ts';

export interface Rating {
  level: string;
  points: number;
  comment: string | null;
  ratedAt: string;
}

/**
 * What a reviewer sees of an assigned case: what was wrong, where, and the photos before and after handling.
 * Never the reporter, the handlers or the internal history.
 */
export interface ReviewAssignment {
  id: number;
  round: { id: number; name: string; status: RoundStatus };
  case: {
    caseNumber: string;
    className: string;
    description: string;
    address: string | null;
    departmentName: string;
    reportedAt: string;
    closedAt: string;
  };
  beforePhotoIds: string[];
  afterPhotoIds: string[];
  rating: Rating | null;
}

type Row = Record<string, unknown>;
const iso = (value: unknown) => new Date(value as string).toISOString();
const ids = (value: unknown): string[] => (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as string[];

// The after photos are those of the last hand-in (处理反馈): after a rework the earlier ones show a failed fix.
const selectAssignments = `
  SELECT a.id, a.reviewer_id, a.level, a.points, a.comment, a.rated_at,
         r.id AS round_id, r.name AS round_name, r.status AS round_status,
         c.case_number, c.class_name, c.description, c.address, c.reported_at, c.closed_at, c.attachments AS before_ids,
         d.name_zh AS department_name,
         (SELECT e.attachments FROM case_event e WHERE e.case_id = c.id AND e.action = 'feedback' ORDER BY e.id DESC LIMIT 1) AS after_ids
    FROM review_assignment a
    JOIN review_round r ON r.id = a.round_id
    JOIN "case" c ON c.id = a.case_id
    JOIN department d ON d.id = a.department_id`;

function toAssignment(row: Row): ReviewAssignment {
  return {
    id: Number(row.id),
    round: { id: Number(row.round_id), name: String(row.round_name), status: row.round_status as RoundStatus },
    case: {
      caseNumber: String(row.case_number),
      className: String(row.class_name),
      description: String(row.description),
      address: (row.address as string | null) ?? null,
      departmentName: String(row.department_name),
      reportedAt: iso(row.reported_at),
      closedAt: iso(row.closed_at),
    },
    beforePhotoIds: ids(row.before_ids),
    afterPhotoIds: ids(row.after_ids),
    rating:
      row.rated_at === null
        ? null
        : { level: String(row.level), points: Number(row.points), comment: (row.comment as string | null) ?? null, ratedAt: iso(row.rated_at) },
  };
}

/** The caller's assignments, open rounds first and unrated cases before rated ones. */
export async function myAssignments(sql: Sql, reviewer: Principal, filter: { roundId?: number } = {}): Promise<ReviewAssignment[]> {
  const { rows } = await sql.query<Row>(
    `${selectAssignments}
      WHERE a.reviewer_id = $1 AND ($2::bigint IS NULL OR a.round_id = $2)
      ORDER BY (r.status = 'closed'), (a.rated_at IS NOT NULL), r.id DESC, c.case_number`,
    [reviewer.id, filter.roundId ?? null],
  );
  return rows.map(toAssignment);
}

/** One assignment of the caller's; someone else's is Forbidden without saying which case it is. */
export async function assignmentOf(sql: Sql, reviewer: Principal, id: number): Promise<ReviewAssignment> {
  const { rows } = await sql.query<Row>(`${selectAssignments} WHERE a.id = $1`, [id]);
  const row = rows[0];
  if (!row) throw new NotFound(`review assignment ${id} not found`);
  if (Number(row.reviewer_id) !== reviewer.id) throw new Forbidden('this case is assigned to another reviewer');
  return toAssignment(row);
}

/** The photo, when it is one the reviewer is shown for an assigned case. */
export async function assignmentPhotoId(sql: Sql, reviewer: Principal, assignmentId: number, photoId: string): Promise<string> {
  const assignment = await assignmentOf(sql, reviewer, assignmentId);
  if (![...assignment.beforePhotoIds, ...assignment.afterPhotoIds].includes(photoId)) {
    throw new NotFound(`photo ${photoId} is not a photo of this case`);
  }
  return photoId;
}

/** Rates an assigned case once; the points come from the scale in force now and are kept with the rating. */
export async function rateAssignment(
  sql: Sql,
  settings: ThirdPartyReviewSettings | undefined,
  reviewer: Principal,
  id: number,
  input: { level: string; comment?: string },
  at: Date,
): Promise<ReviewAssignment> {
  const step = requireReviewSettings(settings).scale.find((candidate) => candidate.level === input.level);
  if (!step) throw new Invalid(`unknown rating level "${input.level}"`, { field: 'level' });
  const { rows } = await sql.query<{ reviewer_id: number; rated_at: unknown; status: RoundStatus }>(
    `SELECT a.reviewer_id, a.rated_at, r.status FROM review_assignment a JOIN review_round r ON r.id = a.round_id
      WHERE a.id = $1 FOR UPDATE OF a`,
    [id],
  );
  const current = rows[0];
  if (!current) throw new NotFound(`review assignment ${id} not found`);
  if (Number(current.reviewer_id) !== reviewer.id) throw new Forbidden('this case is assigned to another reviewer');
  if (current.rated_at !== null) throw new Conflict('this case is rated already; a rating cannot be changed');
  if (current.status !== 'sampled') throw new Conflict('the review round is closed; ratings are no longer taken', { extra: { status: current.status } });
  const comment = input.comment?.trim() || null;
  await sql.query('UPDATE review_assignment SET level = $2, points = $3, comment = $4, rated_at = $5 WHERE id = $1', [id, step.level, step.points, comment, at]);
  return assignmentOf(sql, reviewer, id);
}

export interface DepartmentReviewResult {
  departmentId: string;
  departmentName: string;
  cases: number;
  assignments: number;
  rated: number;
  /** Mean points of the ratings, two decimals; null before the first rating. */
  meanPoints: number | null;
  /** Ratings per level of the scale. */
  levels: Record<string, number>;
  comments: { caseNumber: string; level: string; comment: string }[];
}

/** Progress and ratings of one round per department; `departmentId` narrows it to one department's row. */
export async function roundResults(
  sql: Sql,
  settings: ThirdPartyReviewSettings | undefined,
  roundId: number,
  filter: { departmentId?: string } = {},
): Promise<{ round: Awaited<ReturnType<typeof findRound>>; departments: DepartmentReviewResult[] }> {
  const { scale } = requireReviewSettings(settings);
  const round = await findRound(sql, roundId);
  const { rows } = await sql.query<{ department_id: string; name_zh: string; case_number: string; level: string | null; points: string | null; comment: string | null }>(
    `SELECT a.department_id, d.name_zh, c.case_number, a.level, a.points, a.comment
       FROM review_assignment a JOIN department d ON d.id = a.department_id JOIN "case" c ON c.id = a.case_id
      WHERE a.round_id = $1 AND ($2::text IS NULL OR a.department_id = $2)
      ORDER BY a.department_id, c.case_number, a.id`,
    [roundId, filter.departmentId ?? null],
  );
  const byDepartment = new Map<string, DepartmentReviewResult & { caseNumbers: Set<string>; total: number }>();
  for (const row of rows) {
    const result = byDepartment.get(row.department_id) ?? {
      departmentId: row.department_id, departmentName: row.name_zh, cases: 0, assignments: 0, rated: 0, meanPoints: null,
      levels: Object.fromEntries(scale.map((step) => [step.level, 0])), comments: [], caseNumbers: new Set<string>(), total: 0,
    };
    result.caseNumbers.add(row.case_number);
    result.assignments += 1;
    if (row.level !== null) {
      result.rated += 1;
      result.total += Number(row.points);
      result.levels[row.level] = (result.levels[row.level] ?? 0) + 1;
      if (row.comment) result.comments.push({ caseNumber: row.case_number, level: row.level, comment: row.comment });
    }
    byDepartment.set(row.department_id, result);
  }
  const departments = [...byDepartment.values()].map(({ caseNumbers, total, ...result }) => ({
    ...result,
    cases: caseNumbers.size,
    meanPoints: result.rated === 0 ? null : Math.round((total / result.rated) * 100) / 100,
  }));
  return { round, departments };
}
