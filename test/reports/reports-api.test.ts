import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../core/identity/users.ts';
import type { Role } from '../../core/identity/roles.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenEvaluationHistory, waterDepartment } from '../evaluation/fixture.ts';
import { browserMissing } from '../e2e/support.ts';

const password = 'correct horse battery';

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('reports over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  let ids: Record<string, string>;
  const tokens: Record<string, string> = {};
  const call = (who: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tokens[who], body });

  before(async () => {
    t = await openTestDatabase();
    ids = await givenEvaluationHistory(t.db);
    // A name that would run as script if the report did not escape it.
    await t.db.query('UPDATE department SET name_zh = $1 WHERE id = $2', ['<img src=x onerror=alert(1)>供水公司', waterDepartment]);
    server = await startTestServer(t.db);
    const users: [string, Role[]][] = [['leader', ['leader']], ['shift', ['shift-leader']], ['collector', ['collector']]];
    for (const [username, roles] of users) {
      await createUser(t.db, { username, displayName: username, password, roles, departmentId: null });
      tokens[username] = (await server.call('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken;
    }
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('generates a morning report on demand, and returns the archived one for the same period', async () => {
    const first = await call('leader', 'POST', '/reports', { kind: 'morning', date: '2026-11-30' });
    assert.equal(first.status, 201);
    assert.deepEqual([first.body.kind, first.body.date, first.body.period.from, first.body.hasPdf], ['morning', '2026-11-30', '2026-11-28T16:00:00.000Z', false]);
    const again = await call('shift', 'POST', '/reports', { kind: 'morning', date: '2026-11-30' });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
    const list = await call('leader', 'GET', '/reports');
    assert.deepEqual(list.body.items.map((r: { id: string }) => r.id), [first.body.id]);
  });

  it('serves escaped HTML under a CSP, with the overdue case and an inline SVG chart', async () => {
    const { body: report } = await call('leader', 'POST', '/reports', { kind: 'morning', date: '2026-11-30' });
    const res = await call('leader', 'GET', `/reports/${report.id}.html`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = String(res.body);
    assert.ok(html.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;供水公司'));
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /<svg/);
    const { rows } = await t.db.query<{ case_number: string }>('SELECT case_number FROM "case" WHERE id = $1', [ids.H ?? '']);
    assert.ok(html.includes(`<td>${rows[0]?.case_number}</td>`), 'the overdue case H is listed');
  });

  it('prints the report to a PDF with pages and the Chinese text, once', { skip: browserMissing }, async () => {
    const { body: report } = await call('leader', 'POST', '/reports', { kind: 'morning', date: '2026-11-30' });
    const res = await fetch(`${server.url}/api/v1/reports/${report.id}.pdf`, { headers: { authorization: `Bearer ${tokens.leader}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
    assert.ok((bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length >= 1, 'the PDF has pages');
    if (hasPdftotext()) {
      const text = execFileSync('pdftotext', ['-', '-'], { input: bytes }).toString('utf8');
      assert.match(text, /数字化城市管理晨报/);
    } else {
      console.log('# pdftotext (poppler-utils) is not installed: the Chinese text is checked in the HTML only');
    }
    const listed = await call('leader', 'GET', '/reports?kind=morning');
    assert.equal(listed.body.items[0].hasPdf, true);
    const second = await fetch(`${server.url}/api/v1/reports/${report.id}.pdf`, { headers: { authorization: `Bearer ${tokens.leader}` } });
    assert.deepEqual(Buffer.from(await second.arrayBuffer()), bytes, 'the kept PDF is served again, not printed anew');
  });

  it('generates the weekly and monthly reports with the rankings of the week and month before', async () => {
    const weekly = await call('shift', 'POST', '/reports', { kind: 'weekly', date: '2026-12-02' });
    assert.equal(weekly.status, 201);
    assert.deepEqual([weekly.body.kind, weekly.body.period.from, weekly.body.period.to], ['weekly', '2026-11-22T16:00:00.000Z', '2026-11-29T16:00:00.000Z']);
    // Any day of the same week issues the same report: it is the archived one.
    const sameWeek = await call('leader', 'POST', '/reports', { kind: 'weekly', date: '2026-12-06' });
    assert.deepEqual([sameWeek.status, sameWeek.body.id], [200, weekly.body.id]);
    const html = String((await call('leader', 'GET', `/reports/${weekly.body.id}.html`)).body);
    assert.match(html, /数字化城市管理周报/);
    assert.match(html, /<td>1<\/td><td class="text">区市政所/, 'roads ranks first');
    const monthly = await call('leader', 'POST', '/reports', { kind: 'monthly', date: '2026-12-01' });
    assert.deepEqual([monthly.status, monthly.body.period.from], [201, '2026-10-31T16:00:00.000Z']);
    const kinds = (await call('leader', 'GET', '/reports?kind=monthly')).body.items.map((r: { kind: string }) => r.kind);
    assert.deepEqual(kinds, ['monthly']);
  });

  it('refuses other roles, unknown reports and bad input as problems', async () => {
    const wrongRole = await call('collector', 'POST', '/reports', { kind: 'morning', date: '2026-11-30' });
    assert.equal(wrongRole.status, 403);
    assert.match(wrongRole.headers.get('content-type') ?? '', /problem\+json/);
    assert.equal((await call('collector', 'GET', '/reports')).status, 403);
    assert.equal((await call('leader', 'GET', '/reports/999999.html')).status, 404);
    assert.equal((await call('leader', 'GET', '/reports/abc.pdf')).status, 404);
    assert.equal((await call('leader', 'POST', '/reports', { kind: 'morning', date: '2026-02-30' })).status, 422);
    assert.equal((await call('leader', 'POST', '/reports', { kind: 'yearly', date: '2026-11-30' })).status, 422);
  });

  it('answers 503 problem+json when the browser for PDFs is missing', async () => {
    const saved = process.env.CITYCASE_CHROMIUM;
    process.env.CITYCASE_CHROMIUM = '/nonexistent/chromium';
    const browserless = await startTestServer(t.db);
    if (saved === undefined) delete process.env.CITYCASE_CHROMIUM;
    else process.env.CITYCASE_CHROMIUM = saved;
    try {
      const { body: report } = await call('leader', 'POST', '/reports', { kind: 'morning', date: '2026-11-27' });
      const res = await browserless.call('GET', `/api/v1/reports/${report.id}.pdf`, { token: tokens.leader });
      assert.equal(res.status, 503);
      assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      assert.match(res.body.detail, /Chromium/);
    } finally {
      await browserless.close();
    }
  });
});
