import type { Clock } from '../../core/ports/clock.ts';
import type { WorkingCalendar } from '../../core/ports/calendar.ts';
import type { CaseClassRules } from '../../core/case/deps.ts';

/** What the case workers are built from; wired by hand in main.ts. */
export interface CaseWorkerDeps {
  clock: Clock;
  calendar: WorkingCalendar;
  rules: CaseClassRules;
  /** Hours between reminders (催办) while a case stays overdue; 4 when omitted. */
  reminderIntervalHours?: number;
  /** Days between reviews of a suspended (挂账) case; 30 when omitted. */
  suspensionReviewDays?: number;
}
