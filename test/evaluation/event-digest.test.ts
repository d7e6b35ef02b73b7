import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { evaluate, type Evaluation } from '../../core/evaluation/evaluate.ts';
import { loadIndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import { loadMigrations, migrate } from '../../core/store/migrate.ts';
import { caseDeps } from '../lifecycle/builders.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { givenEvaluationHistory, waterDepartment } from './fixture.ts';

const week = { period: 'week', date: '2026-11-25' } as const;
const digestVersion = 21;

/** The evaluation replays case_event_digest (migration 0021), which a trigger derives from the history. */
describe('the history digest behind the evaluation', () => {
  const opened: TestDatabase[] = [];
  after(() => Promise.all(opened.map((t) => t.dispose())));

  const departmentsOf = async (t: TestDatabase): Promise<Evaluation['rows']> =>
    (await evaluate({ db: t.db, calendar: caseDeps().calendar, indicators: loadIndicatorSet() }, { subject: 'department', ...week })).rows;

  it('scores a city that upgrades with its history the same as one whose history was written after the upgrade', async () => {
    const current = await openTestDatabase();
    const upgraded = await openTestDatabase({ migrate: false });
    opened.push(current, upgraded);
    const migrations = await loadMigrations();
    await migrate(upgraded.db, migrations.filter((m) => m.version < digestVersion));
    await givenEvaluationHistory(current.db);
    await givenEvaluationHistory(upgraded.db);

    await migrate(upgraded.db, migrations);

    const expected = await departmentsOf(current);
    assert.ok(expected.find((row) => row.id === waterDepartment)?.indicators.handled, 'the fixture week has handled cases');
    assert.deepEqual(await departmentsOf(upgraded), expected);
  });

  it('counts history rows added together in one statement, as an import does, in their order', async () => {
    const t = await openTestDatabase();
    opened.push(t);
    const ids = await givenEvaluationHistory(t.db);
    const before = await departmentsOf(t);
    const caseId = ids.H!;
    // H was never handed in; an import brings its hand-in and a second, later one in one statement.
    await t.db.query(
      `INSERT INTO case_event (case_id, at, actor_role, action, data)
       VALUES ($1, '2026-11-26T14:00:00+08:00', 'department', 'feedback', '{}'), ($1, '2026-11-26T14:30:00+08:00', 'department', 'comment', '{}')`,
      [caseId],
    );
    const water = (rows: Evaluation['rows']) => rows.find((row) => row.id === waterDepartment)!.indicators;
    assert.equal(water(await departmentsOf(t)).handled, Number(water(before).handled) + 1);
    assert.equal(water(await departmentsOf(t)).overduePending, Number(water(before).overduePending) - 1);
  });
});
