import type { Sql } from '../ports/database.ts';
import type { Period } from './period.ts';

/** One step of the rating scale reviewers choose from (满意 / 基本满意 / 不满意), with the points it is worth. */
export interface ReviewLevel {
  level: string;
  nameZh: string;
  nameEn: string;
  points: number;
}

/** `thirdPartyReview` of the indicators data: how 第三方考评 ratings enter the department composite score. */
export interface ThirdPartyReviewSettings {
  source: string;
  note?: string;
  /** The ratings' share of the department composite score, 0–1. */
  share: number;
  scale: ReviewLevel[];
  /** What a round samples when its opener does not say. */
  defaultSample: SampleRule;
}

export type SampleRule = { perDepartment: number } | { rate: number };

/**
 * The composite score with the reviews folded in: (1 − share) × the indicator score + share × the mean rating.
 * A department nobody rated in the period keeps its indicator score; one with ratings but no indicator to judge
 * is scored on the ratings alone.
 */
export function withReviews(settings: ThirdPartyReviewSettings | undefined, indicatorScore: number | null, meanRating: number | undefined): number | null {
  if (!settings || meanRating === undefined) return indicatorScore;
  if (indicatorScore === null) return meanRating;
  return (1 - settings.share) * indicatorScore + settings.share * meanRating;
}

/**
 * The mean rating per department of the cases closed in `period`, counting only rounds that are closed: a round's
 * ratings are published, and move scores, once its organiser closes it.
 */
export async function meanRatingsByDepartment(sql: Sql, period: Period): Promise<Map<string, number>> {
  const { rows } = await sql.query<{ department_id: string; mean: string | number }>(
    `SELECT a.department_id, avg(a.points) AS mean
       FROM review_assignment a
       JOIN review_round r ON r.id = a.round_id AND r.status = 'closed'
       JOIN "case" c ON c.id = a.case_id
      WHERE a.rated_at IS NOT NULL AND c.closed_at >= $1 AND c.closed_at < $2
      GROUP BY a.department_id`,
    [period.from, period.to],
  );
  return new Map(rows.map((row) => [row.department_id, Number(row.mean)]));
}
