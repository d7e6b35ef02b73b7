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

  it('waits for 08:00 Beijing and skips days off', async () => {
    now = new Date('2026-11-29T01:00:00Z'); // Sunday 09:00 Beijing
    assert.equal(await runReportSchedule(options), null);
    now = new Date('2026-11-29T23:59:00Z'); // Monday 30 November 07:59 Beijing
    assert.equal(await runReportSchedule(options), null);
    assert.equal(await archived(), 0);
  });

  it('after a restart past the morning, generates the report once even with two processes running', async () => {
    now = new Date('2026-11-30T03:00:00Z'); // Monday 11:00: the server was stopped over 08:00
    const generated: ArchivedReport[] = [];
    const onGenerated = (report: ArchivedReport) => generated.push(report);
    const stopFirst = startReportSchedule({ ...options, onGenerated });
    const stopSecond = startReportSchedule({ ...options, onGenerated });
    await stopFirst();
    await stopSecond();
    assert.equal(generated.length, 1);
    assert.deepEqual([generated[0]?.date, generated[0]?.generatedBy, generated[0]?.period.from], ['2026-11-30', null, '2026-11-28T16:00:00.000Z']);
    // Restarted again the same day: nothing new.
    const stopThird = startReportSchedule({ ...options, onGenerated });
    await stopThird();
    assert.equal(generated.length, 1);
    assert.equal(await archived(), 1);
  });
});
