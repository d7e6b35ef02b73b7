import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { evaluate, type EvaluationRow } from '../../core/evaluation/evaluate.ts';
import { loadIndicatorSet } from '../../core/evaluation/indicator-definitions.ts';
import { createUser } from '../../core/identity/users.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { caseDeps, waterDepartment } from '../lifecycle/builders.ts';
import { givenStaffWeek } from './staff-fixture.ts';

const week = { period: 'week', date: '2026-11-25' } as const;

const summary = (rows: EvaluationRow[]) => rows.map((row) => ({ id: row.id, name: row.name, indicators: row.indicators, score: row.score, rank: row.rank, grade: row.grade }));

describe('evaluation of the command-centre staff (人员考评)', () => {
  let t: TestDatabase;
  let deps: Parameters<typeof evaluate>[0];
  before(async () => {
    t = await openTestDatabase();
    await givenStaffWeek(t.db);
    deps = { db: t.db, calendar: caseDeps().calendar, indicators: loadIndicatorSet() };
  });
  after(() => t.dispose());

  it('scores the acceptor on confirmations sent within 30 minutes of the report', async () => {
    const result = await evaluate(deps, { subject: 'acceptor', ...week });
    // 受理 K2, K3 (sent for confirmation) and K4 (the hotline call); K2 sent on time, K3 late: 50.
    assert.deepEqual(summary(result.rows), [
      { id: '201', name: '李受理', indicators: { accepted: 3, confirmationsSent: 2, confirmationsSentOnTime: 1, onTimeConfirmationRequestRate: 0.5 }, score: 50, rank: 1, grade: 'D' },
    ]);
  });

  it('scores shift leaders on timely and accurate registration and timely closing', async () => {
    const result = await evaluate(deps, { subject: 'shift-leader', ...week });
    // S2: registered K2 (late from the confirmation) and K4; closed none, so the closing term drops out:
    // (25×50 + 40×100) / 65 = 80.77. S1: registered K1 and K3 on time, K3 voided; closed K1 on time, K2 late:
    // 25×100 + 40×50 + 35×50 = 62.5.
    assert.deepEqual(summary(result.rows), [
      {
        id: '302', name: '周值班长', score: 80.77, rank: 1, grade: 'B',
        indicators: { registered: 2, registeredOnTime: 1, onTimeRegistrationRate: 0.5, registeredAccurately: 2, accurateRegistrationRate: 1, closed: 0, closedOnTime: 0, onTimeClosingRate: null },
      },
      {
        id: '301', name: '王值班长', score: 62.5, rank: 2, grade: 'C',
        indicators: { registered: 2, registeredOnTime: 2, onTimeRegistrationRate: 1, registeredAccurately: 1, accurateRegistrationRate: 0.5, closed: 2, closedOnTime: 1, onTimeClosingRate: 0.5 },
      },
    ]);
  });

  it('scores dispatchers on their first dispatch of a case, timed from registration or the approved return, and on returns', async () => {
    const result = await evaluate(deps, { subject: 'dispatcher', ...week });
    // P2 re-dispatched K2 ten minutes after the return, to the right department: 100. P1: K1 on time and right;
    // K2 late and returned: 50.
    assert.deepEqual(summary(result.rows), [
      { id: '402', name: '钱派遣', indicators: { dispatched: 1, dispatchedOnTime: 1, onTimeDispatchRate: 1, dispatchedAccurately: 1, accurateDispatchRate: 1 }, score: 100, rank: 1, grade: 'A' },
      { id: '401', name: '赵派遣', indicators: { dispatched: 2, dispatchedOnTime: 1, onTimeDispatchRate: 0.5, dispatchedAccurately: 1, accurateDispatchRate: 0.5 }, score: 50, rank: 2, grade: 'D' },
    ]);
  });

  describe('over HTTP', () => {
    let server: TestServer;
    const tokens: Record<string, string> = {};
    const get = (who: string, path: string) => server.call('GET', `/api/v1${path}`, { token: tokens[who] });
    before(async () => {
      server = await startTestServer(t.db);
      const password = 'correct horse battery';
      for (const [username, roles, departmentId] of [['leader', ['leader'], null], ['water', ['department'], waterDepartment]] as const) {
        await createUser(t.db, { username, displayName: username, password, roles: [...roles], departmentId });
        tokens[username] = (await server.call('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken;
      }
    });
    after(() => server.close());

    it('ranks the staff of one role for subject=staff, and drills down to the cases behind a number', async () => {
      const res = await get('leader', '/evaluation?subject=staff&role=dispatcher&period=week&date=2026-11-25');
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.rows.map((row: EvaluationRow) => [row.name, row.score]), [['钱派遣', 100], ['赵派遣', 50]]);
      const drill = await get('leader', '/evaluation/drill-down?subject=staff&role=dispatcher&id=401&indicator=accurateDispatchRate&period=week&date=2026-11-25');
      assert.equal(drill.status, 200);
      assert.equal(drill.body.cases.length, 1, 'K1, the one not returned');
      assert.equal(drill.body.denominatorCases.length, 2);
    });

    it('asks for the role of subject=staff, and keeps staff rankings from departments', async () => {
      const missing = await get('leader', '/evaluation?subject=staff&period=week&date=2026-11-25');
      assert.equal(missing.status, 422);
      assert.equal(missing.headers.get('content-type')?.split(';')[0], 'application/problem+json');
      assert.equal(missing.body.field, 'role');
      assert.equal((await get('leader', '/evaluation?subject=staff&role=janitor&period=week&date=2026-11-25')).status, 422);
      assert.equal((await get('water', '/evaluation?subject=staff&role=dispatcher&period=week&date=2026-11-25')).status, 403);
    });
  });
});
