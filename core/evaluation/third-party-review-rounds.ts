import { randomInt } from 'node:crypto';
import { json, type Sql } from '../ports/database.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import { periodOf, type PeriodKind } from './period.ts';
import { drawSample } from './third-party-review-sample.ts';
import type { SampleRule, ThirdPartyReviewSettings } from './third-party-review-score.ts';

export type RoundStatus = 'open' | 'sampled' | 'closed';

export interface ReviewRound {
  id: number;
  name: string;
  period: { kind: PeriodKind; from: string; to: string };
  sample: SampleRule;
  reviewersPerCase: number;
  seed: number;
  status: RoundStatus;
  openedAt: string;
  sampledAt: string | null;
  closedAt: string | null;
  progress: { cases: number; assignments: number; rated: number };
}

export interface NewRound {
  name: string;
  period: PeriodKind;
  date: string;
  sample?: SampleRule;
  reviewersPerCase?: number;
  seed?: number;
}

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());
const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

const selectRounds = `
  SELECT r.*,
         (SELECT count(DISTINCT a.case_id) FROM review_assignment a WHERE a.round_id = r.id) AS cases,
         (SELECT count(*) FROM review_assignment a WHERE a.round_id = r.id) AS assignments,
         (SELECT count(*) FROM review_assignment a WHERE a.round_id = r.id AND a.rated_at IS NOT NULL) AS rated
    FROM review_round r`;

function toRound(row: Row): ReviewRound {
  return {
    id: Number(row.id),
    name: String(row.name),
    period: { kind: row.period_kind as PeriodKind, from: iso(row.period_from) as string, to: iso(row.period_to) as string },
    sample: parsed<SampleRule>(row.sample_rule),
    reviewersPerCase: Number(row.reviewers_per_case),
    seed: Number(row.seed),
    status: row.status as RoundStatus,
    openedAt: iso(row.opened_at) as string,
    sampledAt: iso(row.sampled_at),
    closedAt: iso(row.closed_at),
    progress: { cases: Number(row.cases), assignments: Number(row.assignments), rated: Number(row.rated) },
  };
}

export function requireReviewSettings(settings: ThirdPartyReviewSettings | undefined): ThirdPartyReviewSettings {
  if (!settings) throw new Conflict('third-party review is not configured: the indicators data has no thirdPartyReview');
  return settings;
}

export async function findRound(sql: Sql, id: number): Promise<ReviewRound> {
  const { rows } = await sql.query<Row>(`${selectRounds} WHERE r.id = $1`, [id]);
  if (!rows[0]) throw new NotFound(`review round ${id} not found`);
  return toRound(rows[0]);
}

export async function listRounds(sql: Sql): Promise<ReviewRound[]> {
  const { rows } = await sql.query<Row>(`${selectRounds} ORDER BY r.period_from DESC, r.id DESC`);
  return rows.map(toRound);
}

/** Opens a round for the evaluation period containing `date`; the seed is drawn now unless the opener gives one. */
export async function openRound(
  sql: Sql,
  settings: ThirdPartyReviewSettings | undefined,
  input: NewRound,
  by: { userId: number; at: Date },
): Promise<ReviewRound> {
  const { defaultSample } = requireReviewSettings(settings);
  const period = periodOf(input.period, input.date);
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO review_round (name, period_kind, period_from, period_to, sample_rule, reviewers_per_case, seed, status, opened_by, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9) RETURNING id`,
    [input.name, period.kind, period.from, period.to, json(input.sample ?? defaultSample), input.reviewersPerCase ?? 1,
      input.seed ?? randomInt(0, 2 ** 32), by.userId, by.at],
  );
  return findRound(sql, Number((rows[0] as { id: number }).id));
}

async function lockRound(sql: Sql, id: number, expected: RoundStatus, verb: string): Promise<ReviewRound> {
  const { rows } = await sql.query<{ status: RoundStatus }>('SELECT status FROM review_round WHERE id = $1 FOR UPDATE', [id]);
  const status = rows[0]?.status;
  if (!status) throw new NotFound(`review round ${id} not found`);
  if (status !== expected) throw new Conflict(`review round ${id} is ${status}; only a round that is ${expected} can be ${verb}`, { extra: { status } });
  return findRound(sql, id);
}

/** Active reviewer accounts among `wanted` (all of them when not given), checked so a typo cannot drop a case. */
async function reviewersFor(sql: Sql, wanted: number[] | undefined): Promise<number[]> {
  const { rows } = await sql.query<{ id: number }>(
    `SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'reviewer'
      WHERE u.active AND ($1::bigint[] IS NULL OR u.id = ANY($1::bigint[])) ORDER BY u.id`,
    [wanted ?? null],
  );
  const found = rows.map((row) => Number(row.id));
  const missing = (wanted ?? []).filter((id) => !found.includes(id));
  if (missing.length > 0) throw new Invalid(`not active reviewers: ${missing.join(', ')}`, { field: 'reviewerIds' });
  if (found.length === 0) throw new Conflict('there is no active reviewer to assign cases to');
  return found;
}

/**
 * Draws the round's sample from the cases closed in its period (each counted for the department that handled it
 * last) and assigns them to reviewers. Drawing again is refused: a sample that could be redrawn until it suits
 * someone would not be a sample.
 */
export async function sampleRound(sql: Sql, id: number, input: { reviewerIds?: number[] }, at: Date): Promise<ReviewRound> {
  const round = await lockRound(sql, id, 'open', 'sampled');
  const reviewerIds = await reviewersFor(sql, input.reviewerIds);
  const { rows } = await sql.query<{ id: string; department_id: string }>(
    `SELECT id, department_id FROM "case"
      WHERE status_kind = 'closed' AND department_id IS NOT NULL AND closed_at >= $1 AND closed_at < $2`,
    [round.period.from, round.period.to],
  );
  if (rows.length === 0) throw new Conflict('no case was closed in the round period; there is nothing to review');
  const assignments = drawSample(
    { seed: round.seed, rule: round.sample, reviewersPerCase: round.reviewersPerCase },
    rows.map((row) => ({ caseId: row.id, departmentId: row.department_id })),
    reviewerIds,
  );
  await sql.query(
    `INSERT INTO review_assignment (round_id, case_id, department_id, reviewer_id)
     SELECT $1, a."caseId", a."departmentId", a."reviewerId"
       FROM jsonb_to_recordset($2::jsonb) AS a("caseId" text, "departmentId" text, "reviewerId" bigint)`,
    [id, json(assignments)],
  );
  await sql.query(`UPDATE review_round SET status = 'sampled', sampled_at = $2 WHERE id = $1`, [id, at]);
  return findRound(sql, id);
}

/** Closing ends rating and publishes the ratings into the department scores (third-party-review-score.ts). */
export async function closeRound(sql: Sql, id: number, at: Date): Promise<ReviewRound> {
  await lockRound(sql, id, 'sampled', 'closed');
  await sql.query(`UPDATE review_round SET status = 'closed', closed_at = $2 WHERE id = $1`, [id, at]);
  return findRound(sql, id);
}
