import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApiKey } from '../../core/identity/api-keys.ts';
import { ManualClock } from '../support/clock.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/http.ts';
import { givenDemoCity, pointInCollectorScope, signIn } from '../api/support.ts';

type Caller = Awaited<ReturnType<typeof signIn>>;

// The field lists of GeoReport v2 (http://wiki.open311.org/GeoReport_v2), in the spec's order.
const serviceFields = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const requestFields = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];

/** The element names directly inside each `<item>` of an XML answer (our documents nest nothing deeper there). */
function xmlItems(xml: string, item: string): Array<Record<string, string>> {
  return [...xml.matchAll(new RegExp(`<${item}>(.*?)</${item}>`, 'gs'))].map((match) => {
    const fields: Record<string, string> = {};
    for (const field of (match[1] as string).matchAll(/<(\w+)(?:\/>|>(.*?)<\/\1>)/gs)) fields[field[1] as string] = field[2] ?? '';
    return fields;
  });
}

describe('Open311 GeoReport v2 at /open311/v2', () => {
  let t: TestDatabase;
  let server: TestServer;
  const clock = new ManualClock('2026-11-23T09:00:00+08:00');
  let point: { lng: number; lat: number };
  let key: string;
  let videoKey: string;
  let dispatcher: Caller;

  before(async () => {
    t = await openTestDatabase();
    await givenDemoCity(t.db);
    point = await pointInCollectorScope(t.db);
    server = await startTestServer(t.db, clock);
    key = (await createApiKey(t.db, { name: '随手拍 Open311 客户端', channel: 'open311', createdBy: null })).key;
    videoKey = (await createApiKey(t.db, { name: 'camera', channel: 'video', createdBy: null })).key;
    dispatcher = await signIn(server, 'dispatcher');
  });
  after(async () => {
    await server.close();
    await t.dispose();
  });

  const get = (path: string) => server.call('GET', `/open311/v2${path}`);
  /** The spec's POST example (a form), moved to our city and one of our services. */
  const specExample = (overrides: Record<string, string> = {}) =>
    new URLSearchParams({
      api_key: key,
      jurisdiction_id: 'city.gov',
      service_code: '06010',
      lat: String(point.lat),
      long: String(point.lng),
      address_string: '东华门大街 8 号',
      email: 'smit222@sfgov.edu',
      device_id: 'tt222111',
      account_id: '123456',
      first_name: 'john',
      last_name: 'smith',
      phone: '111111111',
      description: 'ble ble ble',
      media_url: 'https://farm5.static.flickr.com/4057/4660699337_f7ae4dd2e3.jpg',
      ...overrides,
    }).toString();
  const postForm = (format: 'json' | 'xml', form: string) =>
    server.call('POST', `/open311/v2/requests.${format}`, { body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const caseCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM "case"')).rows[0]?.n;

  it('describes itself at /discovery in JSON and XML', async () => {
    const json = await get('/discovery.json');
    assert.equal(json.status, 200);
    assert.deepEqual(Object.keys(json.body), ['changeset', 'contact', 'key_service', 'endpoints']);
    const [endpoint] = json.body.endpoints;
    assert.equal(endpoint.specification, 'http://wiki.open311.org/GeoReport_v2');
    assert.equal(endpoint.url, `${server.url}/open311/v2`);
    assert.deepEqual(endpoint.formats, ['application/json', 'text/xml']);
    const xml = await get('/discovery.xml');
    assert.match(xml.headers.get('content-type') ?? '', /^text\/xml/);
    assert.match(xml.body, /<discovery><changeset>.*<endpoints><endpoint><specification>http:\/\/wiki\.open311\.org\/GeoReport_v2<\/specification>/s);
  });

  it('lists the GB/T 47678.5 event classes as services, grouped by major class', async () => {
    const json = await get('/services.json');
    assert.equal(json.status, 200);
    assert.ok(json.body.length > 100);
    for (const service of json.body) assert.deepEqual(Object.keys(service), serviceFields);
    const garbage = json.body.find((s: { service_code: string }) => s.service_code === '06010');
    assert.deepEqual(
      { ...garbage, keywords: undefined },
      { service_code: '06010', service_name: '暴露垃圾', description: '暴露垃圾 (Exposed garbage)', metadata: false, type: 'realtime', keywords: undefined, group: '市容环境类' },
    );
    assert.match(garbage.keywords, /暴露垃圾/);
    const xml = await get('/services.xml');
    const services = xmlItems(xml.body, 'service');
    assert.equal(services.length, json.body.length);
    assert.deepEqual(Object.keys(services[0]!), serviceFields);
    assert.deepEqual(services.find((s) => s.service_code === '06010')?.metadata, 'false');
  });

  it('gives a service definition, and 404 in the spec\'s error format for an unknown one', async () => {
    assert.deepEqual((await get('/services/06010.json')).body, { service_code: '06010', attributes: [] });
    assert.match((await get('/services/06010.xml')).body, /<service_definition><service_code>06010<\/service_code><attributes\/><\/service_definition>/);
    const missing = await get('/services/99999.json');
    assert.equal(missing.status, 404);
    assert.equal(missing.body[0].code, 404);
    assert.equal(typeof missing.body[0].description, 'string');
    const missingXml = await get('/services/99999.xml');
    assert.equal(missingXml.status, 404);
    assert.match(missingXml.body, /<errors><error><code>404<\/code><description>.+<\/description><\/error><\/errors>/);
  });

  let firstId: string;

  it('takes the spec\'s example POST as a form and makes a case the dispatcher sees', async () => {
    const res = await postForm('json', specExample());
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const [answer] = res.body;
    assert.match(answer.service_request_id, /^20261123\d{5}$/);
    firstId = answer.service_request_id;
    const listed = await dispatcher.get(`/api/v1/cases?q=${answer.service_request_id}`);
    const created = (listed.body.items as Array<Record<string, any>>).find((c) => c.caseNumber === firstId); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.ok(created, 'the dispatcher sees the case');
    assert.equal(created.source, 'app');
    assert.equal(created.className, '暴露垃圾');
    assert.equal(created.description, 'ble ble ble');
    assert.equal(created.address, '东华门大街 8 号');
    assert.deepEqual([created.reporter.name, created.reporter.phone, created.reporter.email, created.reporter.channel], ['smithjohn', '111111111', 'smit222@sfgov.edu', 'open311']);

    const token = await get(`/tokens/${answer.token}.json`);
    assert.deepEqual(token.body, [{ service_request_id: firstId, token: answer.token }]);
    assert.equal((await get('/tokens/not-a-token.json')).status, 404);
  });

  it('takes JSON as well and answers in XML when asked', async () => {
    const res = await server.call('POST', '/open311/v2/requests.xml', {
      body: { api_key: key, service_code: '09006', lat: point.lat, long: point.lng, description: '路口占道经营' },
    });
    assert.equal(res.status, 201);
    const [answer] = xmlItems(res.body, 'request');
    assert.match(answer?.service_request_id ?? '', /^20261123\d{5}$/);
  });

  it('lists and shows requests with every field of the spec, statuses mapped to open and closed', async () => {
    const list = await get('/requests.json');
    assert.equal(list.status, 200);
    assert.ok(list.body.length >= 2);
    for (const request of list.body) assert.deepEqual(Object.keys(request), requestFields);
    const one = await get(`/requests/${firstId}.json`);
    assert.equal(one.body.length, 1);
    assert.deepEqual(
      { ...one.body[0], requested_datetime: undefined, updated_datetime: undefined, expected_datetime: undefined, address_id: undefined },
      {
        service_request_id: firstId, status: 'open', status_notes: '待受理 Reported', service_name: '暴露垃圾', service_code: '06010',
        description: 'ble ble ble', agency_responsible: null, service_notice: null, requested_datetime: undefined, updated_datetime: undefined,
        expected_datetime: undefined, address: '东华门大街 8 号', address_id: undefined, zipcode: null, lat: point.lat, long: point.lng, media_url: null,
      },
    );
    assert.equal(JSON.stringify(one.body).includes('111111111'), false, 'no reporter details in public answers');
    const xml = await get(`/requests/${firstId}.xml`);
    const [request] = xmlItems(xml.body, 'request');
    assert.deepEqual(Object.keys(request!), requestFields);
    assert.equal(request?.status, 'open');
    const missing = await get('/requests/1.json');
    assert.deepEqual([missing.status, missing.body[0].code], [404, 404]);
  });

  it('maps a rejected report to closed and filters by status, service code and dates', async () => {
    const res = await postForm('json', specExample({ description: '重复举报' }));
    const id = res.body[0].service_request_id as string;
    const caseId = res.body[0].token as string;
    const acceptor = await signIn(server, 'acceptor');
    const shiftleader = await signIn(server, 'shiftleader');
    assert.equal((await acceptor.post(`/api/v1/cases/${caseId}/actions/confirm`, { needsOnSiteCheck: false })).status, 200);
    const rejected = await shiftleader.post(`/api/v1/cases/${caseId}/actions/reject`, { comment: '不符合立案条件' });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));

    const shown = (await get(`/requests/${id}.json`)).body[0];
    assert.equal(shown.status, 'closed');
    assert.equal(shown.status_notes, '不予立案 Rejected');
    const ids = async (query: string) => ((await get(`/requests.json?${query}`)).body as Array<{ service_request_id: string }>).map((r) => r.service_request_id);
    assert.deepEqual(await ids('status=closed'), [id]);
    assert.ok(!(await ids('status=open')).includes(id));
    assert.ok((await ids('service_code=06010')).includes(firstId));
    assert.ok(!(await ids('service_code=09006')).includes(firstId));
    assert.deepEqual(await ids(`service_request_id=${firstId},${id}`), [id, firstId].sort().reverse());
    assert.deepEqual(await ids('end_date=2026-01-01T00:00:00Z'), []);

    assert.deepEqual(await ids('end_date=2027-03-01T00:00:00Z'), [], 'without a start date the window is the 90 days before the end');
    assert.ok((await ids('end_date=2027-02-01T00:00:00Z')).includes(firstId));
    assert.ok((await ids('start_date=2026-11-01T00:00:00+08:00')).includes(firstId));
  });

  it('answers bad requests with the spec\'s error list and writes nothing', async () => {
    const before = await caseCount();
    const cases: Array<[string, string, number]> = [
      ['no key', specExample({ api_key: '' }), 400],
      ['forged key', specExample({ api_key: 'cck_forged' }), 403],
      ['another channel\'s key', specExample({ api_key: videoKey }), 403],
      ['unknown service', specExample({ service_code: '99999' }), 400],
      ['no position', specExample({ lat: '', long: '' }).replace(/&lat=&long=/, ''), 400],
      ['outside the city', specExample({ lat: '37.76524078', long: '-122.4212043' }), 400],
      ['bad email', specExample({ email: 'not an email' }), 400],
    ];
    for (const [what, form, status] of cases) {
      const res = await postForm('json', form);
      assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body[0].code, status, what);
      assert.ok(res.body[0].description, what);
    }
    const xml = await postForm('xml', specExample({ api_key: 'cck_forged' }));
    assert.equal(xml.status, 403);
    assert.match(xml.body, /<errors><error><code>403<\/code>/);
    const huge = await postForm('json', specExample({ description: 'x'.repeat(2_000_000) }));
    assert.deepEqual([huge.status, huge.body[0].code], [413, 413]);
    assert.deepEqual([(await get('/requests.json?start_date=yesterday')).status, (await get('/requests.json?status=lost')).status], [400, 400]);
    assert.deepEqual((await get('/nothing.json')).body[0].code, 404);
    assert.equal(await caseCount(), before);
  });
});
