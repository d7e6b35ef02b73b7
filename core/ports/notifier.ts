import type { Sql } from './database.ts';

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
   * The transaction that marks the notice delivered. An adapter that writes to the database (the in-app inbox)
   * writes through it, so its rows commit exactly when the notice counts as delivered; PGlite's one connection
   * is held by it, so writing through the Database would wait forever.
   */
  sql: Sql;
}

export interface Notifier {
  /** Throws when delivery failed; the outbox retries later. */
  deliver(notice: OutboxNotice, context: DeliveryContext): Promise<void>;
}
