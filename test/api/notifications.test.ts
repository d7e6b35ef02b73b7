import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { deliverDueNotices, enqueueNotice, pendingNotices } from '../../core/case/notice-outbox.ts';
import type { CaseRecord } from '../../core/case/case-types.ts';
import { createApiKey } from '../../core/identity/api-keys.ts';
import { createUser } from '../../core/identity/users.ts';
import { createInAppNotifier } from '../../core/notify/in-app.notifier.ts';
import { startNoticeDelivery } from '../../core/notify/notice-delivery.ts';
import { notifierFromEnv } from '../../core/notify/notifier-config.ts';
import { deliveryHeader, signatureHeader, timestampHeader, verifyWebhookSignature } from '../../core/notify/webhook.notifier.ts';
import type { Database } from '../../core/ports/database.ts';
import type { Notice, Notifier } from '../../core/ports/notifier.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenHandlingCase, manualClock, mondayNine, roadsDepartment, waterDepartment } from '../lifecycle/builders.ts';

const password = 'correct horse battery';

/** A 督办单 for the heads of a department, as the supervise action queues it. */
function supervisionNotice(handling: CaseRecord, key: string, departmentId = waterDepartment): Notice {
  return {
    kind: 'supervise',
    caseId: handling.id,
    recipient: { role: 'department-head', departmentId },
    payload: { caseNumber: handling.caseNumber, className: handling.className, address: handling.address, deadline: handling.deadline, comment: '请加快处置' },
    dedupeKey: `supervise:${handling.id}:${key}`,
  };
}

interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback that answers with the next status of `answers` (the last one repeats). */
async function startReceiver(answers: number[]): Promise<{ url: string; received: ReceivedHook[]; server: Server }> {
  const received: ReceivedHook[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = answers[Math.min(received.length, answers.length) - 1] ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/citycase`, received, server };
}

/** Polls until `check` holds, for what a background loop does; fails rather than hangs. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.fail(`never happened: ${what}`);
}

describe('notifications over HTTP', () => {
  let t: TestDatabase;
  let db: Database;
  let server: TestServer;
  let inApp: Notifier;
  const clock = manualClock(mondayNine);
  const tokens: Record<string, string> = {};
  let handling: CaseRecord;

  before(async () => {
    t = await openTestDatabase();
    db = t.db;
    server = await startTestServer(db, clock);
    inApp = createInAppNotifier({ publish: server.live.publish });
    handling = await givenHandlingCase(db, clock.now());
    const people = [
      { username: 'water-head', roles: ['department-head'], departmentId: waterDepartment },
      { username: 'water-head-2', roles: ['department-head'], departmentId: waterDepartment },
      { username: 'water-handler', roles: ['department'], departmentId: waterDepartment },
      { username: 'roads-head', roles: ['department-head'], departmentId: roadsDepartment },
    ] as const;
    for (const person of people) {
      await createUser(db, { ...person, roles: [...person.roles], displayName: person.username, password });
      const login = await server.call('POST', '/api/v1/auth/login', { body: { username: person.username, password } });
      tokens[person.username] = login.body.accessToken;
    }
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  const inbox = async (username: string, query = '') => {
    const res = await server.call('GET', `/api/v1/notifications${query}`, { token: tokens[username] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  it("delivers a supervision notice in-app to the department's heads only, in Chinese, and marks it read", async () => {
    await db.transaction((sql) => enqueueNotice(sql, supervisionNotice(handling, 'first'), clock.now()));
    assert.equal(await deliverDueNotices(db, inApp, clock), 1);

    for (const head of ['water-head', 'water-head-2']) {
      const mine = await inbox(head);
      assert.equal(mine.total, 1);
      assert.equal(mine.unread, 1);
      const [notice] = mine.items;
      assert.equal(notice.kind, 'supervise');
      assert.equal(notice.caseId, handling.id);
      assert.equal(notice.title, `督办：案件 ${handling.caseNumber}`);
      assert.match(notice.body, /已被督办.*意见：请加快处置/);
      assert.equal(notice.readAt, null);
    }
    assert.equal((await inbox('water-handler')).total, 0, 'a handler is not a head');
    assert.equal((await inbox('roads-head')).total, 0, "another department's head");

    const [notice] = (await inbox('water-head')).items;
    const stranger = await server.call('POST', `/api/v1/notifications/${notice.id}/read`, { token: tokens['roads-head'] });
    assert.equal(stranger.status, 404, "someone else's notification is not found");
    const read = await server.call('POST', `/api/v1/notifications/${notice.id}/read`, { token: tokens['water-head'] });
    assert.equal(read.status, 200);
    assert.equal(read.body.readAt, clock.now().toISOString());
    assert.equal((await inbox('water-head')).unread, 0);
    assert.equal((await inbox('water-head-2')).unread, 1, "one head's reading is not the other's");
  });

  it('lists unread first, newest first, in pages, and marks all read', async () => {
    clock.advance(60_000);
    await db.transaction((sql) => enqueueNotice(sql, { ...supervisionNotice(handling, 'second'), kind: 'urge' }, clock.now()));
    clock.advance(60_000);
    await db.transaction((sql) => enqueueNotice(sql, supervisionNotice(handling, 'third'), clock.now()));
    assert.equal(await deliverDueNotices(db, inApp, clock), 2);

    const all = await inbox('water-head');
    assert.deepEqual(
      all.items.map((n: { title: string; readAt: string | null }) => [n.title.slice(0, 2), n.readAt === null]),
      [['督办', true], ['催办', true], ['督办', false]],
    );
    const second = await inbox('water-head', '?page=2&pageSize=1');
    assert.deepEqual([second.total, second.items.length, second.items[0].title.slice(0, 2)], [3, 1, '催办']);
    assert.equal((await inbox('water-head', '?unread=true')).total, 2);

    const marked = await server.call('POST', '/api/v1/notifications/read-all', { token: tokens['water-head'] });
    assert.deepEqual(marked.body, { marked: 2 });
    assert.equal((await inbox('water-head')).unread, 0);
    assert.equal((await inbox('water-head-2')).unread, 3);
  });

  it('refuses bad paging, unknown ids, anonymous callers and machine channels', async () => {
    const token = tokens['water-head'];
    for (const [query, field] of [['?pageSize=0', 'pageSize'], ['?pageSize=101', 'pageSize'], ['?page=x', 'page'], ['?sort=asc', 'sort']] as const) {
      const res = await server.call('GET', `/api/v1/notifications${query}`, { token });
      assert.equal(res.status, 422, query);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      assert.match(JSON.stringify(res.body), new RegExp(field), `${query} names ${field}`);
    }
    for (const id of ['abc', '99999999', '1e3', "1' OR '1'='1"]) {
      assert.equal((await server.call('POST', `/api/v1/notifications/${encodeURIComponent(id)}/read`, { token })).status, 404, id);
    }
    assert.equal((await server.call('GET', '/api/v1/notifications')).status, 401);
    const { key } = await createApiKey(db, { name: '视频识别', channel: 'video', createdBy: null });
    assert.equal((await server.call('GET', '/api/v1/notifications', { headers: { 'x-api-key': key } })).status, 403);
  });

  it('keeps a notice nobody can receive yet, and delivers it to the first head the department gets', async () => {
    await db.query(`INSERT INTO department (id, name_zh, type) VALUES ('parks', '园林所', 'district-department')`);
    await db.transaction((sql) => enqueueNotice(sql, supervisionNotice(handling, 'parks', 'parks'), clock.now()));
    assert.equal(await deliverDueNotices(db, inApp, clock), 0);
    const [waiting] = (await pendingNotices(db, { caseId: handling.id })).filter((n) => n.recipient.departmentId === 'parks');
    assert.ok(waiting, 'still in the outbox');
    const { rows } = await db.query<{ last_error: string }>('SELECT last_error FROM notification_outbox WHERE id = $1', [waiting.id]);
    assert.match(rows[0]?.last_error ?? '', /no active user with role department-head in department parks/);

    await createUser(db, { username: 'parks-head', displayName: '园林所长', password, roles: ['department-head'], departmentId: 'parks' });
    clock.advance(60_000);
    assert.equal(await deliverDueNotices(db, inApp, clock), 1);
    const login = await server.call('POST', '/api/v1/auth/login', { body: { username: 'parks-head', password } });
    tokens['parks-head'] = login.body.accessToken;
    assert.equal((await inbox('parks-head')).total, 1);
  });

  it('signs webhook deliveries, retries one answered 500 later, and puts it in the inbox once', async () => {
    const receiver = await startReceiver([500, 204]);
    try {
      const secret = 'webhook-shared-secret';
      const notifier = notifierFromEnv(
        { CITYCASE_WEBHOOK_URL: receiver.url, CITYCASE_WEBHOOK_SECRET: secret },
        { publish: server.live.publish, clock },
      );
      await db.transaction((sql) => enqueueNotice(sql, supervisionNotice(handling, 'webhook'), clock.now()));
      const before = (await inbox('water-head-2')).total;

      assert.equal(await deliverDueNotices(db, notifier, clock), 0, 'the receiver answered 500');
      assert.equal(receiver.received.length, 1);
      const [waiting] = (await pendingNotices(db, { caseId: handling.id })).filter((n) => n.dedupeKey.endsWith(':webhook'));
      assert.equal(waiting?.attempts, 1);
      assert.equal(await deliverDueNotices(db, notifier, clock), 0, 'not retried before its backoff');
      assert.equal(receiver.received.length, 1);

      clock.advance(60_000);
      assert.equal(await deliverDueNotices(db, notifier, clock), 1);
      assert.equal(receiver.received.length, 2);
      for (const hook of receiver.received) {
        const signature = String(hook.headers[signatureHeader]);
        const timestamp = String(hook.headers[timestampHeader]);
        assert.ok(verifyWebhookSignature(secret, timestamp, hook.body, signature), 'signed with the shared secret');
        assert.equal(verifyWebhookSignature('another-secret', timestamp, hook.body, signature), false);
        assert.equal(verifyWebhookSignature(secret, timestamp, hook.body.replace('请加快处置', '不必处置'), signature), false);
        assert.equal(hook.headers[deliveryHeader], `supervise:${handling.id}:webhook`);
        const sent = JSON.parse(hook.body);
        assert.deepEqual([sent.kind, sent.caseId, sent.recipient, sent.payload.comment], ['supervise', handling.id, { role: 'department-head', departmentId: waterDepartment }, '请加快处置']);
      }
      assert.equal((await inbox('water-head-2')).total, before + 1, 'the retry adds no second in-app copy');
    } finally {
      receiver.server.close();
    }
  });

  it('keeps serving requests while a webhook receiver is slow to answer, and takes the notice only once meanwhile', async () => {
    let release: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (release = resolve));
    const arrived: string[] = [];
    const slow = createServer((req, res) => {
      arrived.push(String(req.headers[deliveryHeader]));
      req.resume();
      void answered.then(() => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hooks`;
      const notifier = notifierFromEnv({ CITYCASE_WEBHOOK_URL: url, CITYCASE_WEBHOOK_SECRET: 's', CITYCASE_WEBHOOK_TIMEOUT_MS: '60000' }, { publish: server.live.publish, clock });
      await db.transaction((sql) => enqueueNotice(sql, supervisionNotice(handling, 'slow'), clock.now()));
      const delivering = deliverDueNotices(db, notifier, clock);
      await eventually(async () => arrived.length === 1, 'the receiver got the notice');

      // On PGlite the database has one connection: these would wait for the receiver if delivery held it.
      const served = await server.call('GET', '/api/v1/notifications', { token: tokens['water-head'] });
      assert.equal(served.status, 200);
      assert.equal(await deliverDueNotices(db, notifier, clock), 0, 'another round leaves the notice being delivered alone');
      assert.equal(arrived.length, 1);
      const { rows } = await db.query<{ delivered_at: Date | null; attempts: number }>(
        `SELECT delivered_at, attempts FROM notification_outbox WHERE dedupe_key LIKE '%:slow'`,
      );
      assert.deepEqual([rows[0]?.delivered_at, rows[0]?.attempts], [null, 1], 'taken, not yet delivered');

      release();
      assert.equal(await delivering, 1);
      const settled = await db.query<{ delivered_at: Date | null }>(`SELECT delivered_at FROM notification_outbox WHERE dedupe_key LIKE '%:slow'`);
      assert.notEqual(settled.rows[0]?.delivered_at, null);
    } finally {
      release();
      slow.close();
    }
  });

  it('counts an unreachable receiver as a failure to retry', async () => {
    const receiver = await startReceiver([204]);
    receiver.server.close();
    const notifier = notifierFromEnv({ CITYCASE_WEBHOOK_URL: receiver.url, CITYCASE_WEBHOOK_SECRET: 's' }, { publish: server.live.publish, clock });
    await db.transaction((sql) => enqueueNotice(sql, supervisionNotice(handling, 'unreachable'), clock.now()));
    assert.equal(await deliverDueNotices(db, notifier, clock), 0);
    const { rows } = await db.query<{ last_error: string; delivered_at: Date | null }>(
      `SELECT last_error, delivered_at FROM notification_outbox WHERE dedupe_key LIKE '%:unreachable'`,
    );
    assert.equal(rows[0]?.delivered_at, null);
    assert.match(rows[0]?.last_error ?? '', /unreachable/);
  });

  it('refuses a webhook configuration it cannot sign or reach', () => {
    const deps = { publish: server.live.publish, clock };
    assert.throws(() => notifierFromEnv({ CITYCASE_WEBHOOK_URL: 'https://hooks.example.cn/citycase' }, deps), /CITYCASE_WEBHOOK_SECRET/);
    assert.throws(() => notifierFromEnv({ CITYCASE_WEBHOOK_URL: 'ftp://hooks.example.cn', CITYCASE_WEBHOOK_SECRET: 's' }, deps), /http\(s\)/);
    assert.throws(
      () => notifierFromEnv({ CITYCASE_WEBHOOK_URL: 'https://hooks.example.cn', CITYCASE_WEBHOOK_SECRET: 's', CITYCASE_WEBHOOK_TIMEOUT_MS: 'soon' }, deps),
      /CITYCASE_WEBHOOK_TIMEOUT_MS/,
    );
  });

  it('delivers in the background once the delivery loop runs, and stops with it', async () => {
    await db.transaction((sql) => enqueueNotice(sql, { ...supervisionNotice(handling, 'loop'), kind: 'urge' }, clock.now()));
    const stop = startNoticeDelivery({ db, notifier: inApp, clock, intervalMs: 3_600_000 });
    try {
      await eventually(async () => (await pendingNotices(db, { caseId: handling.id })).every((n) => !n.dedupeKey.endsWith(':loop')), 'the loop delivered the notice');
    } finally {
      await stop();
    }
    const urged = (await inbox('water-handler', '?unread=true')).items;
    assert.equal(urged.length, 0, 'the urge went to the heads');
    assert.ok((await inbox('water-head', '?unread=true')).items.some((n: { title: string }) => n.title.startsWith('催办')));
  });
});
