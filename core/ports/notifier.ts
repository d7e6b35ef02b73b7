import type { Database } from './database.ts';

/**
 * The notifier port: how a notice (督办单, 催办, dispatch notice) reaches people. Notices are first written to the
 * notification_outbox table in the transaction that caused them; a delivery loop hands them to a Notifier
 * adapter (in-app, webhook, an SMS gateway) and retries until it succeeds, so none is lost to a crash.
 */
export interface NoticeRecipient {
  /** A role (department-head, dispatcher, collector …), narrowed by department or user when given. */
  role: string;
  departmentId?: string | null;
  userId?: number | null;
}

export interface Notice {
  kind: 'supervise' | 'urge' | 'suspension-review' | (string & {});
  caseId: string | null;
  recipient: NoticeRecipient;
  payload: Record<string, unknown>;
  /** The same key twice is one notice: a worker that runs again does not notify again. */
  dedupeKey: string;
}

export interface OutboxNotice extends Notice {
  id: number;
  createdAt: string;
  attempts: number;
}

export interface DeliveryContext {
  /**
   * The database, for an adapter that writes to it (the in-app inbox). No transaction is open around a delivery:
   * a webhook waiting on a slow receiver must not hold PGlite's one connection, which every request needs.
   */
  db: Database;
}

export interface Notifier {
  /**
   * Throws when delivery failed; the outbox retries later. A notice may be handed over again after a crash or a
   * failure on another channel, so an adapter makes a repeat harmless (the in-app inbox adds no second row).
   */
  deliver(notice: OutboxNotice, context: DeliveryContext): Promise<void>;
}
