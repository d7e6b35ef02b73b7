import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrate } from './migrate.ts';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { givenReportedCase } from '../../test/lifecycle/builders.ts';

describe('migrations', () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase({ migrate: false });
  });
  after(() => t.dispose());

  it('applies every migration once and records it', async () => {
    const first = await migrate(t.db);
    assert.ok(first.includes('0001_foundation'));
    const second = await migrate(t.db);
    assert.deepEqual(second, [], 'a second run applies nothing');
    const { rows } = await t.db.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY version');
    assert.deepEqual(rows.map((r) => r.name), first);
  });

  it('is idempotent after a restart', async () => {
    await t.db.close();
    const db = await t.reopen();
    assert.deepEqual(await migrate(db), []);
    t.db = db;
  });

  it('keeps the case history append-only', async () => {
    const reported = await givenReportedCase(t.db, new Date());
    const before = await t.db.query('SELECT id, action FROM case_event WHERE case_id = $1', [reported.id]);
    assert.ok(before.rows.length > 0);
    await assert.rejects(t.db.query(`UPDATE case_event SET action = 'x'`), /append-only/);
    await assert.rejects(t.db.query(`DELETE FROM case_event`), /append-only/);
    await assert.rejects(t.db.query(`TRUNCATE case_event CASCADE`), /append-only/);
    const after = await t.db.query('SELECT id, action FROM case_event WHERE case_id = $1', [reported.id]);
    assert.deepEqual(after.rows, before.rows);
  });

  it('rolls a failed transaction back completely', async () => {
    const reported = await givenReportedCase(t.db, new Date());
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await tx.query(`UPDATE "case" SET description = 'changed' WHERE id = $1`, [reported.id]);
        await tx.query(`INSERT INTO case_event (case_id, action) VALUES ($1, 'crash-test')`, [reported.id]);
        throw new Error('crash between two writes');
      }),
      /crash/,
    );
    const events = await t.db.query(`SELECT 1 FROM case_event WHERE action = 'crash-test'`);
    assert.equal(events.rows.length, 0);
    const { rows } = await t.db.query<{ description: string }>('SELECT description FROM "case" WHERE id = $1', [reported.id]);
    assert.equal(rows[0]?.description, reported.description);
  });
});
