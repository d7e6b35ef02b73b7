import type { Database } from '../ports/database.ts';
import type { WorkingCalendar } from '../ports/calendar.ts';
import { DAY_MS, isoDateOfDay, toLocalMs } from '../calendar/shanghai-time.ts';
import { evaluate, type EvaluationRow } from '../evaluation/evaluate.ts';
import type { IndicatorSet } from '../evaluation/indicator-definitions.ts';
import { replayHistory } from '../evaluation/history-replay.ts';
import { periodOf } from '../evaluation/period.ts';

export interface DashboardDeps {
  db: Database;
  calendar: WorkingCalendar;
  indicators: IndicatorSet;
}

/** What the command centre did on one Beijing day: distinct cases per step. */
export interface DayFigures {
  date: string;
  reported: number;
  registered: number;
  dispatched: number;
  closed: number;
}

export interface TodayFigures extends DayFigures {
  /** Of the cases registered today, the share closed by now (null when none was registered). */
  closureRate: number | null;
  /** Of the cases closed today, the share whose last handling was handed in inside its deadline. */
  onTimeRate: number | null;
  overdueNow: number;
  suspendedNow: number;
  /** Open or suspended cases under 督办 supervision. */
  supervisedNow: number;
}

export interface RankingColumn {
  indicator: string;
  nameZh: string;
  nameEn: string;
}

export interface Dashboard {
  asOf: string;
  today: TodayFigures;
  /** The last `trendDays` Beijing days, oldest first, today last. */
  trend: DayFigures[];
  /** The month's department evaluation, best first, with the indicators its score is made of. */
  ranking: { period: { from: string; to: string }; columns: RankingColumn[]; rows: EvaluationRow[] };
}

export const trendDays = 30;

// The history actions each daily figure counts; a case dispatched twice in a day (after a return) counts once.
const stepActions = { reported: 'report', registered: 'register', dispatched: 'dispatch', closed: 'close' } as const;
type Step = keyof typeof stepActions;
const steps = Object.keys(stepActions) as Step[];

/** The Beijing date (YYYY-MM-DD) `days` days before the one that contains `instant`. */
function beijingDate(instant: Date, days = 0): string {
  return isoDateOfDay(Math.floor(toLocalMs(instant) / DAY_MS) - days);
}

async function dailySteps(db: Database, firstDate: string, lastDate: string): Promise<DayFigures[]> {
  const from = periodOf('day', firstDate).from;
  const to = periodOf('day', lastDate).to;
  // AT TIME ZONE 'UTC' makes the day independent of the session's time zone; Beijing has no daylight saving.
  const { rows } = await db.query<{ day: string; action: string; cases: number }>(
    `SELECT to_char((e.at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD') AS day, e.action, count(DISTINCT e.case_id)::int AS cases
       FROM case_event e
      WHERE e.at >= $1 AND e.at < $2 AND e.action = ANY($3::text[])
      GROUP BY 1, 2`,
    [from, to, Object.values(stepActions)],
  );
  const counts = new Map(rows.map((row) => [`${row.day} ${row.action}`, row.cases]));
  const days: DayFigures[] = [];
  for (let at = from.getTime(); at < to.getTime(); at += DAY_MS) {
    const date = beijingDate(new Date(at));
    const figures = Object.fromEntries(steps.map((step) => [step, counts.get(`${date} ${stepActions[step]}`) ?? 0])) as Record<Step, number>;
    days.push({ date, ...figures });
  }
  return days;
}

async function caseStock(db: Database, today: { from: Date; to: Date }) {
  // Only unfinished cases can be overdue, suspended or supervised now: the status-kind index keeps this small.
  const { rows: [stock] } = await db.query<{ overdue: number; suspended: number; supervised: number }>(
    `SELECT count(*) FILTER (WHERE status_kind = 'open' AND overdue)::int AS overdue,
            count(*) FILTER (WHERE status_kind = 'suspended')::int AS suspended,
            count(*) FILTER (WHERE supervised)::int AS supervised
       FROM "case" WHERE status_kind IN ('open', 'suspended')`,
  );
  const { rows: [cohort] } = await db.query<{ registered: number; closed: number }>(
    `SELECT count(*)::int AS registered, count(*) FILTER (WHERE status = 'closed')::int AS closed
       FROM "case" WHERE registered_at >= $1 AND registered_at < $2`,
    [today.from, today.to],
  );
  return { overdue: stock?.overdue ?? 0, suspended: stock?.suspended ?? 0, supervised: stock?.supervised ?? 0, cohort };
}

/** On time as the evaluation judges it (deadline in force at the last hand-in), summed over the departments. */
async function closedOnTimeShare(deps: DashboardDeps, date: string): Promise<number | null> {
  const facts = await deps.db.transaction((sql) =>
    replayHistory(sql, periodOf('day', date), deps),
  );
  let closed = 0;
  let onTime = 0;
  for (const department of facts.department.values()) {
    closed += department.measures.get('closed')?.length ?? 0;
    onTime += department.measures.get('closedOnTime')?.length ?? 0;
  }
  return closed === 0 ? null : onTime / closed;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** The leaders' figures at `now`: today so far, the daily trend, and this month's department ranking. */
export async function dashboardAt(deps: DashboardDeps, now: Date): Promise<Dashboard> {
  const date = beijingDate(now);
  const trend = await dailySteps(deps.db, beijingDate(now, trendDays - 1), date);
  const stock = await caseStock(deps.db, periodOf('day', date));
  const onTimeRate = await closedOnTimeShare(deps, date);
  const month = await evaluate(deps, { subject: 'department', period: 'month', date });
  const definitions = deps.indicators.subjects.department;
  const columns = definitions.score.terms.flatMap(({ indicator }) => {
    const definition = definitions.indicators.find((candidate) => candidate.id === indicator);
    return definition ? [{ indicator, nameZh: definition.nameZh, nameEn: definition.nameEn }] : [];
  });
  const todaySteps = trend[trend.length - 1] ?? { date, reported: 0, registered: 0, dispatched: 0, closed: 0 };
  return {
    asOf: now.toISOString(),
    today: {
      ...todaySteps,
      closureRate: rate(stock.cohort?.closed ?? 0, stock.cohort?.registered ?? 0),
      onTimeRate,
      overdueNow: stock.overdue,
      suspendedNow: stock.suspended,
      supervisedNow: stock.supervised,
    },
    trend,
    ranking: { period: { from: month.period.from, to: month.period.to }, columns, rows: month.rows },
  };
}
