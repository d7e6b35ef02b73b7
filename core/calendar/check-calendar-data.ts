import { StandardsDataError } from '../../standards/validated-json.ts';
import type { HolidayYearData, WorkingHoursData } from './calendar-data.ts';
import { clockTimeMs, dayOfIsoDate, isoDateOfDay, isWeekend } from './shanghai-time.ts';

/*
 * Rules a JSON Schema cannot say, checked after the schema passed. Each failure names the file, the JSON path
 * and the rule, like the schema's own errors.
 */

export function checkWorkingHours(data: WorkingHoursData, file: string): void {
  let previousEnd = -1;
  data.periods.forEach((period, index) => {
    const from = clockTimeMs(period.from);
    const to = clockTimeMs(period.to);
    if (from >= to) {
      throw new StandardsDataError(file, `/periods/${index}`, 'period-order', `${period.from} is not before ${period.to}`);
    }
    if (from < previousEnd) {
      throw new StandardsDataError(file, `/periods/${index}`, 'periods-in-order', `${period.from} overlaps or precedes the period before it`);
    }
    previousEnd = to;
  });
}

/** `fileYear` is the year in the file's name (holidays/2026.json → 2026). */
export function checkHolidayYear(data: HolidayYearData, file: string, fileYear: number): void {
  if (data.year !== fileYear) {
    throw new StandardsDataError(file, '/year', 'year-matches-file-name', `year ${data.year} is in a file named for ${fileYear}`);
  }
  const listed = new Map<string, string>();
  const list = (date: string, jsonPath: string) => {
    if (!date.startsWith(`${data.year}-`)) {
      throw new StandardsDataError(file, jsonPath, 'date-in-year', `${date} is not in ${data.year}`);
    }
    const earlier = listed.get(date);
    if (earlier !== undefined) {
      throw new StandardsDataError(file, jsonPath, 'day-listed-once', `${date} is already listed at ${earlier}; a day appears once, either off or working`);
    }
    listed.set(date, jsonPath);
  };

  data.holidays.forEach((holiday, index) => {
    const at = `/holidays/${index}`;
    const first = dayOfIsoDate(holiday.daysOff.from);
    const last = dayOfIsoDate(holiday.daysOff.to);
    if (first > last) {
      throw new StandardsDataError(file, `${at}/daysOff`, 'days-off-order', `${holiday.daysOff.from} is after ${holiday.daysOff.to}`);
    }
    for (let day = first; day <= last; day++) {
      list(isoDateOfDay(day), day === first ? `${at}/daysOff/from` : day === last ? `${at}/daysOff/to` : `${at}/daysOff`);
    }
    holiday.makeUpWorkingDays.forEach((date, dayIndex) => {
      const jsonPath = `${at}/makeUpWorkingDays/${dayIndex}`;
      list(date, jsonPath);
      if (!isWeekend(dayOfIsoDate(date))) {
        throw new StandardsDataError(file, jsonPath, 'make-up-day-on-weekend', `${date} is a weekday, so working it changes nothing`);
      }
    });
  });
}
