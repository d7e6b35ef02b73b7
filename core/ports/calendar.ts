/**
 * The working-time calendar port: deadlines (处置时限) written as 工作时 / 工作日 count only working periods on
 * working days (public holidays off, make-up working days on); 小时 / 分钟 run as a continuous clock (urgent cases).
 * All times are instants (Date); the calendar reads them in Beijing time.
 */

/** `working-hour` 工作时 and `working-day` 工作日 count working time; `hour` and `minute` count continuous time. */
export type TimeLimitUnit = 'working-hour' | 'working-day' | 'hour' | 'minute';

export interface TimeLimit {
  readonly amount: number;
  readonly unit: TimeLimitUnit;
}

/** A span during which the case's clock stops (a 挂账 suspension), `from` inclusive, `to` exclusive. */
export interface TimeInterval {
  readonly from: Date;
  readonly to: Date;
}

export interface ClockOptions {
  /** Intervals that do not count at all, in any order, overlapping allowed. */
  readonly excluded?: readonly TimeInterval[];
}

export interface Deadline {
  readonly due: Date;
  /** True when the count reached a year without holiday data and treated it as weekends-only. */
  readonly approximate: boolean;
}

export interface MeasuredTime {
  /** Milliseconds as the clock counts them (working time, or continuous time for `hour`/`minute`). */
  readonly milliseconds: number;
  /** True when the measured span used a day of a year without holiday data. */
  readonly approximate: boolean;
}

export interface WorkingCalendar {
  /**
   * The instant the limit is used up when the clock starts at `start`. A 工作时/工作日 limit ends exactly when its
   * working time is reached, so 4 工作时 from 08:00 is due at 12:00 (not 14:00). `limit` may be text such as
   * "4 工作时" (see parseTimeLimit).
   */
  addWorkingTime(start: Date, limit: TimeLimit | string, options?: ClockOptions): Deadline;
  /** Working time in [from, to); zero when `to` is not after `from` (never negative). */
  workingTimeBetween(from: Date, to: Date, options?: ClockOptions): MeasuredTime;
  /**
   * Time left until `due` as a limit of `unit` counts it: working time for 工作时/工作日, continuous time for
   * 小时/分钟. Negative once overdue: then it is minus the time counted from `due` to `now`.
   */
  remainingTime(due: Date, now: Date, unit: TimeLimitUnit, options?: ClockOptions): MeasuredTime;
}
