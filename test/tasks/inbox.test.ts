import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../../core/identity/roles.ts';
import type { Database } from '../../core/ports/database.ts';
import { claimTask, listInbox, unclaimTask } from '../../core/tasks/inbox.ts';
import { givenHandlingCase, givenReportedCase, hour, mondayNine, roadsDepartment, waterDepartment } from '../lifecycle/builders.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * The inbox query on its own: open tasks as both engine adapters write them (user_task rows), read back for each
 * kind of caller. The offer table behind it is kept by a trigger, so these rows are all the test writes.
 */

const now = new Date(Date.parse(mondayNine) + 2 * hour);

function user(username: string, roles: Principal['roles'], extra: Partial<Principal> = {}): Principal {
  return { kind: 'user', id: 1000 + username.length, username, displayName: username, roles, departmentId: null, gridCodes: [], ...extra };
}

const water = user('water-1', ['department'], { departmentId: waterDepartment });
const waterHead = user('water-head', ['department-head'], { departmentId: waterDepartment });
const roads = user('roads-1', ['department'], { departmentId: roadsDepartment });
const collectorNorth = user('collector-north', ['collector'], { gridCodes: ['RG-NORTH'] });
const dispatcher = user('dispatcher-1', ['dispatcher']);

let taskKey = 9_000_000;
async function givenTask(
  db: Database,
  caseId: string,
  task: { element?: string; groups?: string[]; users?: string[]; assignee?: string; dueInHours?: number | null; form?: string; createdMinutesAgo?: number },
): Promise<string> {
  taskKey += 1;
  const dueAt = task.dueInHours === null || task.dueInHours === undefined ? null : new Date(now.getTime() + task.dueInHours * hour);
  await db.query(
    `INSERT INTO user_task (task_key, instance_key, execution_id, business_key, process_id, process_version, element_id, name,
                            candidate_groups, candidate_users, assignee, due_at, form_id, created_at)
     VALUES ($1, $1, 'exec', $2, 'case-lifecycle', 1, $3, $3, $4, $5, $6, $7, $8, $9)`,
    [taskKey, caseId, task.element ?? 'Task_Handle', JSON.stringify(task.groups ?? []), JSON.stringify(task.users ?? []),
      task.assignee ?? null, dueAt, task.form ?? 'handle', new Date(now.getTime() - (task.createdMinutesAgo ?? 0) * 60_000)],
  );
  return String(taskKey);
}

describe('the inbox', () => {
  let t: TestDatabase;
  let db: Database;
  const keys: Record<string, string> = {};

  before(async () => {
    t = await openTestDatabase();
    db = t.db;
    const at = new Date(mondayNine);
    const waterCases = [];
    for (let i = 0; i < 4; i += 1) waterCases.push(await givenHandlingCase(db, at));
    const roadsCase = await givenHandlingCase(db, at);
    await db.query(`UPDATE "case" SET department_id = $2 WHERE id = $1`, [roadsCase.id, roadsDepartment]);
    const north = await givenReportedCase(db, at);
    const south = await givenReportedCase(db, at);
    await db.query(`UPDATE "case" SET responsibility_grids = '{RG-NORTH}' WHERE id = $1`, [north.id]);
    await db.query(`UPDATE "case" SET responsibility_grids = '{RG-SOUTH}' WHERE id = $1`, [south.id]);

    const group = [`department:${waterDepartment}`];
    keys.overdue = await givenTask(db, waterCases[0]!.id, { groups: group, dueInHours: -1 });
    keys.soon = await givenTask(db, waterCases[1]!.id, { groups: group, dueInHours: 1 });
    keys.later = await givenTask(db, waterCases[2]!.id, { groups: group, dueInHours: 5 });
    keys.undated = await givenTask(db, waterCases[3]!.id, { groups: group, dueInHours: null, form: 'approve' });
    // Offered to the department and to one of its handlers by name: one task, listed once.
    keys.twice = await givenTask(db, waterCases[3]!.id, { groups: group, users: ['water-1'], dueInHours: 3, createdMinutesAgo: 5 });
    keys.roads = await givenTask(db, roadsCase.id, { groups: [`department:${roadsDepartment}`], dueInHours: 2 });
    keys.verifyNorth = await givenTask(db, north.id, { element: 'Task_Verify', groups: ['collector'], dueInHours: 2, form: 'verify' });
    keys.verifySouth = await givenTask(db, south.id, { element: 'Task_Verify', groups: ['collector'], dueInHours: 1, form: 'verify' });
    keys.dispatch = await givenTask(db, south.id, { element: 'Task_Dispatch', groups: ['dispatcher'], dueInHours: 1, form: 'dispatch' });
    keys.done = await givenTask(db, waterCases[0]!.id, { groups: group, dueInHours: -5 });
    await db.query(`UPDATE user_task SET status = 'completed', ended_at = $2 WHERE task_key = $1`, [keys.done, now]);
  });
  after(() => t?.dispose());

  const listed = async (principal: Principal, filter: Parameters<typeof listInbox>[2] = {}) => {
    const inbox = await listInbox(db, principal, filter, now);
    return { keys: inbox.items.map((item) => item.key), total: inbox.total, items: inbox.items };
  };

  it('lists a department its open tasks, overdue first, then by due time, undated last; finished tasks never', async () => {
    const inbox = await listed(water);
    assert.deepEqual(inbox.keys, [keys.overdue, keys.soon, keys.twice, keys.later, keys.undated]);
    assert.equal(inbox.total, 5);
    assert.deepEqual(inbox.items.map((item) => item.overdue), [true, false, false, false, false]);
    assert.equal(inbox.items[0]!.case?.departmentId, waterDepartment, 'the case is shown with its task');
  });

  it('shows the department head the same department queue and another department none of it', async () => {
    assert.deepEqual((await listed(waterHead)).keys, [keys.overdue, keys.soon, keys.twice, keys.later, keys.undated]);
    assert.deepEqual((await listed(roads)).keys, [keys.roads]);
  });

  it('pages through the queue with the same order and total on every page', async () => {
    const first = await listed(water, { pageSize: 2, page: 1 });
    const second = await listed(water, { pageSize: 2, page: 2 });
    const third = await listed(water, { pageSize: 2, page: 3 });
    assert.deepEqual([...first.keys, ...second.keys, ...third.keys], [keys.overdue, keys.soon, keys.twice, keys.later, keys.undated]);
    assert.deepEqual([first.total, second.total, third.total], [5, 5, 5]);
    assert.deepEqual((await listed(water, { pageSize: 2, page: 4 })).keys, []);
  });

  it('filters by overdue, form and case', async () => {
    assert.deepEqual((await listed(water, { overdue: true })).keys, [keys.overdue]);
    assert.deepEqual((await listed(water, { overdue: false })).keys, [keys.soon, keys.twice, keys.later, keys.undated]);
    const approvals = await listed(water, { formId: 'approve' });
    assert.deepEqual([approvals.keys, approvals.total], [[keys.undated], 1]);
    const undatedCase = approvals.items[0]!.caseId;
    assert.deepEqual((await listed(water, { caseId: undatedCase })).keys, [keys.twice, keys.undated]);
  });

  it('offers a collector the verify tasks of its own grids only', async () => {
    const inbox = await listed(collectorNorth);
    assert.deepEqual(inbox.keys, [keys.verifyNorth]);
    assert.equal(inbox.total, 1);
  });

  it('follows a case to the grid and the department it is moved to after its tasks were offered', async () => {
    const collectorSouth = user('collector-south', ['collector'], { gridCodes: ['RG-SOUTH'] });
    const caseOf = async (key: string) =>
      (await db.query<{ business_key: string }>('SELECT business_key FROM user_task WHERE task_key = $1', [key])).rows[0]!.business_key;
    const north = await caseOf(keys.verifyNorth as string);
    try {
      await db.query(`UPDATE "case" SET responsibility_grids = '{RG-SOUTH}' WHERE id = $1`, [north]);
      assert.deepEqual((await listed(collectorNorth)).keys, [], 'the old grid\'s collector no longer sees it');
      const south = await listed(collectorSouth);
      assert.deepEqual(south.keys.sort(), [keys.verifyNorth, keys.verifySouth].sort());
      assert.equal(south.total, 2);
    } finally {
      await db.query(`UPDATE "case" SET responsibility_grids = '{RG-NORTH}' WHERE id = $1`, [north]);
    }
    assert.deepEqual((await listed(collectorNorth)).keys, [keys.verifyNorth]);

    // A task offered to a person by name is theirs only while its case is in their scope.
    const roadsCase = await caseOf(keys.roads as string);
    const named = await givenTask(db, roadsCase, { users: ['water-1'], dueInHours: 4 });
    try {
      assert.equal((await listed(water)).keys.includes(named), false, 'another department\'s case');
      await db.query(`UPDATE "case" SET department_id = $2 WHERE id = $1`, [roadsCase, waterDepartment]);
      assert.equal((await listed(water)).keys.includes(named), true, 'once the case is the department\'s');
    } finally {
      await db.query(`UPDATE "case" SET department_id = $2 WHERE id = $1`, [roadsCase, roadsDepartment]);
      await db.query(`UPDATE user_task SET status = 'completed', ended_at = $2 WHERE task_key = $1`, [named, now]);
    }
  });

  it('moves a claimed task from the group queue to the claimer, and back when released', async () => {
    const handler2 = user('water-2', ['department'], { departmentId: waterDepartment });
    await db.transaction((sql) => claimTask(sql, water, keys.soon!, now));
    assert.deepEqual((await listed(water, { view: 'mine' })).keys, [keys.soon]);
    assert.ok(!(await listed(water, { view: 'group' })).keys.includes(keys.soon!), 'no longer in the group queue');
    assert.ok((await listed(water)).keys.includes(keys.soon!), 'still in the claimer\'s whole inbox');
    assert.ok(!(await listed(handler2)).keys.includes(keys.soon!), 'gone from a colleague\'s inbox');
    await db.transaction((sql) => unclaimTask(sql, water, keys.soon!, now));
    assert.ok((await listed(handler2)).keys.includes(keys.soon!), 'back for everyone once released');
    assert.deepEqual((await listed(water, { view: 'mine' })).keys, []);
  });

  it('drops a task from every inbox when the engine completes or cancels it', async () => {
    await db.query(`UPDATE user_task SET status = 'canceled', ended_at = $2 WHERE task_key = $1`, [keys.dispatch!, now]);
    assert.deepEqual((await listed(dispatcher)).keys, []);
    assert.equal((await listed(dispatcher)).total, 0);
  });
});
