import { beijingDateOf, periodOf, type PeriodKind } from '../evaluation/period.ts';
import { startPeriodic } from '../jobs/periodic.ts';
import { generateReport, type ArchivedReport, type ReportDeps, type ReportKind } from './report-archive.ts';

export interface ReportScheduleOptions extends ReportDeps {
  /** Beijing time of day from which a working day's morning report is due, as minutes after midnight. */
  morningAtMinutes?: number;
  /** Pause between rounds. */
  intervalMs?: number;
  onGenerated?: (report: ArchivedReport) => void;
  /** A round that failed as a whole (the database is away); the loop keeps going. */
  onError?: (error: unknown) => void;
}

const beijingOffsetMs = 8 * 3_600_000;
const periodicReports: [ReportKind, PeriodKind][] = [['weekly', 'week'], ['monthly', 'month']];

/**
 * One round of the schedule, returning the reports it archived:
 * - today's morning report, when today is a working day and its hour has come. Mornings missed on earlier days
 *   are not made up: a morning report is about yesterday, and late ones are generated on demand;
 * - last week's and last month's reports, once working time has begun in the new week or month (so a week that
 *   starts with a holiday waits for its first working morning), and on any later round until they are archived.
 * The archive is the schedule's whole state, so a process stopped over the due time makes the reports on its
 * first round, and processes sharing the database make each once (the archive's unique key).
 */
export async function runReportSchedule(options: ReportScheduleOptions): Promise<ArchivedReport[]> {
  const now = options.clock.now();
  const date = beijingDateOf(now);
  const shifted = new Date(now.getTime() + beijingOffsetMs);
  const minutes = shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
  const due: ReportKind[] = [];
  const today = periodOf('day', date);
  if (minutes >= (options.morningAtMinutes ?? 8 * 60) && options.calendar.workingTimeBetween(today.from, today.to).milliseconds > 0) due.push('morning');
  for (const [kind, periodKind] of periodicReports) {
    if (options.calendar.workingTimeBetween(periodOf(periodKind, date).from, now).milliseconds > 0) due.push(kind);
  }
  const generated: ArchivedReport[] = [];
  for (const kind of due) {
    const { report, created } = await generateReport(options, { kind, date, generatedBy: null });
    if (created) generated.push(report);
  }
  return generated;
}

/** Runs the schedule every `intervalMs` until stopped; the returned function waits for the round in progress. */
export function startReportSchedule(options: ReportScheduleOptions): () => Promise<void> {
  return startPeriodic(
    async () => {
      for (const report of await runReportSchedule(options)) options.onGenerated?.(report);
    },
    { intervalMs: options.intervalMs ?? 60_000, onError: options.onError },
  );
}
