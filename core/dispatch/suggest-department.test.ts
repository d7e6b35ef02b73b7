import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../test/support/database.ts';
import { normalizeRule, type DispatchRuleInput } from './dispatch-rule.ts';
import { insertDispatchRule } from './dispatch-rule-store.ts';
import { suggestDepartment } from './suggest-department.ts';

// A district with two streets; street 1 has a community with two grids, street 2 a community with one.
const district = '330106';
const [street1, street2] = ['330106001', '330106002'];
const [community1, community2] = ['330106001001', '330106002001'];
const [grid1, grid2, grid3] = ['330106001001001', '330106001001002', '330106002001001'];
const square = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };

const gasCover = { classScheme: 'gbt47678', classKind: 'component', classCode: '01011', majorCode: '01' };
const streetLamp = { classScheme: 'gbt47678', classKind: 'component', classCode: '01037', majorCode: '01' };

describe('suggestDepartment', () => {
  let t: TestDatabase;
  const addRule = async (id: string, departmentId: string, fields: Partial<DispatchRuleInput>) =>
    insertDispatchRule(t.db, normalizeRule({ id, classScheme: 'gbt47678', classKind: 'component', area: null, departmentId, autoDispatch: false, ...fields }, null));

  before(async () => {
    t = await openTestDatabase();
    await t.db.exec(`
      INSERT INTO organisation (id, kind, name_zh, parent_id) VALUES
        ('${district}', 'district', '西湖区', NULL),
        ('${street1}', 'street', '北山街道', '${district}'), ('${street2}', 'street', '西溪街道', '${district}'),
        ('${community1}', 'community', '保俶塔社区', '${street1}'), ('${community2}', 'community', '古荡社区', '${street2}');
      INSERT INTO unit_grid (code, community_id, geometry, min_lng, min_lat, max_lng, max_lat) VALUES
        ('${grid1}', '${community1}', '${JSON.stringify(square)}', 0, 0, 1, 1),
        ('${grid2}', '${community1}', '${JSON.stringify(square)}', 0, 0, 1, 1),
        ('${grid3}', '${community2}', '${JSON.stringify(square)}', 0, 0, 1, 1);
      INSERT INTO department (id, name_zh, type) VALUES
        ('city-municipal', '市市政', 'city-department'), ('district-municipal', '区市政', 'district-department'),
        ('street-1', '北山街道办', 'street-office'), ('community-keeper', '社区物业', 'street-office'),
        ('grid-keeper', '网格养护', 'street-office'), ('gas', '燃气公司', 'utility-company'),
        ('lamps-a', '路灯甲', 'utility-company'), ('lamps-b', '路灯乙', 'utility-company');
      INSERT INTO department (id, name_zh, type, active) VALUES ('closed-down', '已撤销', 'city-department', false);`);
    await addRule('major-city', 'city-municipal', { majorCode: '01' });
    await addRule('major-district', 'district-municipal', { majorCode: '01', area: { districtId: district } });
    await addRule('major-street', 'street-1', { majorCode: '01', area: { streetId: street1 } });
    await addRule('major-community', 'community-keeper', { majorCode: '01', area: { communityId: community1 } });
    await addRule('major-grid', 'grid-keeper', { majorCode: '01', area: { gridCode: grid1 } });
    await addRule('gas-city', 'gas', { classCode: '01011', autoDispatch: true });
    await addRule('gas-grid-closed', 'closed-down', { classCode: '01011', area: { gridCode: grid1 } });
    await addRule('lamps-a', 'lamps-a', { classCode: '01037', area: { streetId: street2 } });
    await addRule('lamps-b', 'lamps-b', { classCode: '01037', area: { streetId: street2 } });
  });
  after(async () => t.dispose());

  it('walks from the grid up through community, street and district to the whole city', async () => {
    const other = { classScheme: 'gbt47678', classKind: 'component', classCode: '01001', majorCode: '01' };
    assert.equal((await suggestDepartment(t.db, { ...other, gridCode: grid1 })).departmentId, 'grid-keeper');
    assert.equal((await suggestDepartment(t.db, { ...other, gridCode: grid2 })).departmentId, 'community-keeper');
    assert.equal((await suggestDepartment(t.db, { ...other, gridCode: grid3 })).departmentId, 'district-municipal');
    assert.equal((await suggestDepartment(t.db, { ...other, gridCode: null })).departmentId, 'city-municipal');
    assert.equal((await suggestDepartment(t.db, { ...other, gridCode: '999999999999999' })).departmentId, 'city-municipal', 'an unknown grid matches whole-city rules only');
  });

  it('lets the exact class win over a major-class rule for the very grid, and skips inactive departments', async () => {
    const suggestion = await suggestDepartment(t.db, { ...gasCover, gridCode: grid1 });
    assert.equal(suggestion.departmentId, 'gas');
    assert.equal(suggestion.rule?.id, 'gas-city', 'the grid rule names a department that was closed down');
    assert.equal(suggestion.autoDispatch, true);
  });

  it('lists the candidates and suggests nothing when two departments tie', async () => {
    const suggestion = await suggestDepartment(t.db, { ...streetLamp, gridCode: grid3 });
    assert.equal(suggestion.departmentId, null);
    assert.equal(suggestion.autoDispatch, false);
    assert.deepEqual(suggestion.candidates.map((rule) => rule.departmentId).sort(), ['lamps-a', 'lamps-b']);
    assert.equal((await suggestDepartment(t.db, { ...streetLamp, gridCode: grid2 })).departmentId, 'community-keeper', 'the tie is only in street 2');
  });

  it('suggests nothing when no rule matches the class', async () => {
    const event = await suggestDepartment(t.db, { ...gasCover, classKind: 'event', gridCode: grid1 });
    assert.deepEqual(event, { departmentId: null, autoDispatch: false, candidates: [] });
    const withoutMajor = await suggestDepartment(t.db, { ...gasCover, classCode: '04002', majorCode: '04', gridCode: grid1 });
    assert.equal(withoutMajor.departmentId, null);
  });
});
