import type { Clock } from '../../core/ports/clock.ts';
import type { WorkingCalendar } from '../../core/ports/calendar.ts';
import type { CaseClassRules } from '../../core/case/deps.ts';
import type { CaseRecord } from '../../core/case/case-types.ts';
import type { Sql } from '../../core/ports/database.ts';

/** What the case workers are built from; wired by hand in main.ts. */
export interface CaseWorkerDeps {
  clock: Clock;
  calendar: WorkingCalendar;
  rules: CaseClassRules;
  /** Hours between reminders (催办) while a case stays overdue; 4 when omitted. */
  reminderIntervalHours?: number;
  /** Days between reviews of a suspended (挂账) case; 30 when omitted. */
  suspensionReviewDays?: number;
  /**
   * Runs in the registration's transaction, once per case (a redelivered job changes nothing): what a case earns
   * by being registered (a citizen's 有奖举报 points) commits with the registration or not at all.
   */
  onRegistered?: (sql: Sql, registered: CaseRecord) => Promise<void>;
}
