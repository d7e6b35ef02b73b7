import type { Sql } from '../ports/database.ts';
import { Conflict, NotFound } from '../errors.ts';
import { readCase } from '../case/case-store.ts';
import { caseHistory } from '../case/history.ts';
import { transition } from '../case/transition.ts';
import type { CaseStatus } from '../case/statuses.ts';
import { normaliseTrackingCode } from './tracking-code.ts';

/** What a citizen is told, in place of the command centre's seventeen statuses. */
export type PublicStage = 'received' | 'accepted' | 'handling' | 'suspended' | 'resolved' | 'not-accepted' | 'merged' | 'withdrawn';

const stageOf: Record<CaseStatus, PublicStage> = {
  reported: 'received', confirming: 'received', confirmed: 'received',
  registered: 'accepted', returned: 'accepted',
  handling: 'handling', 'return-requested': 'handling', 'extension-requested': 'handling', 'suspension-requested': 'handling',
  verifying: 'handling', 'verification-failed': 'handling', verified: 'handling',
  suspended: 'suspended', closed: 'resolved', rejected: 'not-accepted', merged: 'merged', voided: 'withdrawn',
};

/** History steps a citizen sees; each shows its time and stage, never who acted. */
const milestones: Record<string, PublicStage> = {
  report: 'received', register: 'accepted', dispatch: 'handling', feedback: 'handling', suspend: 'suspended',
  resume: 'handling', close: 'resolved', reject: 'not-accepted', merge: 'merged', void: 'withdrawn',
};
/** Steps whose comment is written for the reporter: why it was rejected, what was done, how it was closed. */
const publicNoteSteps = new Set(['reject', 'merge', 'feedback', 'close']);
/** Steps whose photos show the result. */
const resultPhotoSteps = new Set(['feedback', 'verify', 'close']);
const ratingKey = 'citizen-rating';

export async function caseIdOfTrackingCode(sql: Sql, typed: string): Promise<string> {
  const code = normaliseTrackingCode(typed);
  const { rows } = code ? await sql.query<{ case_id: string }>('SELECT case_id FROM citizen_report WHERE tracking_code = $1', [code]) : { rows: [] };
  if (!rows[0]) throw new NotFound(`no report with tracking code ${typed}`);
  return rows[0].case_id;
}

/** A report as its reporter may see it by its code alone: nothing about staff, departments' people or the reporter. */
export async function publicReport(sql: Sql, typed: string) {
  const caseId = await caseIdOfTrackingCode(sql, typed);
  const current = await readCase(sql, caseId);
  const history = await caseHistory(sql, caseId);
  const rating = history.find((event) => event.action === 'rate');
  return {
    trackingCode: normaliseTrackingCode(typed),
    caseNumber: current.caseNumber,
    stage: stageOf[current.status],
    className: current.className,
    description: current.description,
    address: current.address,
    reportedAt: current.reportedAt,
    closedAt: current.closedAt,
    timeline: history
      .filter((event) => milestones[event.action])
      .map((event) => ({
        at: event.at,
        stage: milestones[event.action] as PublicStage,
        note: publicNoteSteps.has(event.action) ? event.comment : null,
      })),
    resultPhotos: history.filter((event) => resultPhotoSteps.has(event.action)).flatMap((event) => event.attachments),
    canRate: current.status === 'closed' && !rating,
    rating: rating ? { score: Number(rating.data.score), at: rating.at } : null,
  };
}

/** True when the attachment is one of this report's result photos (which the public may see). */
export async function isResultPhoto(sql: Sql, typed: string, attachmentId: string): Promise<boolean> {
  return (await publicReport(sql, typed)).resultPhotos.includes(attachmentId.toLowerCase());
}

/** 满意度评价: once per case, after closing, by whoever holds the code; an append-only history row. */
export async function rateReport(sql: Sql, typed: string, rating: { score: number; comment?: string }, at: Date, userId: number | null) {
  const caseId = await caseIdOfTrackingCode(sql, typed);
  // Locked first, so two ratings sent at once cannot both find none recorded.
  const current = await readCase(sql, caseId, { forUpdate: true });
  if (current.status !== 'closed') throw new Conflict('a report can be rated once it is closed', { extra: { stage: stageOf[current.status] } });
  const { rows } = await sql.query('SELECT 1 FROM case_event WHERE case_id = $1 AND idempotency_key = $2', [caseId, ratingKey]);
  if (rows.length > 0) throw new Conflict('this report has already been rated');
  await transition(sql, {
    caseId, action: 'rate', from: ['closed'], to: null, at,
    actor: { id: userId, name: '市民', role: 'citizen' },
    comment: rating.comment ?? null, data: { score: rating.score }, idempotencyKey: ratingKey,
  });
}

/** A signed-in citizen's reports, newest first, with their codes and stages. */
export async function citizenReports(sql: Sql, userId: number) {
  const { rows } = await sql.query<{ tracking_code: string | null; case_number: string; status: CaseStatus; class_name: string; reported_at: Date }>(
    `SELECT r.tracking_code, c.case_number, c.status, c.class_name, c.reported_at FROM "case" c
       LEFT JOIN citizen_report r ON r.case_id = c.id
      WHERE c.reporter->>'userId' = $1 ORDER BY c.reported_at DESC LIMIT 200`,
    [String(userId)],
  );
  return rows.map((row) => ({
    trackingCode: row.tracking_code, caseNumber: row.case_number, stage: stageOf[row.status], className: row.class_name,
    reportedAt: new Date(row.reported_at).toISOString(),
  }));
}
