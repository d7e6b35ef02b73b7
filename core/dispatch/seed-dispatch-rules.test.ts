import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seedDemo } from '../../demo/seed-demo.ts';
import { loadStandardsCatalog } from '../../standards/catalog.ts';
import { StandardsDataError } from '../../standards/validated-json.ts';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { dispatchRulesDataDir, seedDispatchRules } from './seed-dispatch-rules.ts';
import { suggestDepartment } from './suggest-department.ts';

const demoRules = path.join(dispatchRulesDataDir, 'demo-city.json');
const catalog = loadStandardsCatalog({ overlayFile: 'standards/datasets/overlays/demo-city.json' });

// Real grids of the demo city (demo/city-layout.ts): street, community and sequence.
const donghuamenGrid = '110101001001001';
const jingshanParkGrid = '110101002001003';
const jiaodaokouGrid = '110101003002001';
const marketGrid = '110101004002003';

const ask = (classKind: 'component' | 'event', classCode: string, gridCode: string) =>
  ({ classScheme: 'gbt47678', classKind, classCode, majorCode: classCode.slice(0, 2), gridCode });

describe('the demo city dispatch rules', () => {
  let t: TestDatabase;
  let folder: string;

  before(async () => {
    t = await openTestDatabase();
    folder = await mkdtemp(path.join(tmpdir(), 'citycase-dispatch-rules-'));
    await seedDemo(t.db, { password: 'demo-password-1' });
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
    await t.dispose();
  });

  it('validate and load into the demo city once; a second seed adds nothing', async () => {
    const first = await t.db.transaction((tx) => seedDispatchRules(tx, demoRules, catalog));
    assert.ok(first.total > 40);
    assert.equal(first.inserted, first.total);
    const again = await t.db.transaction((tx) => seedDispatchRules(tx, demoRules, catalog));
    assert.deepEqual(again, { total: first.total, inserted: 0 });
    const { rows } = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM dispatch_rule');
    assert.equal(rows[0]?.count, first.total);
  });

  it('send utility manhole covers to their owners, gas and water supply automatically', async () => {
    const gas = await suggestDepartment(t.db, ask('component', '01011', donghuamenGrid));
    assert.deepEqual([gas.departmentId, gas.autoDispatch], ['gas', true]);
    const gasMatter = await suggestDepartment(t.db, ask('event', '01011', jiaodaokouGrid));
    assert.deepEqual([gasMatter.departmentId, gasMatter.autoDispatch], ['gas', true]);
    const sewage = await suggestDepartment(t.db, ask('component', '01002', donghuamenGrid));
    assert.deepEqual([sewage.departmentId, sewage.autoDispatch], ['water-affairs', false]);
    assert.equal((await suggestDepartment(t.db, ask('component', '01026', donghuamenGrid))).departmentId, 'municipal', 'other municipal facilities');
  });

  it('send greening to the district bureau, but the park community to the city bureau', async () => {
    assert.equal((await suggestDepartment(t.db, ask('component', '04002', donghuamenGrid))).departmentId, 'district-landscaping');
    assert.equal((await suggestDepartment(t.db, ask('component', '04002', jingshanParkGrid))).departmentId, 'landscaping');
    assert.equal((await suggestDepartment(t.db, ask('component', '04001', donghuamenGrid))).departmentId, 'landscaping', '古树名木 everywhere');
  });

  it('send street-order events to the street office of the case street, and the market grid to market regulation', async () => {
    assert.equal((await suggestDepartment(t.db, ask('event', '09006', jiaodaokouGrid))).departmentId, 'street-110101003');
    assert.equal((await suggestDepartment(t.db, ask('event', '09006', donghuamenGrid))).departmentId, 'street-110101001');
    assert.equal((await suggestDepartment(t.db, ask('event', '09006', marketGrid))).departmentId, 'district-market-regulation');
    assert.equal((await suggestDepartment(t.db, ask('event', '09009', marketGrid))).departmentId, 'traffic-police', 'parking is the traffic police everywhere');
  });

  it('dispatch exposed garbage automatically, and leave fallen cables to the dispatcher', async () => {
    const garbage = await suggestDepartment(t.db, ask('event', '06010', jiaodaokouGrid));
    assert.deepEqual([garbage.departmentId, garbage.autoDispatch], ['sanitation', true]);
    assert.equal((await suggestDepartment(t.db, ask('event', '06030', jiaodaokouGrid))).departmentId, 'district-urban-management');
    const cables = await suggestDepartment(t.db, ask('event', '10002', marketGrid));
    assert.equal(cables.departmentId, null);
    assert.deepEqual(cables.candidates.map((rule) => rule.departmentId).sort(), ['power-supply', 'telecom']);
  });

  it('refuse a bad file naming file, JSON path and rule, and write none of it', async () => {
    const good = { id: 'x-good', classScheme: 'gbt47678', classKind: 'component', classCode: '01001', area: null, departmentId: 'water-supply', autoDispatch: false };
    const cases: Array<[string, object[], string, string]> = [
      ['unknown department', [good, { ...good, id: 'x-bad', classCode: '01002', departmentId: 'nobody' }], '/rules/1/departmentId', 'department-exists'],
      ['unknown class', [good, { ...good, id: 'x-bad', classCode: '01999' }], '/rules/1/classCode', 'class-exists'],
      ['unknown major class', [{ ...good, classCode: undefined, majorCode: '77' }], '/rules/0/majorCode', 'major-class-exists'],
      ['both class and major', [{ ...good, majorCode: '01' }], '/rules/0/majorCode', 'one-class-selector'],
      ['unknown street', [{ ...good, area: { streetId: '110101099' } }], '/rules/0/area/streetId', 'area-exists'],
      ['a community given as a street', [{ ...good, area: { streetId: '110101001001' } }], '/rules/0/area/streetId', 'pattern'],
      ['an unknown community after a good rule', [{ ...good, area: { districtId: '110101' } }, { ...good, id: 'x-bad', area: { communityId: '110101001999' } }], '/rules/1/area/communityId', 'area-exists'],
      ['two areas', [{ ...good, area: { streetId: '110101001', districtId: '110101' } }], '/rules/0/area', 'maxProperties'],
      ['repeated id', [good, good], '/rules/1/id', 'unique-id'],
      ['an unknown field', [{ ...good, department: 'gas' }], '/rules/0/department', 'additionalProperties'],
    ];
    for (const [label, rules, jsonPath, rule] of cases) {
      const file = path.join(folder, 'bad.json');
      await writeFile(file, JSON.stringify({ city: '示范市', rules }));
      await assert.rejects(
        t.db.transaction((tx) => seedDispatchRules(tx, file, catalog)),
        (error: unknown) => error instanceof StandardsDataError && error.jsonPath === jsonPath && error.rule === rule && error.message.includes('bad.json'),
        label,
      );
    }
    const { rows } = await t.db.query("SELECT 1 FROM dispatch_rule WHERE id LIKE 'x-%'");
    assert.equal(rows.length, 0);
  });
});
