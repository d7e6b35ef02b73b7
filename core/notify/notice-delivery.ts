import { deliverDueNotices } from '../case/notice-outbox.ts';
import { startPeriodic } from '../jobs/periodic.ts';
import type { Clock } from '../ports/clock.ts';
import type { Database } from '../ports/database.ts';
import type { Notifier } from '../ports/notifier.ts';

export interface NoticeDeliveryOptions {
  db: Database;
  notifier: Notifier;
  clock: Clock;
  /** Pause between rounds; a round that delivered a full batch is followed at once by the next. */
  intervalMs?: number;
  /** A round that failed as a whole (the database is away); the loop keeps going. */
  onError?: (error: unknown) => void;
}

const batch = 50;

/**
 * Delivers due notices from the outbox until stopped. The returned function stops the loop and waits for the
 * round in progress, so the database can be closed right after.
 */
export function startNoticeDelivery(options: NoticeDeliveryOptions): () => Promise<void> {
  return startPeriodic(async () => (await deliverDueNotices(options.db, options.notifier, options.clock, batch)) === batch, {
    intervalMs: options.intervalMs ?? 5000,
    onError: options.onError,
  });
}
