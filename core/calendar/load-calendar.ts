import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayPath, readValidatedJson, StandardsDataError } from '../../standards/validated-json.ts';
import type { WorkingCalendar } from '../ports/calendar.ts';
import type { CalendarData, HolidayYearData, WorkingHoursData } from './calendar-data.ts';
import { checkHolidayYear, checkWorkingHours } from './check-calendar-data.ts';
import { createWorkingCalendar } from './working-calendar.ts';

const CALENDARS_DIR = fileURLToPath(new URL('../../standards/calendars/', import.meta.url));
const SCHEMA_DIR = path.join(CALENDARS_DIR, 'schema');
const YEAR_FILE = /^(\d{4})\.json$/;

export interface CalendarFiles {
  /** A folder of YYYY.json files; standards/calendars/holidays by default. */
  holidaysDir?: string;
  /** A city's own working hours; standards/calendars/working-hours.json by default. */
  workingHoursFile?: string;
}

/** The only I/O of the calendar: reads and checks the data files; throws StandardsDataError naming file, path and rule. */
export function loadCalendarData(files: CalendarFiles = {}): CalendarData {
  const workingHoursFile = files.workingHoursFile ?? path.join(CALENDARS_DIR, 'working-hours.json');
  const holidaysDir = files.holidaysDir ?? path.join(CALENDARS_DIR, 'holidays');

  const workingHours = readValidatedJson<WorkingHoursData>(workingHoursFile, path.join(SCHEMA_DIR, 'working-hours.schema.json'));
  checkWorkingHours(workingHours, displayPath(workingHoursFile));

  const holidayYears = readdirSync(holidaysDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join(holidaysDir, name);
      const year = YEAR_FILE.exec(name)?.[1];
      if (year === undefined) throw new StandardsDataError(displayPath(file), '', 'file-name', 'a holiday year file is named YYYY.json');
      const data = readValidatedJson<HolidayYearData>(file, path.join(SCHEMA_DIR, 'holiday-year.schema.json'));
      checkHolidayYear(data, displayPath(file), Number(year));
      return data;
    });
  return { workingHours, holidayYears };
}

export function loadWorkingCalendar(files: CalendarFiles = {}): WorkingCalendar {
  return createWorkingCalendar(loadCalendarData(files));
}
