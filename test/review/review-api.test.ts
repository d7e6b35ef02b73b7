import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Sql } from '../../core/ports/database.ts';
import { createUser } from '../../core/identity/users.ts';
import type { Role } from '../../core/identity/roles.ts';
import { reportCase } from '../../core/case/actions/report.ts';
import { registerCase } from '../../core/case/actions/register.ts';
import { dispatchCase } from '../../core/case/actions/dispatch.ts';
import { feedbackCase } from '../../core/case/actions/feedback.ts';
import { verifyCase } from '../../core/case/actions/verify.ts';
import { closeCase } from '../../core/case/actions/close.ts';
import { png } from '../../core/attachments/sample-media.fixture.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { actors, caseDeps, manholeReport } from '../lifecycle/builders.ts';
import { at, collectorOne, givenEvaluationHistory, gridOne, roadsDepartment, waterDepartment } from '../evaluation/fixture.ts';

const password = 'correct horse battery';
const week = { period: 'week', date: '2026-11-25' } as const;

interface Assignment {
  id: number;
  round: { id: number; status: string };
  case: { caseNumber: string; departmentName: string };
  beforePhotoIds: string[];
  afterPhotoIds: string[];
  rating: { level: string; points: number; comment: string | null } | null;
}

describe('third-party review over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  let photoCase: string;
  let photos: { before: string; after: string; bytes: Buffer };
  const tokens: Record<string, string> = {};
  const call = (who: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tokens[who], body });
  const mine = async (who: string, roundId: number): Promise<Assignment[]> => (await call(who, 'GET', `/review/assignments?roundId=${roundId}`)).body.items;
  const departmentScores = async () =>
    Object.fromEntries(
      (await call('leader', 'GET', `/evaluation?subject=department&period=${week.period}&date=${week.date}`)).body.rows.map(
        (row: { id: string; score: number; rank: number }) => [row.id, [row.score, row.rank]],
      ),
    );

  async function upload(who: string, bytes: Buffer): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'photo.png');
    const res = await fetch(`${server.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${tokens[who]}` }, body: form });
    assert.equal(res.status, 201);
    return ((await res.json()) as { id: string }).id;
  }

  before(async () => {
    t = await openTestDatabase();
    await givenEvaluationHistory(t.db);
    server = await startTestServer(t.db);
    const users: [string, Role[], string | null][] = [
      ['admin', ['admin'], null],
      ['leader', ['leader'], null],
      ['water', ['department'], waterDepartment],
      ['collector', ['collector'], null],
    ];
    for (const [username, roles, departmentId] of users) {
      await createUser(t.db, { username, displayName: username, password, roles, departmentId });
      tokens[username] = (await server.call('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken;
    }
    // K: a roads case closed on Wednesday with a photo from the report and one from the hand-in.
    photos = { before: await upload('collector', png(40, 30)), after: await upload('collector', png(60, 45)), bytes: png(40, 30) };
    const deps = caseDeps();
    const step = (work: (sql: Sql) => Promise<unknown>) => t.db.transaction(work);
    photoCase = (await t.db.transaction((sql) =>
      reportCase(sql, manholeReport(at('25 09:00'), { actor: collectorOne, gridCode: gridOne, attachmentIds: [photos.before] }), deps))).id;
    await step((sql) => registerCase(sql, { caseId: photoCase, actor: actors.shiftLeader, at: at('25 09:00') }));
    await step((sql) => dispatchCase(sql, { caseId: photoCase, actor: actors.dispatcher, at: at('25 09:00'), departmentId: roadsDepartment }, deps));
    await step((sql) => feedbackCase(sql, { caseId: photoCase, actor: actors.department, at: at('25 10:00'), attachments: [photos.after] }));
    await step((sql) => verifyCase(sql, { caseId: photoCase, actor: collectorOne, at: at('25 10:30'), passed: true }));
    await step((sql) => closeCase(sql, { caseId: photoCase, actor: actors.shiftLeader, at: at('25 10:40') }));
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('registers reviewers with the body they sit for, and refuses a reviewer without one', async () => {
    const missing = await call('admin', 'POST', '/users', { username: 'nokind', displayName: '无类别', password, roles: ['reviewer'] });
    assert.equal(missing.status, 422);
    assert.match(missing.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(missing.body.field, 'reviewerKind');
    const wrongRole = await call('admin', 'POST', '/users', { username: 'kindonly', displayName: '非考评员', password, roles: ['collector'], reviewerKind: 'deputy' });
    assert.equal(wrongRole.status, 422);
    const badKind = await call('admin', 'POST', '/users', { username: 'badkind', displayName: '错类别', password, roles: ['reviewer'], reviewerKind: 'mayor' });
    assert.equal(badKind.status, 422);
    for (const [username, displayName, reviewerKind] of [['deputy', '刘代表', 'deputy'], ['citizenrep', '孙市民代表', 'citizen-representative']]) {
      const res = await call('admin', 'POST', '/users', { username, displayName, password, roles: ['reviewer'], reviewerKind });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.reviewerKind, reviewerKind);
      tokens[username as string] = (await server.call('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken;
    }
    const count = (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM app_user WHERE username IN ('nokind', 'kindonly', 'badkind')")).rows[0];
    assert.equal(count?.n, 0, 'no half-written account');
  });

  it('lets only administrators and leaders open rounds, and validates what they send', async () => {
    assert.equal((await call('collector', 'POST', '/review/rounds', { name: '11月第4周', ...week })).status, 403);
    assert.equal((await call('deputy', 'GET', '/review/rounds')).status, 403);
    const badRate = await call('leader', 'POST', '/review/rounds', { name: '11月第4周', ...week, sample: { rate: 0 } });
    assert.equal(badRate.status, 422);
    const badDate = await call('leader', 'POST', '/review/rounds', { name: '11月第4周', period: 'week', date: '2026-02-30' });
    assert.deepEqual([badDate.status, badDate.body.field], [422, 'date']);
    const unknown = await call('leader', 'POST', '/review/rounds', { name: '11月第4周', ...week, reviewers: 2 });
    assert.equal(unknown.status, 422);
    assert.deepEqual((await call('leader', 'GET', '/review/rounds')).body.items, []);
  });

  let roundId: number;
  it('opens a round, draws every closed case of both departments and spreads them over the reviewers', async () => {
    const opened = await call('leader', 'POST', '/review/rounds', { name: '11月第4周考评', ...week, sample: { perDepartment: 3 }, seed: 7 });
    assert.equal(opened.status, 201);
    assert.deepEqual([opened.body.status, opened.body.seed, opened.body.period.from], ['open', 7, '2026-11-22T16:00:00.000Z']);
    roundId = opened.body.id;
    assert.equal((await call('deputy', 'POST', `/review/rounds/${roundId}/sample`)).status, 403);
    const closeEarly = await call('leader', 'POST', `/review/rounds/${roundId}/close`);
    assert.equal(closeEarly.status, 409);
    const sampled = await call('admin', 'POST', `/review/rounds/${roundId}/sample`);
    assert.equal(sampled.status, 200);
    // W closed A, B, C; R closed D, E and K: three each, all drawn; J closed the week before is not.
    assert.deepEqual([sampled.body.status, sampled.body.progress], ['sampled', { cases: 6, assignments: 6, rated: 0 }]);
    assert.equal((await call('admin', 'POST', `/review/rounds/${roundId}/sample`)).status, 409, 'a sample is drawn once');
    const [deputy, citizen] = [await mine('deputy', roundId), await mine('citizenrep', roundId)];
    assert.deepEqual([deputy.length, citizen.length], [3, 3]);
    const caseNumbers = [...deputy, ...citizen].map((a) => a.case.caseNumber);
    assert.equal(new Set(caseNumbers).size, 6);
  });

  it('draws the same sample again from the same seed', async () => {
    const rounds: number[] = [];
    for (const name of ['复核甲', '复核乙']) {
      const opened = await call('leader', 'POST', '/review/rounds', { name, ...week, sample: { rate: 0.5 }, seed: 424242 });
      await call('leader', 'POST', `/review/rounds/${opened.body.id}/sample`);
      rounds.push(opened.body.id);
    }
    const drawn = async (roundId: number) =>
      [...(await mine('deputy', roundId)).map((a) => `deputy ${a.case.caseNumber}`), ...(await mine('citizenrep', roundId)).map((a) => `citizen ${a.case.caseNumber}`)].sort();
    const [first, second] = [await drawn(rounds[0] as number), await drawn(rounds[1] as number)];
    // A rate of one half: round(1.5) = 2 of W's three cases and round(1.5) = 2 of R's three.
    assert.equal(first.length, 4);
    assert.deepEqual(second, first);
  });

  it("shows a reviewer a read-only summary of their own cases, photos included, and nobody else's", async () => {
    const all = [...(await mine('deputy', roundId)), ...(await mine('citizenrep', roundId))];
    const withPhotos = all.find((a) => a.beforePhotoIds.length > 0);
    assert.ok(withPhotos, 'case K is in the sample');
    assert.deepEqual([withPhotos.beforePhotoIds, withPhotos.afterPhotoIds], [[photos.before], [photos.after]]);
    assert.equal(withPhotos.case.departmentName, '区市政所');
    assert.equal('reporter' in withPhotos.case, false);
    const owner = (await mine('deputy', roundId)).some((a) => a.id === withPhotos.id) ? 'deputy' : 'citizenrep';
    const other = owner === 'deputy' ? 'citizenrep' : 'deputy';
    const photo = await fetch(`${server.url}/api/v1/review/assignments/${withPhotos.id}/photos/${photos.before}`, { headers: { authorization: `Bearer ${tokens[owner]}` } });
    assert.equal(photo.status, 200);
    assert.deepEqual(Buffer.from(await photo.arrayBuffer()), photos.bytes);
    assert.equal((await call(other, 'GET', `/review/assignments/${withPhotos.id}/photos/${photos.before}`)).status, 403);
    const ownOther = (await mine(owner, roundId)).find((a) => a.id !== withPhotos.id) as Assignment;
    assert.equal((await call(owner, 'GET', `/review/assignments/${ownOther.id}/photos/${photos.before}`)).status, 404, "another case's photo");
    assert.equal((await call(owner, 'GET', `/review/assignments/${withPhotos.id}/photos/00000000-0000-4000-8000-000000000000`)).status, 404);
    assert.equal((await call(other, 'GET', `/review/assignments/${withPhotos.id}`)).status, 403);
    assert.equal((await call('leader', 'GET', '/review/assignments')).status, 403);
    assert.equal((await call(owner, 'GET', '/review/assignments/999999')).status, 404);
  });

  it('takes one rating per case, on the scale of the data file, and refuses a second', async () => {
    const deputy = await mine('deputy', roundId);
    const first = deputy[0] as Assignment;
    const badLevel = await call('deputy', 'POST', `/review/assignments/${first.id}/rating`, { level: 'great' });
    assert.deepEqual([badLevel.status, badLevel.body.field], [422, 'level']);
    const longComment = await call('deputy', 'POST', `/review/assignments/${first.id}/rating`, { level: 'satisfied', comment: '好'.repeat(501) });
    assert.equal(longComment.status, 422);
    const foreign = (await mine('citizenrep', roundId))[0] as Assignment;
    assert.equal((await call('deputy', 'POST', `/review/assignments/${foreign.id}/rating`, { level: 'satisfied' })).status, 403);
    const rated = await call('deputy', 'POST', `/review/assignments/${first.id}/rating`, { level: 'fairlySatisfied', comment: '井盖已更换，周边未清扫' });
    assert.equal(rated.status, 201);
    assert.deepEqual(rated.body.rating && [rated.body.rating.level, rated.body.rating.points, rated.body.rating.comment], ['fairlySatisfied', 60, '井盖已更换，周边未清扫']);
    const again = await call('deputy', 'POST', `/review/assignments/${first.id}/rating`, { level: 'satisfied' });
    assert.equal(again.status, 409);
    assert.equal((await call('deputy', 'GET', `/review/assignments/${first.id}`)).body.rating.level, 'fairlySatisfied', 'the first rating stands');
  });

  it('publishes the ratings into the department scores when the round closes, and takes no rating after', async () => {
    // Rate the rest: W's cases 满意 (100), R's 不满意 (0), except the one rated 基本满意 above.
    for (const who of ['deputy', 'citizenrep']) {
      for (const assignment of (await mine(who, roundId)).filter((a) => a.rating === null)) {
        const level = assignment.case.departmentName === '市供水公司' ? 'satisfied' : 'dissatisfied';
        assert.equal((await call(who, 'POST', `/review/assignments/${assignment.id}/rating`, { level })).status, 201);
      }
    }
    const all = [...(await mine('deputy', roundId)), ...(await mine('citizenrep', roundId))];
    const points = (department: string) => all.filter((a) => a.case.departmentName === department).map((a) => a.rating?.points as number);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const [waterMean, roadsMean] = [mean(points('市供水公司')), mean(points('区市政所'))];
    // Seed 7 gave the deputy's first case (rated 基本满意 above) to W: W 60, 100, 100; R 0, 0, 0.
    assert.deepEqual([waterMean, roadsMean], [260 / 3, 0]);

    // Open rounds do not move scores: W 70.83 and R (D, E, K handled on time; 延期率 1/3) 96.67, as without review.
    assert.deepEqual(await departmentScores(), { [roadsDepartment]: [96.67, 1], [waterDepartment]: [70.83, 2] });
    const results = await call('leader', 'GET', `/review/rounds/${roundId}/results`);
    assert.deepEqual(results.body.departments.map((d: { departmentId: string; cases: number; rated: number; meanPoints: number; levels: object }) => [d.departmentId, d.cases, d.rated, d.meanPoints, d.levels]), [
      [roadsDepartment, 3, 3, 0, { satisfied: 0, fairlySatisfied: 0, dissatisfied: 3 }],
      [waterDepartment, 3, 3, 86.67, { satisfied: 2, fairlySatisfied: 1, dissatisfied: 0 }],
    ]);
    assert.deepEqual(results.body.departments[1].comments.map((c: { comment: string }) => c.comment), ['井盖已更换，周边未清扫']);
    const own = await call('water', 'GET', `/review/rounds/${roundId}/results`);
    assert.deepEqual(own.body.departments.map((d: { departmentId: string }) => d.departmentId), [waterDepartment]);
    assert.equal((await call('collector', 'GET', `/review/rounds/${roundId}/results`)).status, 403);

    assert.equal((await call('water', 'POST', `/review/rounds/${roundId}/close`)).status, 403);
    const closed = await call('leader', 'POST', `/review/rounds/${roundId}/close`);
    assert.deepEqual([closed.status, closed.body.status], [200, 'closed']);
    assert.equal((await call('leader', 'POST', `/review/rounds/${roundId}/close`)).status, 409);
    // share 0.1: score = 0.9 × indicator score + 0.1 × mean rating.
    // R: 0.9 × 96.667 + 0.1 × 0 = 87.00; W: 0.9 × 70.833 + 0.1 × 86.667 = 63.75 + 8.667 = 72.42.
    assert.deepEqual(await departmentScores(), { [roadsDepartment]: [87, 1], [waterDepartment]: [72.42, 2] });
    const reopened = await call('leader', 'POST', '/review/rounds', { name: '补评', ...week, sample: { perDepartment: 1 } });
    await call('leader', 'POST', `/review/rounds/${reopened.body.id}/sample`);
    await call('leader', 'POST', `/review/rounds/${reopened.body.id}/close`);
    const lateOwner = (await mine('deputy', reopened.body.id)).length > 0 ? 'deputy' : 'citizenrep';
    const late = (await mine(lateOwner, reopened.body.id))[0] as Assignment;
    assert.equal(late.round.status, 'closed');
    assert.equal((await call(lateOwner, 'POST', `/review/assignments/${late.id}/rating`, { level: 'satisfied' })).status, 409);
  });
});
