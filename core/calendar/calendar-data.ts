/**
 * The shapes of the calendar data files in standards/calendars/ (their JSON Schemas are beside them):
 * working-hours.json and one holidays/YYYY.json per year.
 */

export interface WorkingPeriodData {
  /** HH:MM Beijing time. */
  from: string;
  /** HH:MM, exclusive; 24:00 is the end of the day. */
  to: string;
}

export interface WorkingHoursData {
  timeZone: 'Asia/Shanghai';
  periods: WorkingPeriodData[];
  hoursPerWorkingDay: number;
}

export interface HolidayData {
  nameZh: string;
  nameEn: string;
  /** First and last day off, inclusive (YYYY-MM-DD). */
  daysOff: { from: string; to: string };
  /** Weekend days worked instead (调休上班). */
  makeUpWorkingDays: string[];
}

export interface HolidayYearData {
  year: number;
  source: {
    issuer: string;
    title: string;
    documentNumber?: string;
    publishedOn: string;
    reportedBy?: string;
    url?: string;
  };
  holidays: HolidayData[];
}

export interface CalendarData {
  workingHours: WorkingHoursData;
  holidayYears: HolidayYearData[];
}
