import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenDemoCity, manholeReport, pointInCollectorScope, signIn } from './support.ts';

/** Demo users by role. */
const users = {
  admin: 'admin',
  acceptor: 'acceptor',
  'shift-leader': 'shiftleader',
  dispatcher: 'dispatcher',
  department: 'water-supply',
  'department-head': 'municipal-head',
  collector: 'collector',
  leader: 'leader',
  citizen: 'citizen',
  reviewer: 'reviewer',
} as const;
type RoleName = keyof typeof users;
const everyone = Object.keys(users) as RoleName[];

interface Row {
  name: string;
  method: string;
  path: string;
  body?: (ctx: { point: { lng: number; lat: number } }) => unknown;
  allowed: RoleName[];
}

// Allowed means "not refused for the role": the request may still be a 4xx for its content, never 401 or 403.
const matrix: Row[] = [
  { name: 'list users', method: 'GET', path: '/api/v1/users', allowed: ['admin'] },
  { name: 'create a user', method: 'POST', path: '/api/v1/users', body: () => ({}), allowed: ['admin'] },
  { name: 'list API keys', method: 'GET', path: '/api/v1/api-keys', allowed: ['admin'] },
  { name: 'create a department', method: 'POST', path: '/api/v1/departments', body: () => ({}), allowed: ['admin'] },
  { name: 'list departments', method: 'GET', path: '/api/v1/departments', allowed: everyone },
  { name: 'import grids', method: 'POST', path: '/api/v1/grids/import', body: () => ({}), allowed: ['admin'] },
  { name: 'list grids', method: 'GET', path: '/api/v1/grids', allowed: everyone },
  { name: 'search classes', method: 'GET', path: '/api/v1/standards/classes?q=井盖', allowed: everyone },
  { name: 'list cases', method: 'GET', path: '/api/v1/cases', allowed: everyone },
  { name: 'export cases', method: 'GET', path: '/api/v1/cases.csv', allowed: everyone },
  { name: 'report by hotline', method: 'POST', path: '/api/v1/cases', body: ({ point }) => manholeReport(point), allowed: ['admin', 'acceptor', 'shift-leader', 'dispatcher'] },
  { name: 'report as a collector', method: 'POST', path: '/api/v1/cases', body: ({ point }) => manholeReport(point, { source: 'collector' }),
    allowed: ['admin', 'acceptor', 'shift-leader', 'dispatcher', 'collector'] },
  { name: 'report as a citizen', method: 'POST', path: '/api/v1/cases', body: ({ point }) => manholeReport(point, { source: 'citizen' }),
    allowed: ['admin', 'acceptor', 'shift-leader', 'dispatcher', 'citizen'] },
  { name: 'my inbox', method: 'GET', path: '/api/v1/tasks', allowed: everyone },
  { name: 'list processes', method: 'GET', path: '/api/v1/processes', allowed: ['admin'] },
  { name: 'list incidents', method: 'GET', path: '/api/v1/incidents', allowed: ['admin'] },
  { name: 'my notifications', method: 'GET', path: '/api/v1/notifications', allowed: everyone },
  { name: 'a ticket for the event stream', method: 'POST', path: '/api/v1/events/ticket', body: () => ({}), allowed: everyone },
  { name: 'upload an attachment', method: 'POST', path: '/api/v1/attachments', body: () => ({}), allowed: everyone },
  { name: 'read forms', method: 'GET', path: '/api/v1/forms/dispatch', allowed: everyone },
  { name: 'suggest a department', method: 'GET', path: '/api/v1/dispatch-rules/suggest?caseId=00000000-0000-0000-0000-000000000000',
    allowed: ['admin', 'shift-leader', 'dispatcher'] },
  { name: 'edit dispatch rules', method: 'POST', path: '/api/v1/dispatch-rules', body: () => ({}), allowed: ['admin'] },
  { name: 'list reports', method: 'GET', path: '/api/v1/reports', allowed: ['admin', 'shift-leader', 'dispatcher', 'leader'] },
  { name: 'generate a report', method: 'POST', path: '/api/v1/reports', body: () => ({}), allowed: ['admin', 'shift-leader', 'leader'] },
];

describe('every role against every endpoint', () => {
  let t: TestDatabase;
  let server: TestServer;
  let point: { lng: number; lat: number };
  const tokens = new Map<RoleName, string>();

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db);
    for (const role of everyone) tokens.set(role, (await signIn(server, users[role])).token);
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  for (const row of matrix) {
    it(`${row.method} ${row.path.split('?')[0]}: ${row.name}`, async () => {
      const outcome: string[] = [];
      for (const role of everyone) {
        const res = await server.call(row.method, row.path, { token: tokens.get(role), body: row.body?.({ point }) });
        const refused = res.status === 401 || res.status === 403;
        if (refused === row.allowed.includes(role)) outcome.push(`${role}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
        if (refused) assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
      }
      assert.deepEqual(outcome, [], 'roles treated otherwise than the matrix says');
      const anonymous = await server.call(row.method, row.path, { body: row.body?.({ point }) });
      assert.equal(anonymous.status, 401, 'no token, no access');
    });
  }
});
