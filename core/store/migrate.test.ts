import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrate } from './migrate.ts';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts';

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
    await t.db.query(`INSERT INTO case_event (case_id, action) VALUES ('c1', 'report')`);
    await assert.rejects(t.db.query(`UPDATE case_event SET action = 'x'`), /append-only/);
    await assert.rejects(t.db.query(`DELETE FROM case_event`), /append-only/);
    const { rows } = await t.db.query<{ action: string }>('SELECT action FROM case_event');
    assert.deepEqual(rows.map((r) => r.action), ['report']);
  });

  it('rolls a failed transaction back completely', async () => {
    await assert.rejects(
      t.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO case_event (case_id, action) VALUES ('c2', 'report')`);
        throw new Error('crash between two writes');
      }),
      /crash/,
    );
    const { rows } = await t.db.query(`SELECT 1 FROM case_event WHERE case_id = 'c2'`);
    assert.equal(rows.length, 0);
  });
});
