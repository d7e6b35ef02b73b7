import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../core/identity/users.ts';
import { wgs84ToBd09, wgs84ToGcj02 } from '../../core/geo/index.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';

const password = 'correct horse battery';
const community = '330106001001';
const square = (lng: number, lat: number, size = 0.001) => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]],
});
const grid = (seq: string, lng: number, lat: number) => ({
  type: 'Feature',
  geometry: square(lng, lat),
  properties: { code: community + seq, communityId: community, nameZh: `网格${seq}`, areaGrade: 'A' },
});

describe('grids over HTTP', () => {
  let t: TestDatabase;
  let server: TestServer;
  let admin: string;
  let acceptor: string;

  before(async () => {
    t = await openTestDatabase();
    await t.db.exec(`INSERT INTO organisation (id, kind, name_zh) VALUES ('330106', 'district', '西湖区');
      INSERT INTO organisation (id, kind, name_zh, parent_id) VALUES ('330106001', 'street', '北山街道', '330106');
      INSERT INTO organisation (id, kind, name_zh, parent_id) VALUES ('${community}', 'community', '保俶塔社区', '330106001');
      INSERT INTO organisation (id, kind, name_zh, name_en, parent_id) VALUES ('330106002', 'street', '西溪街道', 'Xixi Subdistrict', '330106');
      INSERT INTO organisation (id, kind, name_zh, parent_id) VALUES ('330106002001', 'community', '西溪100%社区', '330106002');`);
    await createUser(t.db, { username: 'admin', displayName: '管理员', password, roles: ['admin'] });
    await createUser(t.db, { username: 'acceptor', displayName: '受理员', password, roles: ['acceptor'] });
    server = await startTestServer(t.db);
    const login = async (username: string) =>
      (await server.call('POST', '/api/v1/auth/login', { body: { username, password } })).body.accessToken as string;
    admin = await login('admin');
    acceptor = await login('acceptor');
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('imports unit grids as admin only, and serves them as GeoJSON', async () => {
    const body = { type: 'FeatureCollection', features: [grid('001', 120.14, 30.26), grid('002', 120.141, 30.26)] };
    assert.equal((await server.call('POST', '/api/v1/grids/import?kind=unit', { token: acceptor, body })).status, 403);
    const res = await server.call('POST', '/api/v1/grids/import?kind=unit', { token: admin, body });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.imported, 2);
    const list = await server.call('GET', '/api/v1/grids', { token: acceptor });
    assert.equal(list.body.type, 'FeatureCollection');
    assert.deepEqual(list.body.features.map((f: { id: string }) => f.id), [community + '001', community + '002']);
    assert.ok(list.body.features[0].properties.areaM2 > 9000, 'area in square metres is computed');
  });

  it('refuses a bad grid naming the feature, and writes none of the batch', async () => {
    const selfCrossing = {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[120.15, 30.26], [120.151, 30.261], [120.151, 30.26], [120.15, 30.261], [120.15, 30.26]]] },
      properties: { code: community + '004', communityId: community },
    };
    const cases: Array<[unknown, string]> = [
      [{ type: 'FeatureCollection', features: [grid('003', 120.15, 30.27), selfCrossing] }, 'features.1.geometry'],
      [{ type: 'FeatureCollection', features: [{ ...grid('005', 120.15, 30.27), properties: { code: '12345', communityId: community } }] }, 'features.0.properties.code'],
      [{ type: 'FeatureCollection', features: [{ ...grid('006', 120.15, 30.27), properties: { code: '330106001002006', communityId: '330106001002' } }] }, 'features.0.properties.communityId'],
    ];
    for (const [body, field] of cases) {
      const res = await server.call('POST', '/api/v1/grids/import?kind=unit', { token: admin, body });
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.equal(res.body.field, field);
    }
    const { rows } = await t.db.query(`SELECT code FROM unit_grid WHERE code LIKE '%003'`);
    assert.equal(rows.length, 0, 'the good grid before the bad one was rolled back');
  });

  it('locates a point in its grid, street and community, from WGS-84, GCJ-02 and BD-09', async () => {
    const wgs: [number, number] = [120.1405, 30.2605];
    const inputs = [
      { lng: wgs[0], lat: wgs[1] },
      { lng: wgs84ToGcj02(wgs)[0], lat: wgs84ToGcj02(wgs)[1], crs: 'GCJ02' },
      { lng: wgs84ToBd09(wgs)[0], lat: wgs84ToBd09(wgs)[1], crs: 'BD09' },
    ];
    for (const input of inputs) {
      const query = new URLSearchParams(Object.entries(input).map(([k, v]): [string, string] => [k, String(v)]));
      const res = await server.call('GET', `/api/v1/grids/locate?${query}`, { token: acceptor });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.gridCode, community + '001');
      assert.equal(res.body.streetName, '北山街道');
      assert.equal(res.body.communityName, '保俶塔社区');
    }
  });

  it('says so when a point is outside every grid, or the query is bad', async () => {
    const outside = await server.call('GET', '/api/v1/grids/locate?lng=121&lat=31', { token: acceptor });
    assert.equal(outside.status, 404);
    assert.match(outside.body.detail, /no unit grid/);
    const bad = [
      ['lng=200&lat=30', 'location.lng'],
      ['lng=120&lat=30&crs=EPSG3857', 'crs'],
      ['lat=30', 'lng'],
      ['lng=abc&lat=30', 'lng'],
    ];
    for (const [query, field] of bad) {
      const res = await server.call('GET', `/api/v1/grids/locate?${query}`, { token: acceptor });
      assert.equal(res.status, 422, query);
      assert.equal(res.body.field, field, query);
    }
  });

  it('finds districts, streets and communities by name, code or the area they lie in, for the pickers', async () => {
    const areas = async (query: string) => {
      const res = await server.call('GET', `/api/v1/areas?${query}`, { token: acceptor });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return (res.body.items as Array<{ id: string; kind: string; nameZh: string; parentNameZh: string | null }>).map((a) => `${a.id} ${a.nameZh} < ${a.parentNameZh}`);
    };
    assert.deepEqual(await areas('kind=street'), ['330106001 北山街道 < 西湖区', '330106002 西溪街道 < 西湖区']);
    assert.deepEqual(await areas('q=西溪'), ['330106002 西溪街道 < 西湖区', '330106002001 西溪100%社区 < 西溪街道']);
    assert.deepEqual(await areas('q=xixi'), ['330106002 西溪街道 < 西湖区'], 'English names match too, in any case');
    assert.deepEqual(await areas('q=330106001'), ['330106001 北山街道 < 西湖区', '330106001001 保俶塔社区 < 北山街道'], 'a code matches what starts with it');
    assert.deepEqual(await areas('kind=community&parentId=330106002'), ['330106002001 西溪100%社区 < 西溪街道']);
    assert.deepEqual(await areas('q=%25'), ['330106002001 西溪100%社区 < 西溪街道'], 'a % in the search is a character, not a wildcard');
    assert.deepEqual(await areas('kind=street&limit=1'), ['330106001 北山街道 < 西湖区']);
    for (const [query, field] of [['kind=city', 'kind'], ['limit=0', 'limit'], ['parentId=abc', 'parentId'], ['colour=red', 'colour']]) {
      const res = await server.call('GET', `/api/v1/areas?${query}`, { token: acceptor });
      assert.equal(res.status, 422, query);
      assert.equal(res.headers.get('content-type')?.split(';')[0], 'application/problem+json');
      assert.equal(res.body.field, field, query);
    }
    assert.equal((await server.call('GET', '/api/v1/areas')).status, 401);
  });
});
