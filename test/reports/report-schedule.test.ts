import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../core/ports/database.ts';
import { loadIndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import { runReportSchedule, startReportSchedule, type ReportScheduleOptions } from '../../core/reports/report-schedule.ts';
import type { ArchivedReport } from '../../core/reports/report-archive.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { caseDeps } from '../lifecycle/builders.ts';
import { givenEvaluationHistory } from '../evaluation/fixture.ts';

describe('the morning report schedule', () => {
  let t: TestDatabase;
  let db: Database;
  let now = new Date();
  let options: ReportScheduleOptions;
  const archived = async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM report WHERE kind = 'morning'")).rows[0]?.n;
  before(async () => {
    t = await openTestDatabase();
    db = t.db;
    await givenEvaluationHistory(db);
    options = { db, calendar: caseDeps().calendar, indicators: loadIndicatorSet(), clock: { now: () => now }, intervalMs: 3_600_000 };
  });
  after(() => t.dispose());

  const kindsAndPeriods = (reports: ArchivedReport[]) => reports.map((r) => [r.kind, r.period.from]);

  it('waits for 08:00 Beijing and skips days off for the morning report, and makes up last week and month at once', async () => {
    now = new Date('2026-11-29T01:00:00Z'); // Sunday 09:00 Beijing: no morning report on a day off
    assert.deepEqual(kindsAndPeriods(await runReportSchedule(options)), [
      ['weekly', '2026-11-15T16:00:00.000Z'], // the week of Monday 16 November
      ['monthly', '2026-09-30T16:00:00.000Z'], // October
    ]);
    now = new Date('2026-11-29T23:59:00Z'); // Monday 30 November 07:59 Beijing: no working time yet this week
    assert.deepEqual(await runReportSchedule(options), []);
    assert.equal(await archived(), 0);
  });

  it('after a restart past the morning, generates the reports once even with two processes running', async () => {
    now = new Date('2026-11-30T03:00:00Z'); // Monday 11:00: the server was stopped over 08:00
    const generated: ArchivedReport[] = [];
    const onGenerated = (report: ArchivedReport) => generated.push(report);
    const stopFirst = startReportSchedule({ ...options, onGenerated });
    const stopSecond = startReportSchedule({ ...options, onGenerated });
    await stopFirst();
    await stopSecond();
    // Either process may archive either report, and their rounds end in any order.
    const byKind = [...generated].sort((a, b) => a.kind.localeCompare(b.kind));
    assert.deepEqual(kindsAndPeriods(byKind), [['morning', '2026-11-28T16:00:00.000Z'], ['weekly', '2026-11-22T16:00:00.000Z']]);
    assert.deepEqual([byKind[0]?.date, byKind[0]?.generatedBy], ['2026-11-30', null]);
    // Restarted again the same day: nothing new.
    const stopThird = startReportSchedule({ ...options, onGenerated });
    await stopThird();
    assert.equal(generated.length, 2);
    assert.equal(await archived(), 1);
  });

  it('holds the monthly report of a month that starts with a holiday until its first working morning', async () => {
    now = new Date('2026-10-03T02:00:00Z'); // Saturday 3 October 10:00, inside the National Day holiday
    // This week had working days before the holiday (28–30 September), so last week's report is due; September's is not.
    assert.deepEqual(kindsAndPeriods(await runReportSchedule(options)), [['weekly', '2026-09-20T16:00:00.000Z']]);
    now = new Date('2026-10-08T00:30:00Z'); // Thursday 8 October 08:30, the first working morning
    assert.deepEqual(kindsAndPeriods(await runReportSchedule(options)), [
      ['morning', '2026-10-06T16:00:00.000Z'],
      ['weekly', '2026-09-27T16:00:00.000Z'],
      ['monthly', '2026-08-31T16:00:00.000Z'],
    ]);
  });
});
