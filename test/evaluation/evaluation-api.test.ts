import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../core/identity/users.ts';
import type { Role } from '../../core/identity/roles.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenEvaluationHistory, gridTwo, roadsDepartment, waterDepartment } from './fixture.ts';

const password = 'correct horse battery';

describe('evaluation over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  let ids: Record<string, string>;
  const tokens: Record<string, string> = {};
  const get = (who: string, path: string) => server.call('GET', `/api/v1${path}`, { token: tokens[who] });

  before(async () => {
    t = await openTestDatabase();
    ids = await givenEvaluationHistory(t.db);
    server = await startTestServer(t.db);
    const users: [string, Role[], string | null][] = [
      ['leader', ['leader'], null],
      ['shift', ['shift-leader'], null],
      ['water', ['department'], waterDepartment],
      ['collector', ['collector'], null],
    ];
    for (const [username, roles, departmentId] of users) {
      await createUser(t.db, { username, displayName: username, password, roles, departmentId });
      tokens[username] = (await server.call('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken;
    }
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('ranks every department for a leader, with scores and grades', async () => {
    const res = await get('leader', '/evaluation?subject=department&period=week&date=2026-11-24');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.rows.map((row: { id: string; score: number; rank: number; grade: string }) => [row.id, row.score, row.rank, row.grade]), [
      [roadsDepartment, 95, 1, 'A'],
      [waterDepartment, 70.83, 2, 'C'],
    ]);
    assert.equal(res.body.rows[1].indicators.toHandle, 4);
  });

  it('names the indicators, weights and grade bands the city configured', async () => {
    const res = await get('water', '/evaluation/indicators');
    assert.equal(res.status, 200);
    const onTime = res.body.subjects.department.indicators.find((i: { id: string }) => i.id === 'onTimeHandlingRate');
    assert.deepEqual([onTime.nameZh, onTime.kind], ['按期处置率', 'rate']);
    assert.deepEqual(res.body.grades.map((g: { grade: string }) => g.grade), ['A', 'B', 'C', 'D']);
    assert.equal(res.body.subjects.department.score.terms.reduce((sum: number, term: { weight: number }) => sum + term.weight, 0), 100);
    assert.equal((await get('collector', '/evaluation/indicators')).status, 403);
  });

  it('shows a department only its own row and its own cases', async () => {
    const res = await get('water', '/evaluation?subject=department&period=week&date=2026-11-24');
    assert.deepEqual(res.body.rows.map((row: { id: string; rank: number }) => [row.id, row.rank]), [[waterDepartment, 2]]);
    const own = await get('water', `/evaluation/drill-down?subject=department&period=week&date=2026-11-24&id=${waterDepartment}&indicator=overduePending`);
    assert.deepEqual(own.body.cases.map((c: { id: string }) => c.id), [ids.H]);
    const other = await get('water', `/evaluation/drill-down?subject=department&period=week&date=2026-11-24&id=${roadsDepartment}&indicator=suspended`);
    assert.equal(other.status, 403);
    assert.equal((await get('water', '/evaluation?subject=collector&period=week&date=2026-11-24')).status, 403);
  });

  it('drills a region number down to its cases for a shift leader', async () => {
    const res = await get('shift', `/evaluation/drill-down?subject=region&level=grid&period=month&date=2026-11-01&id=${gridTwo}&indicator=toClose`);
    assert.equal(res.status, 200);
    assert.deepEqual(new Set(res.body.cases.map((c: { id: string }) => c.id)), new Set([ids.C, ids.D, ids.H]));
    const communities = await get('shift', '/evaluation?subject=region&level=community&period=week&date=2026-11-24');
    assert.deepEqual(communities.body.rows.map((row: { id: string; rank: number }) => [row.id, row.rank]), [['多福巷社区', 1], ['韶九社区', 2]]);
  });

  it('refuses other roles, bad queries and unknown indicators', async () => {
    assert.equal((await get('collector', '/evaluation?subject=department&period=week&date=2026-11-24')).status, 403);
    assert.equal((await server.call('GET', '/api/v1/evaluation?subject=department&period=week&date=2026-11-24')).status, 401);
    const badPeriod = await get('leader', '/evaluation?subject=department&period=decade&date=2026-11-24');
    assert.deepEqual([badPeriod.status, badPeriod.body.field], [422, 'period']);
    const badDate = await get('leader', '/evaluation?subject=region&period=day&date=2026-02-30');
    assert.deepEqual([badDate.status, badDate.body.field], [422, 'date']);
    const unknown = await get('leader', `/evaluation/drill-down?subject=department&period=week&date=2026-11-24&id=${waterDepartment}&indicator=happiness`);
    assert.equal(unknown.status, 404);
  });
  it('answers hot spots to leaders only', async () => {
    const res = await get('leader', '/evaluation/hot-spots?period=week&date=2026-11-24');
    assert.equal(res.status, 200);
    assert.equal(res.body.grids.every((g: { counts: number[] }) => g.counts.length === 5), true);
    assert.ok(res.body.grids.some((g: { gridCode: string }) => g.gridCode === gridTwo));
    assert.equal((await get('water', '/evaluation/hot-spots?period=week&date=2026-11-24')).status, 403);
    assert.equal((await get('leader', '/evaluation/hot-spots?period=fortnight&date=2026-11-24')).status, 422);
  });
});
