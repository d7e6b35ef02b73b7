import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { wgs84ToGcj02 } from '../../core/geo/index.ts';
import { qrSvg } from '../../core/components/component-qr.ts';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenDemoCity, pointInCollectorScope, signIn, type Caller } from '../api/support.ts';

/** The first demo component: a water-supply manhole cover (供水井盖) in 景山街道. */
const manhole = '11010101001000001';
const jingshan = '110101002';

describe('components (部件) over HTTP: lookup, QR codes, sheets, import', () => {
  let t: TestDatabase;
  let server: TestServer;
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  const as: Record<string, Caller> = {};
  let point: { lng: number; lat: number };

  const importCsv = (text: string, query = '', token = as.admin!.token, charset = 'utf-8') =>
    server.call('POST', `/api/v1/components/import${query}`, { body: text, token, headers: { 'content-type': `text/csv; charset=${charset}` } });
  const importGeoJson = (features: unknown[], query = '') =>
    server.call('POST', `/api/v1/components/import${query}`, {
      body: { type: 'FeatureCollection', features },
      token: as.admin!.token,
      headers: { 'content-type': 'application/geo+json' },
    });
  const stored = async (code: string) =>
    (await t.db.query<{ lng: number; lat: number; name_zh: string | null; state: string; owner_unit: string | null; attributes: Record<string, unknown>; updated_at: Date }>(
      'SELECT lng, lat, name_zh, state, owner_unit, attributes, updated_at FROM component WHERE id = $1', [code],
    )).rows[0];
  const componentCount = async () => Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM component')).rows[0]?.n);

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    const { lng, lat } = await pointInCollectorScope(t.db);
    point = { lng, lat };
    server = await startTestServer(t.db, clock);
    for (const user of ['admin', 'acceptor', 'citizen', 'water-supply']) as[user] = await signIn(server, user);
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  it('shows anyone a component by its code with class, place, street, owner and state, cacheably; 404 for unknown codes', async () => {
    const res = await server.call('GET', `/api/v1/public/components/${manhole}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(res.headers.get('cache-control') ?? '', /public, max-age=\d+/);
    const component = res.body;
    assert.equal(component.code, manhole);
    assert.deepEqual(
      { code: component.class.code, nameZh: component.class.nameZh, majorNameZh: component.class.majorNameZh },
      { code: '01001', nameZh: '供水井盖', majorNameZh: '市政公用设施' },
    );
    assert.equal(component.street.id, jingshan);
    assert.equal(component.street.nameZh, '景山街道');
    assert.ok(component.community.nameZh);
    assert.equal(component.grid.code, '110101002001007');
    assert.deepEqual(component.owner, { id: 'water-supply', nameZh: '市自来水公司' });
    assert.equal(component.state, 'intact');
    assert.equal(component.stateZh, '完好');
    assert.equal(component.location.crs, 'WGS84');
    const [gLng, gLat] = wgs84ToGcj02([component.location.lng, component.location.lat]);
    assert.ok(Math.abs(component.gcj02.lng - gLng) < 1e-6 && Math.abs(component.gcj02.lat - gLat) < 1e-6, 'GCJ-02 for Chinese map SDKs');
    for (const internal of ['attributes', 'maintainer', 'openCases']) assert.ok(!(internal in component), `no ${internal} in public`);

    for (const code of ['11010101001999999', 'not-a-code']) {
      const missing = await server.call('GET', `/api/v1/public/components/${code}`);
      assert.equal(missing.status, 404);
      assert.match(missing.headers.get('content-type') ?? '', /application\/problem\+json/);
    }
  });

  it('draws the QR code of the report page for the component, as SVG and PNG, at the address the caller used', async () => {
    const svg = await server.call('GET', `/api/v1/public/components/${manhole}/qr.svg`);
    assert.equal(svg.status, 200);
    assert.match(svg.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.equal(svg.body, await qrSvg(`${server.url}/report?component=${manhole}`), 'encodes the absolute report URL');

    // Behind the reverse proxy on loopback, the public address is the proxy's.
    const proxied = await server.call('GET', `/api/v1/public/components/${manhole}/qr.svg`, {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'cg.example.gov.cn' },
    });
    assert.equal(proxied.body, await qrSvg(`https://cg.example.gov.cn/report?component=${manhole}`));

    const png = await fetch(`${server.url}/api/v1/public/components/${manhole}/qr.png?size=256`);
    assert.equal(png.status, 200);
    assert.equal(png.headers.get('content-type'), 'image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(bytes.readUInt32BE(16), 256, 'as wide as asked');

    assert.equal((await server.call('GET', `/api/v1/public/components/${manhole}/qr.png?size=99999`)).status, 422);
    assert.equal((await server.call('GET', '/api/v1/public/components/11010101001999999/qr.svg')).status, 404);
  });

  it('lists and shows the inventory to staff only, filtered by street and class, with keeper and attributes', async () => {
    assert.equal((await server.call('GET', '/api/v1/components')).status, 401);
    assert.equal((await as.citizen!.get('/api/v1/components')).status, 403);
    const page = await as.acceptor!.get(`/api/v1/components?street=${jingshan}&classCode=01001&limit=5`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    assert.equal(page.body.items.length, 5);
    assert.ok(page.body.total >= 5);
    assert.ok(page.body.items.every((item: { street: { id: string }; class: { code: string } }) => item.street.id === jingshan && item.class.code === '01001'));
    const all = await as.acceptor!.get('/api/v1/components?limit=1');
    assert.equal(all.body.total, 393, 'the demo inventory');
    assert.equal((await as.acceptor!.get('/api/v1/components?state=broken')).status, 422);

    const one = await as['water-supply']!.get(`/api/v1/components/${manhole}`);
    assert.equal(one.status, 200);
    assert.deepEqual(one.body.maintainer, { id: 'water-supply', nameZh: '市自来水公司' });
    assert.equal(typeof one.body.attributes.installedYear, 'number');
    assert.equal(one.body.openCases, 0);
    assert.equal((await as.acceptor!.get('/api/v1/components/11010101001999999')).status, 404);
  });

  it('imports a CSV inventory with Chinese column titles, and importing it again changes nothing', async () => {
    const before = await componentCount();
    const csv = [
      '部件标识码,部件类别代码,部件名称,经度,纬度,权属单位,养护单位,部件状态,地址,备注',
      `11010103005900001,03005,垃圾箱,${point.lng},${point.lat},sanitation,市环境卫生管理中心,完好,"景山前街 1 号, 东侧",新购`,
      `11010104002900001,04002,行道树,${point.lng + 0.0001},${point.lat},landscaping,district-landscaping,damaged,,`,
    ].join('\r\n');
    const first = await importCsv(`\uFEFF${csv}\r\n`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(first.body, { imported: 2, created: 2, updated: 0, unchanged: 0 });
    assert.equal(await componentCount(), before + 2);
    const bin = await stored('11010103005900001');
    assert.equal(bin?.owner_unit, 'sanitation');
    assert.deepEqual(bin?.attributes, { 备注: '新购', address: '景山前街 1 号, 东侧' });
    assert.equal((await stored('11010104002900001'))?.state, 'damaged');

    const firstUpdatedAt = bin?.updated_at;
    clock.advance(60_000);
    const again = await importCsv(csv);
    assert.deepEqual(again.body, { imported: 2, created: 0, updated: 0, unchanged: 2 });
    assert.deepEqual((await stored('11010103005900001'))?.updated_at, firstUpdatedAt, 'an unchanged row keeps its time');

    const changed = await importCsv(csv.replace('完好', '破损'));
    assert.deepEqual(changed.body, { imported: 2, created: 0, updated: 1, unchanged: 1 });
    assert.equal((await stored('11010103005900001'))?.state, 'damaged');
    assert.equal(await componentCount(), before + 2);
  });

  it('refuses a bad CSV as a whole, listing every bad row and field, and writes nothing', async () => {
    const before = await componentCount();
    const csv = [
      'code,classCode,lng,lat,name,ownerUnit,state',
      `11010103005900002,03005,${point.lng},${point.lat},好的垃圾箱,sanitation,intact`, // fine, but must not be written
      `11010103005900003,99999,${point.lng},${point.lat},,,`, // unknown class
      `11010103005900004,03005,121.47,31.23,,,`, // Shanghai: outside the city
      `1101010300590,03005,${point.lng},${point.lat},,nobody,gone`, // short code, unknown department, bad state
      `11010101001900005,03005,${point.lng},${point.lat},,,`, // the code's class digits say 01001
      `99999903005900006,03005,${point.lng},${point.lat},,,`, // wrong district
      `11010103005900002,03005,east,${point.lat},,,`, // repeated code, longitude not a number
    ].join('\n');
    const res = await importCsv(csv);
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.match(res.body.detail, /6 of 7 rows have errors; nothing was imported/);
    const found = (res.body.errors as Array<{ line: number; field: string; column: string }>).map((error) => `${error.line}:${error.field}`);
    assert.deepEqual(found, ['3:classCode', '4:lng', '5:code', '5:ownerUnit', '5:state', '6:code', '7:code', '8:code', '8:lng']);
    assert.equal(res.body.errors[0].column, 'classCode');
    assert.equal(res.body.errors.find((error: { line: number; field: string }) => error.line === 8 && error.field === 'code').detail,
      '部件标识码 11010103005900002 在文件中重复（首次出现在第 2 行）', 'the repeat names the line the code first appeared on');
    assert.equal(res.body.field, 'classCode');
    assert.equal(await componentCount(), before);
    assert.equal(await stored('11010103005900002'), undefined);

    const missingColumns = await importCsv('code,name\n11010103005900002,x\n');
    assert.equal(missingColumns.status, 422);
    assert.match(missingColumns.body.detail, /classCode, lng, lat/);
    const unclosed = await importCsv(`code,classCode,lng,lat\n11010103005900002,03005,"${point.lng},${point.lat}\n`);
    assert.equal(unclosed.status, 422);
  });

  it('imports GeoJSON points in GCJ-02, stores WGS-84, and keeps unknown properties as attributes; admins only', async () => {
    const [gLng, gLat] = wgs84ToGcj02([point.lng, point.lat]);
    const feature = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [gLng, gLat] },
      properties: { code: '11010102012900001', classCode: '02012', nameZh: '路名牌（景山前街）', ownerUnit: 'district-urban-management', material: '铝板' },
    };
    const res = await importGeoJson([feature], '?crs=GCJ02');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.created, 1);
    const sign = await stored('11010102012900001');
    assert.ok(Math.abs(Number(sign?.lng) - point.lng) < 1e-5 && Math.abs(Number(sign?.lat) - point.lat) < 1e-5, 'converted to WGS-84');
    assert.equal(sign?.name_zh, '路名牌（景山前街）');
    assert.deepEqual(sign?.attributes, { material: '铝板' });

    const bad = await importGeoJson([{ ...feature, properties: { ...feature.properties, classCode: '06010' } }]);
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].feature, 0);
    assert.equal(bad.body.errors[0].field, 'features.0.properties.classCode', 'an event class is not a component class');
    const line = await importGeoJson([{ ...feature, geometry: { type: 'LineString', coordinates: [[1, 2], [3, 4]] } }]);
    assert.equal(line.status, 422);

    assert.equal((await importCsv('code,classCode,lng,lat\n', '', as.acceptor!.token)).status, 403);
    const xml = await server.call('POST', '/api/v1/components/import', { body: '<x/>', token: as.admin!.token, headers: { 'content-type': 'application/xml' } });
    assert.equal(xml.status, 415);
  });

  it('prints one street\'s QR codes on an A4 sheet for administrators, each labelled, names escaped', async () => {
    const hostile = `code,classCode,lng,lat,name\n11010103008900001,03008,${point.lng},${point.lat},<script>alert(1)</script>\n`;
    assert.equal((await importCsv(hostile)).status, 200);
    const street = (await as.acceptor!.get('/api/v1/components/11010103008900001')).body.street.id as string;

    assert.equal((await as.acceptor!.get(`/api/v1/components/qr-sheet?street=${street}`)).status, 403);
    const res = await as.admin!.get(`/api/v1/components/qr-sheet?street=${street}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = res.body as string;
    const total = (await as.admin!.get(`/api/v1/components?street=${street}&limit=1`)).body.total as number;
    assert.equal(html.match(/<figure class="label">/g)?.length, total, 'one label per component of the street');
    assert.match(html, /@page \{ size: A4/);
    assert.ok(!html.includes('<script>'), 'no markup from the data');
    assert.ok(html.includes('&#60;script&#62;alert(1)&#60;/script&#62;'));
    assert.ok(html.includes('11010103008900001'));

    assert.equal((await as.admin!.get('/api/v1/components/qr-sheet?street=110101999')).status, 404);
    assert.equal((await as.admin!.get('/api/v1/components/qr-sheet')).status, 422);
  });

  it('takes a citizen report from a component\'s QR code: the component\'s class, the case names the component', async () => {
    const component = (await server.call('GET', `/api/v1/public/components/${manhole}`)).body;
    const report = (body: Record<string, unknown>) =>
      server.call('POST', '/api/v1/public/reports', { body, headers: { 'x-device-id': 'qr-test-device-0001' } });
    const created = await report({ classCode: component.class.code, componentCode: manhole, location: component.location });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { rows } = await t.db.query<{ component_id: string; class_kind: string; class_code: string; class_name: string; description: string }>(
      `SELECT c.component_id, c.class_kind, c.class_code, c.class_name, c.description FROM "case" c
         JOIN citizen_report r ON r.case_id = c.id WHERE r.tracking_code = $1`,
      [created.body.trackingCode],
    );
    assert.deepEqual(rows[0], {
      component_id: manhole, class_kind: 'component', class_code: '01001', class_name: '供水井盖', description: `市民随手拍：供水井盖（部件 ${manhole}）`,
    });
    assert.equal((await as.acceptor!.get(`/api/v1/components/${manhole}`)).body.openCases, 1);
    const caseId = (await t.db.query<{ case_id: string }>('SELECT case_id FROM citizen_report WHERE tracking_code = $1', [created.body.trackingCode])).rows[0]?.case_id;
    assert.equal((await as.acceptor!.get(`/api/v1/cases/${caseId}`)).body.componentId, manhole, 'staff see which component the case is about');

    const cases = Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM "case"')).rows[0]?.n);
    const unknown = await report({ classCode: '01001', componentCode: '11010101001999999', location: component.location });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.field, 'componentCode');
    // Without the component, 01001 is not in the citizens' picker.
    assert.equal((await report({ classCode: '01001', location: component.location })).status, 422);
    assert.equal(Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM "case"')).rows[0]?.n), cases);
  });
});
