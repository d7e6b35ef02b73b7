import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { StandardsDataError } from '../../standards/validated-json.ts';
import type { HolidayYearData, WorkingHoursData } from './calendar-data.ts';
import { at } from './holiday-blocks.fixture.ts';
import { loadCalendarData, loadWorkingCalendar } from './load-calendar.ts';
import { formatShanghai } from './shanghai-time.ts';

const standardsDir = path.resolve(import.meta.dirname, '../../standards/calendars');
const published = (year: number) => JSON.parse(readFileSync(path.join(standardsDir, 'holidays', `${year}.json`), 'utf8')) as HolidayYearData;
const defaultWorkingHours = JSON.parse(readFileSync(path.join(standardsDir, 'working-hours.json'), 'utf8')) as WorkingHoursData;

const temporary: string[] = [];
after(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A holidays folder holding exactly these files (objects are written as JSON, strings as they are). */
function holidaysDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'citycase-holidays-'));
  temporary.push(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

function workingHoursFile(content: unknown): string {
  return path.join(holidaysDir({ 'working-hours.json': content }), 'working-hours.json');
}

function rejects(load: () => unknown, expected: { file: string; jsonPath: string; rule: string }): void {
  assert.throws(load, (error: unknown) => {
    assert.ok(error instanceof StandardsDataError, String(error));
    assert.equal(path.basename(error.file), expected.file);
    assert.equal(error.jsonPath, expected.jsonPath);
    assert.equal(error.rule, expected.rule);
    return true;
  });
}

/** 2026 with one change to its Spring Festival entry. */
function with2026SpringFestival(change: Partial<HolidayYearData['holidays'][number]>): HolidayYearData {
  const year = published(2026);
  year.holidays = year.holidays.map((holiday) => (holiday.nameZh === '春节' ? { ...holiday, ...change } : holiday));
  return year;
}

describe('the published calendar data', () => {
  it('loads 2025 and 2026 with names and sources', () => {
    const data = loadCalendarData();
    assert.deepEqual(data.holidayYears.map((year) => year.year), [2025, 2026]);
    assert.equal(data.holidayYears[0]?.source.documentNumber, '国办发明电〔2024〕12号');
    assert.deepEqual(data.holidayYears[1]?.holidays.map((holiday) => holiday.nameZh), ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    assert.deepEqual(data.workingHours.periods, [{ from: '08:00', to: '12:00' }, { from: '14:00', to: '18:00' }]);
  });
});

describe('adding a year is adding a file', () => {
  it('makes a deadline in that year exact', () => {
    const dir = holidaysDir({
      '2026.json': published(2026),
      '2027.json': {
        year: 2027,
        source: { issuer: '国务院办公厅', title: 'test notice', publishedOn: '2026-11-01' },
        holidays: [{ nameZh: '元旦', nameEn: "New Year's Day", daysOff: { from: '2027-01-01', to: '2027-01-03' }, makeUpWorkingDays: [] }],
      },
    });
    const result = loadWorkingCalendar({ holidaysDir: dir }).addWorkingTime(at('2026-12-31T17:00'), '2 工作时');
    assert.equal(formatShanghai(result.due), '2027-01-04T09:00:00+08:00');
    assert.equal(result.approximate, false);
  });
});

describe('a city’s own working hours', () => {
  it('moves deadlines to its periods and its length of a 工作日', () => {
    const file = workingHoursFile({ ...defaultWorkingHours, periods: [{ from: '08:30', to: '12:00' }, { from: '13:30', to: '17:30' }], hoursPerWorkingDay: 7.5 });
    const calendar = loadWorkingCalendar({ workingHoursFile: file });
    assert.equal(formatShanghai(calendar.addWorkingTime(at('2026-03-02T11:00'), '2 工作时').due), '2026-03-02T14:30:00+08:00');
    assert.equal(formatShanghai(calendar.addWorkingTime(at('2026-03-02T08:30'), '1 工作日').due), '2026-03-02T17:30:00+08:00');
  });

  it('rejects periods out of order, overlapping, or ending before they start', () => {
    rejects(() => loadCalendarData({ workingHoursFile: workingHoursFile({ ...defaultWorkingHours, periods: [{ from: '14:00', to: '12:00' }] }) }), {
      file: 'working-hours.json',
      jsonPath: '/periods/0',
      rule: 'period-order',
    });
    rejects(() => loadCalendarData({ workingHoursFile: workingHoursFile({ ...defaultWorkingHours, periods: [{ from: '08:00', to: '12:00' }, { from: '11:00', to: '18:00' }] }) }), {
      file: 'working-hours.json',
      jsonPath: '/periods/1',
      rule: 'periods-in-order',
    });
  });

  it('rejects another time zone and a malformed time through the schema', () => {
    rejects(() => loadCalendarData({ workingHoursFile: workingHoursFile({ ...defaultWorkingHours, timeZone: 'Europe/Paris' }) }), {
      file: 'working-hours.json',
      jsonPath: '/timeZone',
      rule: 'const',
    });
    rejects(() => loadCalendarData({ workingHoursFile: workingHoursFile({ ...defaultWorkingHours, periods: [{ from: '8:00', to: '12:00' }] }) }), {
      file: 'working-hours.json',
      jsonPath: '/periods/0/from',
      rule: 'pattern',
    });
  });
});

describe('a holiday year file that breaks a rule', () => {
  it('is rejected when its year is not the one in its name', () => {
    rejects(() => loadCalendarData({ holidaysDir: holidaysDir({ '2027.json': published(2026) }) }), { file: '2027.json', jsonPath: '/year', rule: 'year-matches-file-name' });
  });

  it('is rejected when it is not named YYYY.json', () => {
    rejects(() => loadCalendarData({ holidaysDir: holidaysDir({ '2026-draft.json': published(2026) }) }), { file: '2026-draft.json', jsonPath: '', rule: 'file-name' });
  });

  it('is rejected when a date lies in another year', () => {
    const year = with2026SpringFestival({ makeUpWorkingDays: ['2026-02-14', '2027-02-27'] });
    rejects(() => loadCalendarData({ holidaysDir: holidaysDir({ '2026.json': year }) }), { file: '2026.json', jsonPath: '/holidays/1/makeUpWorkingDays/1', rule: 'date-in-year' });
    const spilling = with2026SpringFestival({ daysOff: { from: '2026-12-30', to: '2027-01-01' } });
    rejects(() => loadCalendarData({ holidaysDir: holidaysDir({ '2026.json': spilling }) }), { file: '2026.json', jsonPath: '/holidays/1/daysOff/to', rule: 'date-in-year' });
  });

  it('is rejected when a day is both off and working', () => {
    const year = with2026SpringFestival({ makeUpWorkingDays: ['2026-02-15'] });
    rejects(() => loadCalendarData({ holidaysDir: holidaysDir({ '2026.json': year }) }), { file: '2026.json', jsonPath: '/holidays/1/makeUpWorkingDays/0', rule: 'day-listed-once' });
  });

  it('is rejected when two holidays share a day off', () => {
    const overlapping = with2026SpringFestival({ daysOff: { from: '2026-01-03', to: '2026-01-05' } });
    rejects(() => loadCalendarData({ holidaysDir: holidaysDir({ '2026.json': overlapping }) }), { file: '2026.json', jsonPath: '/holidays/1/daysOff/from', rule: 'day-listed-once' });
  });

  it('is rejected when a make-up working day is a weekday', () => {
    const year = with2026SpringFestival({ makeUpWorkingDays: ['2026-02-13'] });
    rejects(() => loadCalendarData({ holidaysDir: holidaysDir({ '2026.json': year }) }), { file: '2026.json', jsonPath: '/holidays/1/makeUpWorkingDays/0', rule: 'make-up-day-on-weekend' });
  });

  it('is rejected when its days off end before they start', () => {
    const year = with2026SpringFestival({ daysOff: { from: '2026-02-23', to: '2026-02-15' } });
    rejects(() => loadCalendarData({ holidaysDir: holidaysDir({ '2026.json': year }) }), { file: '2026.json', jsonPath: '/holidays/1/daysOff', rule: 'days-off-order' });
  });

  it('is rejected by the schema for an impossible date, an unknown field, or broken JSON', () => {
    const impossible = with2026SpringFestival({ makeUpWorkingDays: ['2026-02-30'] });
    rejects(() => loadCalendarData({ holidaysDir: holidaysDir({ '2026.json': impossible }) }), { file: '2026.json', jsonPath: '/holidays/1/makeUpWorkingDays/0', rule: 'format' });
    const unknown = { ...published(2026), region: 'CN' };
    rejects(() => loadCalendarData({ holidaysDir: holidaysDir({ '2026.json': unknown }) }), { file: '2026.json', jsonPath: '/region', rule: 'additionalProperties' });
    rejects(() => loadCalendarData({ holidaysDir: holidaysDir({ '2026.json': '{ "year": 2026,' }) }), { file: '2026.json', jsonPath: '', rule: 'json' });
  });
});
