import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../core/ports/database.ts';
import type { Notifier, OutboxNotice } from '../../core/ports/notifier.ts';
import { deliverDueNotices, pendingNotices } from '../../core/case/notice-outbox.ts';
import { superviseCase } from '../../core/case/actions/supervise.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { actors, givenHandlingCase, manualClock, mondayNine } from './builders.ts';

/** A notifier adapter whose channel is down until `up` is set. */
function flakyNotifier() {
  const delivered: OutboxNotice[] = [];
  const notifier: Notifier & { up: boolean } = {
    up: false,
    async deliver(notice) {
      if (!this.up) throw new Error('webhook answered 503');
      delivered.push(notice);
    },
  };
  return { notifier, delivered };
}

describe('notice outbox', () => {
  let t: TestDatabase;
  let db: Database;
  const clock = manualClock(mondayNine);
  before(async () => {
    t = await openTestDatabase();
    db = t.db;
  });
  after(() => t.dispose());

  it('keeps a notice until the channel takes it, retrying with backoff', async () => {
    const handling = await givenHandlingCase(db, clock.now());
    await db.transaction((sql) => superviseCase(sql, { caseId: handling.id, actor: actors.shiftLeader, at: clock.now(), comment: '请加快处置' }));
    const { notifier, delivered } = flakyNotifier();

    assert.equal(await deliverDueNotices(db, notifier, clock), 0);
    const [waiting] = await pendingNotices(db, { caseId: handling.id });
    assert.equal(waiting?.attempts, 1);

    notifier.up = true;
    assert.equal(await deliverDueNotices(db, notifier, clock), 0, 'not retried before its backoff');
    clock.advance(60_000);
    assert.equal(await deliverDueNotices(db, notifier, clock), 1);
    assert.deepEqual(delivered.map((n) => [n.kind, n.recipient.role, n.payload.comment]), [['supervise', 'department-head', '请加快处置']]);
    assert.deepEqual(await pendingNotices(db, { caseId: handling.id }), []);
  });

  it('writes no notice when the case change rolls back', async () => {
    const handling = await givenHandlingCase(db, clock.now());
    await assert.rejects(
      db.transaction(async (sql) => {
        await superviseCase(sql, { caseId: handling.id, actor: actors.shiftLeader, at: clock.now() });
        throw new Error('crash after the case write');
      }),
    );
    assert.deepEqual(await pendingNotices(db, { caseId: handling.id }), []);
    assert.equal((await db.query('SELECT 1 FROM case_event WHERE case_id = $1 AND action = $2', [handling.id, 'supervise'])).rows.length, 0);
  });
});
