import { Invalid } from '../errors.ts';
import type { ClockOptions, MeasuredTime, TimeLimitUnit, WorkingCalendar } from '../ports/calendar.ts';
import type { CalendarData } from './calendar-data.ts';
import { clockTimeMs, dayOfIsoDate, fromLocalMs, isWeekend, toLocalMs } from './shanghai-time.ts';
import { checkTimeLimit, checkUnit, isContinuous, limitMilliseconds, parseTimeLimit } from './time-limit.ts';
import { addTime, CONTINUOUS_SCHEDULE, exclusionSpans, measureTime, type Schedule, type Span } from './working-time.ts';

/** Builds the calendar from already validated data (see load-calendar.ts); pure, no I/O. */
export function createWorkingCalendar(data: CalendarData): WorkingCalendar {
  const working = workingSchedule(data);
  const scheduleFor = (unit: TimeLimitUnit) => (isContinuous(unit) ? CONTINUOUS_SCHEDULE : working);

  return {
    addWorkingTime(start, limit, options: ClockOptions = {}) {
      const checked = typeof limit === 'string' ? parseTimeLimit(limit) : checkTimeLimit(limit);
      const amount = limitMilliseconds(checked, data.workingHours.hoursPerWorkingDay);
      const { due, approximate } = addTime(scheduleFor(checked.unit), local(start, 'start'), amount, exclusionSpans(options.excluded));
      return { due: fromLocalMs(due), approximate };
    },

    workingTimeBetween(from, to, options: ClockOptions = {}) {
      return measureTime(working, local(from, 'from'), local(to, 'to'), exclusionSpans(options.excluded));
    },

    remainingTime(due, now, unit, options: ClockOptions = {}): MeasuredTime {
      const schedule = scheduleFor(checkUnit(unit));
      const dueAt = local(due, 'due');
      const nowAt = local(now, 'now');
      const exclusions = exclusionSpans(options.excluded);
      if (nowAt <= dueAt) return measureTime(schedule, nowAt, dueAt, exclusions);
      const overdue = measureTime(schedule, dueAt, nowAt, exclusions);
      // Past the due instant but with nothing counted since (e.g. a holiday): report 0, not -0.
      return { milliseconds: overdue.milliseconds === 0 ? 0 : -overdue.milliseconds, approximate: overdue.approximate };
    },
  };
}

function local(instant: Date, field: string): number {
  const value = instant instanceof Date ? toLocalMs(instant) : NaN;
  if (Number.isNaN(value)) throw new Invalid(`${field}: not a valid date`, { field });
  return value;
}

function workingSchedule(data: CalendarData): Schedule {
  const dayOverrides = new Map<number, boolean>();
  const knownYears: Span[] = [];
  for (const { year, holidays } of data.holidayYears) {
    knownYears.push({ from: dayOfIsoDate(`${year}-01-01`), to: dayOfIsoDate(`${year + 1}-01-01`) });
    for (const holiday of holidays) {
      const lastOff = dayOfIsoDate(holiday.daysOff.to);
      for (let day = dayOfIsoDate(holiday.daysOff.from); day <= lastOff; day++) dayOverrides.set(day, false);
      for (const date of holiday.makeUpWorkingDays) dayOverrides.set(dayOfIsoDate(date), true);
    }
  }
  return {
    periods: data.workingHours.periods.map((period) => ({ from: clockTimeMs(period.from), to: clockTimeMs(period.to) })),
    isWorkingDay: (day) => dayOverrides.get(day) ?? !isWeekend(day),
    isKnownDay: (day) => knownYears.some((known) => day >= known.from && day < known.to),
  };
}
