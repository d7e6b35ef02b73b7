import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UserTask } from '../../../core/ports/engine.ts';
import { openTestDatabase, type TestDatabase } from '../../../test/support/database.ts';
import { endUserTask, findUserTask, openTaskKeysMissingFrom, recordOpenTasks, reopenUserTask } from './user-task-mirror.ts';

const givenZeebeTask = (key: string, changes: Partial<UserTask> = {}) => ({
  task: {
    key,
    instanceKey: '2251799813685290',
    businessKey: 'C-2024-0001',
    processId: 'case-lifecycle',
    processVersion: 1,
    elementId: 'Task_Dispatch',
    name: '派遣',
    candidateGroups: ['dispatcher'],
    candidateUsers: [],
    assignee: null,
    dueAt: '2024-05-02T00:00:00.000Z',
    followUpAt: null,
    formId: 'dispatch',
    createdAt: '2024-05-01T00:00:00.000Z',
    ...changes,
  },
  elementInstanceKey: `${key}0`,
});

describe('the user_task mirror of Zeebe user tasks', () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase();
  });
  after(() => t.dispose());

  it('announces a task once, however many pollers see it', async () => {
    const first = await recordOpenTasks(t.db, [givenZeebeTask('100')]);
    const second = await recordOpenTasks(t.db, [givenZeebeTask('100')]);
    assert.deepEqual(first.map((task) => task.key), ['100']);
    assert.deepEqual(second, []);
    assert.deepEqual(await findUserTask(t.db, '100'), { ...givenZeebeTask('100').task, status: 'created' });
  });

  it('takes over an assignment made in Zeebe', async () => {
    await recordOpenTasks(t.db, [givenZeebeTask('101')]);
    await recordOpenTasks(t.db, [givenZeebeTask('101', { assignee: 'dispatcher1', candidateGroups: ['dispatcher', 'shift-leader'] })]);
    const task = await findUserTask(t.db, '101');
    assert.equal(task?.assignee, 'dispatcher1');
    assert.deepEqual(task?.candidateGroups, ['dispatcher', 'shift-leader']);
  });

  it('ends a task once and does not reopen it when a lagging search still lists it', async () => {
    await recordOpenTasks(t.db, [givenZeebeTask('102')]);
    assert.equal((await endUserTask(t.db, '102', 'completed', 'dispatcher1'))?.key, '102');
    assert.equal(await endUserTask(t.db, '102', 'completed', 'dispatcher2'), null);
    assert.deepEqual(await recordOpenTasks(t.db, [givenZeebeTask('102', { assignee: 'someone' })]), []);
    const task = await findUserTask(t.db, '102');
    assert.equal(task?.status, 'completed');
    assert.equal(task?.assignee, null);
  });

  it('lists the open tasks Zeebe no longer reports', async () => {
    await recordOpenTasks(t.db, [givenZeebeTask('103'), givenZeebeTask('104')]);
    const missing = await openTaskKeysMissingFrom(t.db, new Set(['100', '101', '104']));
    assert.deepEqual(missing.sort(), ['103']);
  });

  it('reopens a completion Zeebe refused, so it can be completed again', async () => {
    await recordOpenTasks(t.db, [givenZeebeTask('105')]);
    await endUserTask(t.db, '105', 'completed', 'dispatcher1');
    await reopenUserTask(t.db, '105');
    assert.equal((await findUserTask(t.db, '105'))?.status, 'created');
    assert.equal((await endUserTask(t.db, '105', 'completed', 'dispatcher1'))?.key, '105');
  });

  it('does not reopen a task that was cancelled', async () => {
    await recordOpenTasks(t.db, [givenZeebeTask('106')]);
    await endUserTask(t.db, '106', 'canceled', null);
    await reopenUserTask(t.db, '106');
    assert.equal((await findUserTask(t.db, '106'))?.status, 'canceled');
  });
});
