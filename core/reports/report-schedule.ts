import { periodOf } from '../evaluation/period.ts';
import { generateReport, type ArchivedReport, type ReportDeps } from './report-archive.ts';

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

/** The Beijing date and minute of day of an instant. */
function beijingClock(now: Date): { date: string; minutes: number } {
  const shifted = new Date(now.getTime() + beijingOffsetMs);
  return { date: shifted.toISOString().slice(0, 10), minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes() };
}

/**
 * One round of the schedule: today's morning report when today is a working day and its hour has come.
 * The archive is the schedule's whole state, so a process that was stopped over the morning makes the report on
 * its first round, and processes sharing the database make it once (the archive's unique key). Mornings missed
 * on earlier days are not made up: a morning report is about yesterday, and late ones are generated on demand.
 */
export async function runReportSchedule(options: ReportScheduleOptions): Promise<ArchivedReport | null> {
  const now = options.clock.now();
  const { date, minutes } = beijingClock(now);
  if (minutes < (options.morningAtMinutes ?? 8 * 60)) return null;
  const today = periodOf('day', date);
  if (options.calendar.workingTimeBetween(today.from, today.to).milliseconds === 0) return null;
  const { report, created } = await generateReport(options, { kind: 'morning', date, generatedBy: null });
  return created ? report : null;
}

/** Runs the schedule every `intervalMs` until stopped; the returned function waits for the round in progress. */
export function startReportSchedule(options: ReportScheduleOptions): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<void> = Promise.resolve();
  const run = async () => {
    try {
      const report = await runReportSchedule(options);
      if (report) options.onGenerated?.(report);
    } catch (error) {
      options.onError?.(error);
    }
    if (!stopped) timer = setTimeout(() => (round = run()), intervalMs);
  };
  round = run();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await round;
  };
}
