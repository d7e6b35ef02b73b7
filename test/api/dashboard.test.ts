import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { act, givenDemoCity, manholeReport, pointInCollectorScope, signIn, type Caller } from './support.ts';

describe('the command centre dashboard', () => {
  let t: TestDatabase;
  let server: TestServer;
  // Sunday evening, then Monday morning in Beijing: 16:00 UTC is already the next Beijing day.
  const clock = new ManualClock('2026-11-22T20:00:00+08:00');
  let point: { lng: number; lat: number };
  const as: Record<string, Caller> = {};
  const signInAll = async () => {
    for (const user of ['acceptor', 'shiftleader', 'dispatcher', 'collector', 'water-supply', 'leader', 'admin']) as[user] = await signIn(server, user);
  };
  const report = async () => (await as.acceptor!.post('/api/v1/cases', manholeReport(point))).body.id as string;
  const registered = async () => {
    const id = await report();
    await act(as.acceptor!, id, 'confirm', { needsOnSiteCheck: false });
    await act(as.shiftleader!, id, 'register');
    return id;
  };
  const dispatched = async () => {
    const id = await registered();
    await act(as.dispatcher!, id, 'dispatch', { departmentId: 'water-supply' });
    return id;
  };
  const closed = async (id: string) => {
    await act(as['water-supply']!, id, 'handle', { comment: '已更换井盖' });
    await act(as.collector!, id, 'verify', { passed: true });
    await act(as.shiftleader!, id, 'close');
  };
  let handling: string;

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db, clock);
    await signInAll();
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it("counts today's reports, registrations, dispatches and closures, and what stands open now", async () => {
    // given a case registered on Sunday evening
    await registered();
    clock.set('2026-11-23T08:30:00+08:00');
    await signInAll();
    // when on Monday one case goes the whole way, one stays in handling under supervision, one is suspended,
    // one is registered only and one is rejected
    const done = await dispatched();
    await closed(done);
    handling = await dispatched();
    await act(as.shiftleader!, handling, 'supervise', { comment: '请加快处置' });
    const parked = await dispatched();
    await act(as['water-supply']!, parked, 'request-suspension', { reason: '需市政规划改造，资金待批' });
    await act(as.dispatcher!, parked, 'approve', { request: 'suspension', approved: true });
    await registered();
    const refused = await report();
    await act(as.acceptor!, refused, 'confirm', { needsOnSiteCheck: false });
    await act(as.shiftleader!, refused, 'reject', { comment: '不属于立案范围' });

    // then
    const res = await as.leader!.get('/api/v1/dashboard');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const { today, trend } = res.body;
    assert.deepEqual(
      { date: today.date, reported: today.reported, registered: today.registered, dispatched: today.dispatched, closed: today.closed },
      { date: '2026-11-23', reported: 5, registered: 4, dispatched: 3, closed: 1 },
    );
    assert.equal(today.closureRate, 1 / 4, 'one of the four cases registered today is closed');
    assert.equal(today.onTimeRate, 1, 'the one closure was handled inside its deadline');
    assert.equal(today.suspendedNow, 1);
    assert.equal(today.supervisedNow, 1);
    assert.equal(today.overdueNow, 0);
    assert.equal(trend.length, 30);
    assert.deepEqual(trend.at(-2), { date: '2026-11-22', reported: 1, registered: 1, dispatched: 0, closed: 0 }, "Sunday's case counts on Sunday");
    assert.equal(trend[0].date, '2026-10-25');
    assert.ok(trend.slice(0, -2).every((d: { reported: number }) => d.reported === 0));
  });

  it("ranks the departments by this month's evaluation", async () => {
    const { ranking } = (await as.shiftleader!.get('/api/v1/dashboard')).body;
    const evaluation = (await as.shiftleader!.get('/api/v1/evaluation?subject=department&period=month&date=2026-11-23')).body;
    assert.deepEqual(ranking.rows, evaluation.rows, 'the same scores as the evaluation screen');
    assert.equal(ranking.rows[0].id, 'water-supply');
    assert.equal(ranking.rows[0].rank, 1);
    assert.ok(ranking.columns.length > 0 && ranking.columns.every((c: { indicator: string }) => c.indicator in ranking.rows[0].indicators));
    assert.equal(ranking.period.from, '2026-10-31T16:00:00.000Z', 'November in Beijing time');
  });

  it('shows overdue cases and a late closure on a later day', async () => {
    clock.set('2026-12-03T10:00:00+08:00');
    await server.engine.pollOnce();
    await signInAll();
    const overdue = (await as.admin!.get('/api/v1/dashboard')).body;
    assert.equal(overdue.today.overdueNow, 1, 'the case still in handling is past its deadline');
    assert.equal(overdue.today.reported, 0);
    assert.equal(overdue.today.onTimeRate, null, 'nothing closed yet today');
    assert.equal(overdue.trend.find((d: { date: string }) => d.date === '2026-11-23').closed, 1);

    await closed(handling);
    const late = (await as.admin!.get('/api/v1/dashboard')).body;
    assert.equal(late.today.closed, 1);
    assert.equal(late.today.onTimeRate, 0, 'handed in after its deadline');
    assert.equal(late.today.overdueNow, 0);
    assert.equal(late.today.supervisedNow, 0, 'a closed case is no longer under supervision');
  });

  it('is refused to a department and to a collector, as a problem', async () => {
    for (const user of ['water-supply', 'collector', 'dispatcher']) {
      const res = await as[user]!.get('/api/v1/dashboard');
      assert.equal(res.status, 403, user);
      assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.equal(res.body.status, 403);
    }
  });
});
