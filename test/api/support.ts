import assert from 'node:assert/strict';
import { seedDemo } from '../../demo/seed-demo.ts';
import { centroid, type AreaGeometry } from '../../core/geo/index.ts';
import type { Database } from '../../core/ports/database.ts';
import type { TestServer } from '../support/http.ts';

export const demoPassword = 'demo password 123';

/** The demo city in a test database. */
export async function givenDemoCity(db: Database): Promise<void> {
  await seedDemo(db, { password: demoPassword });
}

/** Signs a demo user in and returns a caller bound to their token. */
export async function signIn(server: TestServer, username: string) {
  const res = await server.call('POST', '/api/v1/auth/login', { body: { username, password: demoPassword } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  const token = res.body.accessToken as string;
  return {
    token,
    get: (path: string) => server.call('GET', path, { token }),
    post: (path: string, body: unknown = {}) => server.call('POST', path, { token, body }),
  };
}

/** The centre of a unit grid patrolled by the demo collector `collector` (a point inside its scope). */
export async function pointInCollectorScope(db: Database, collector = 'collector'): Promise<{ lng: number; lat: number; gridCode: string }> {
  const { rows } = await db.query<{ geometry: AreaGeometry; code: string }>(
    `SELECT r.geometry, r.code FROM responsibility_grid r JOIN user_grid ug ON ug.grid_code = r.code
     JOIN app_user u ON u.id = ug.user_id WHERE u.username = $1 ORDER BY r.code LIMIT 1`,
    [collector],
  );
  const grid = rows[0];
  if (!grid) throw new Error(`${collector} has no grids`);
  const [lng, lat] = centroid(grid.geometry);
  return { lng, lat, gridCode: grid.code.trim() };
}

/** A hotline report of a broken water-supply manhole cover (供水井盖异常) at `point`. */
export function manholeReport(point: { lng: number; lat: number }, overrides: Record<string, unknown> = {}) {
  return {
    source: 'hotline',
    classKind: 'event',
    classCode: '01001',
    description: '东华门大街供水井盖破损，行人有踩空危险',
    location: { lng: point.lng, lat: point.lat },
    address: '东华门大街 1 号',
    reporter: { name: '王先生', phone: '13800000000', callId: 'call-1' },
    ...overrides,
  };
}

export type Caller = Awaited<ReturnType<typeof signIn>>;

/** Performs a case action as `caller`, asserting it succeeded; returns the case after it. */
export async function act(caller: Caller, id: string, action: string, body: unknown = {}) {
  const res = await caller.post(`/api/v1/cases/${id}/actions/${action}`, body);
  assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
  return res.body;
}
