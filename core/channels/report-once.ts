import type { Database } from '../ports/database.ts';
import { Conflict } from '../errors.ts';
import { readCase } from '../case/case-store.ts';
import type { CaseRecord } from '../case/case-types.ts';

export interface ReceivedEvent {
  case: CaseRecord;
  /** False when the sender had already delivered this event: the case is the one made the first time. */
  created: boolean;
}

/**
 * Runs `submit` once per (sender, event id). The event is claimed before the case is made, so two deliveries of
 * one event racing each other cannot both create a case; a failed submit releases the claim for a retry.
 */
export async function reportOnce(
  db: Database,
  sender: string,
  eventId: string,
  submit: () => Promise<CaseRecord>,
): Promise<ReceivedEvent> {
  const claim = await db.query(
    'INSERT INTO channel_event (sender, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
    [sender, eventId],
  );
  if (claim.rows.length === 0) {
    const { rows } = await db.query<{ case_id: string | null }>(
      'SELECT case_id FROM channel_event WHERE sender = $1 AND event_id = $2',
      [sender, eventId],
    );
    const caseId = rows[0]?.case_id;
    if (!caseId) throw new Conflict(`event ${eventId} is still being received: retry in a moment`, { field: 'eventId' });
    return { case: await readCase(db, caseId), created: false };
  }
  try {
    const created = await submit();
    await db.query('UPDATE channel_event SET case_id = $3 WHERE sender = $1 AND event_id = $2', [sender, eventId, created.id]);
    return { case: created, created: true };
  } catch (error) {
    await db.query('DELETE FROM channel_event WHERE sender = $1 AND event_id = $2 AND case_id IS NULL', [sender, eventId]);
    throw error;
  }
}
