import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { reportCase } from '../../core/case/actions/report.ts';
import { deliverDueNotices, enqueueNotice } from '../../core/case/notice-outbox.ts';
import { createUser } from '../../core/identity/users.ts';
import { createInAppNotifier } from '../../core/notify/in-app.notifier.ts';
import { startLiveFeed } from '../../core/live/live-feed.ts';
import type { Database } from '../../core/ports/database.ts';
import type { Variables } from '../../core/ports/engine.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { openStream, type Stream } from '../support/event-stream.ts';
import { actors, caseDeps, givenDepartments, manholeReport, manualClock, mondayNine, roadsDepartment, waterDepartment } from '../lifecycle/builders.ts';

const password = 'correct horse battery';


describe('server-sent events', () => {
  let t: TestDatabase;
  let db: Database;
  let server: TestServer;
  const clock = manualClock(mondayNine);
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const streams: Stream[] = [];

  const stream = async (username: string) => {
    const opened = await openStream(`${server.url}/api/v1/events`, { authorization: `Bearer ${tokens[username]}` });
    assert.equal(opened.status, 200);
    streams.push(opened);
    return opened;
  };

  before(async () => {
    t = await openTestDatabase();
    db = t.db;
    server = await startTestServer(db, clock);
    await givenDepartments(db);
    const people = [
      { username: 'acceptor', roles: ['acceptor'] },
      { username: 'dispatcher', roles: ['dispatcher'] },
      { username: 'water-handler', roles: ['department'], departmentId: waterDepartment },
      { username: 'roads-handler', roles: ['department'], departmentId: roadsDepartment },
    ] as const;
    for (const person of people) {
      const user = await createUser(db, { ...person, roles: [...person.roles], displayName: person.username, password });
      ids[person.username] = user.id;
      tokens[person.username] = (await server.call('POST', '/api/v1/auth/login', { body: { username: person.username, password } })).body.accessToken;
    }
  });
  after(async () => {
    for (const open of streams) await open.close();
    await server.close();
    await t.dispose();
  });

  /** Reports a case and starts its lifecycle in one transaction, as the intake does. */
  const reportThroughEngine = async (): Promise<string> => {
    const id = randomUUID();
    await server.engine.startInstance(
      { processId: 'case-lifecycle', businessKey: id, variables: { caseId: id } },
      { within: async (sql) => void (await reportCase(sql, manholeReport(clock.now(), { id }), caseDeps())) },
    );
    return id;
  };
  const complete = async (caseId: string, elementId: string, variables: Variables) => {
    const { rows } = await db.query<{ task_key: string }>(
      `SELECT task_key::text AS task_key FROM user_task WHERE business_key = $1 AND element_id = $2 AND status = 'created'`,
      [caseId, elementId],
    );
    assert.ok(rows[0], `${elementId} is open`);
    await server.engine.completeUserTask(rows[0].task_key, variables);
  };
  /** A notification for `username`: the roads handler's marker that everything before it was filtered out. */
  const notifyDepartment = async (departmentId: string, key: string, caseId: string) => {
    await db.transaction((sql) =>
      enqueueNotice(sql, { kind: 'urge', caseId, recipient: { role: 'department', departmentId }, payload: { caseNumber: key }, dedupeKey: key }, clock.now()),
    );
    assert.equal(await deliverDueNotices(db, createInAppNotifier({ publish: server.live.publish }), clock), 1);
  };

  it("streams a task to the roles and the department that can act on it, and not to another department", async () => {
    const acceptor = await stream('acceptor');
    const dispatcher = await stream('dispatcher');
    const water = await stream('water-handler');
    const roads = await stream('roads-handler');

    const caseId = await reportThroughEngine();
    const confirm = await acceptor.nextOf('task');
    assert.deepEqual([confirm.data.change, confirm.data.task.elementId, confirm.data.task.businessKey], ['created', 'Task_Confirm', caseId]);
    assert.deepEqual((await dispatcher.nextOf('case')).data, { caseId, change: 'task-created' }, 'the command centre sees every case change');

    await complete(caseId, 'Task_Confirm', { needsOnSiteCheck: false, actor: actors.acceptor });
    assert.deepEqual([(await acceptor.nextOf('task')).data.change], ['completed']);
    await complete(caseId, 'Task_RegisterDecision', { registerDecision: 'register', actor: actors.shiftLeader });
    const dispatch = await dispatcher.nextOf('task');
    assert.deepEqual([dispatch.data.change, dispatch.data.task.elementId], ['created', 'Task_Dispatch']);
    await complete(caseId, 'Task_Dispatch', { departmentId: waterDepartment, actor: actors.dispatcher });

    const handle = await water.nextOf('task');
    assert.deepEqual(
      [handle.data.change, handle.data.task.elementId, handle.data.task.candidateGroups],
      ['created', 'Task_Handle', [`department:${waterDepartment}`]],
    );
    // The water stream has heard the task: had the roads stream been meant to, it would have heard it before this.
    await notifyDepartment(roadsDepartment, 'marker-roads', caseId);
    const first = await roads.next();
    assert.equal(first.event, 'notification', `the roads handler heard nothing of the water case first, got ${JSON.stringify(first)}`);
    assert.equal(first.data.title, '催办：案件 marker-roads');
  });

  it("streams a notification to the person it is for, not to others", async () => {
    const water = await stream('water-handler');
    const roads = await stream('roads-handler');
    const caseId = await reportThroughEngine();
    await notifyDepartment(waterDepartment, 'for-water', caseId);
    const heard = await water.nextOf('notification');
    assert.equal(heard.data.title, '催办：案件 for-water');
    const inbox = await server.call('GET', '/api/v1/notifications', { token: tokens['water-handler'] });
    assert.equal(inbox.body.items[0].id, heard.data.id, 'the event names the inbox entry');

    await notifyDepartment(roadsDepartment, 'for-roads', caseId);
    assert.equal((await roads.nextOf('notification')).data.title, '催办：案件 for-roads', 'not the water notice first');
  });

  it('streams what another process on the same server delivered', { skip: !process.env.DATABASE_URL && 'PGlite serves one process' }, async () => {
    const water = await stream('water-handler');
    const otherDb = await t.reopen();
    const other = await startLiveFeed({ db: otherDb });
    try {
      const caseId = await reportThroughEngine();
      await db.transaction((sql) =>
        enqueueNotice(sql, { kind: 'urge', caseId, recipient: { role: 'department', departmentId: waterDepartment }, payload: { caseNumber: 'elsewhere' }, dedupeKey: 'elsewhere' }, clock.now()),
      );
      assert.equal(await deliverDueNotices(otherDb, createInAppNotifier({ publish: other.publish }), clock), 1);
      assert.equal((await water.nextOf('notification')).data.title, '催办：案件 elsewhere');
    } finally {
      await other.stop();
    }
  });

  it('opens a stream with a ticket once, within a minute, and refuses anything else', async () => {
    assert.equal((await server.call('POST', '/api/v1/events/ticket')).status, 401);
    const issued = await server.call('POST', '/api/v1/events/ticket', { token: tokens['water-handler'] });
    assert.equal(issued.status, 201);
    assert.equal(issued.body.expiresAt, new Date(clock.now().getTime() + 60_000).toISOString());
    const url = (ticket: string) => `${server.url}/api/v1/events?ticket=${encodeURIComponent(ticket)}`;

    const first = await openStream(url(issued.body.ticket));
    streams.push(first);
    assert.equal(first.status, 200);
    assert.match(first.contentType ?? '', /^text\/event-stream/);
    const caseId = await reportThroughEngine();
    await notifyDepartment(waterDepartment, 'over-ticket', caseId);
    assert.equal((await first.nextOf('notification')).data.title, '催办：案件 over-ticket', 'the ticket stream is the ticket holder’s');

    const again = await openStream(url(issued.body.ticket));
    assert.equal(again.status, 401, 'a ticket opens one stream');
    assert.match(JSON.stringify(await again.body()), /unknown, used or expired/);

    const late = await server.call('POST', '/api/v1/events/ticket', { token: tokens['water-handler'] });
    clock.advance(61_000);
    assert.equal((await openStream(url(late.body.ticket))).status, 401, 'an expired ticket');
    assert.equal((await openStream(url('evt_forged'))).status, 401, 'an unknown ticket');
    assert.equal((await openStream(`${server.url}/api/v1/events`)).status, 401, 'no token, no ticket');
    assert.equal((await openStream(`${server.url}/api/v1/events?ticket=`)).status, 422, 'an empty ticket');
    assert.equal((await openStream(`${server.url}/api/v1/events?since=0`, { authorization: `Bearer ${tokens['water-handler']}` })).status, 422);
  });
});
