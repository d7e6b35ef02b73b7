import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseRule } from './choose-rule.ts';
import { normalizeRule, type DispatchRuleInput } from './dispatch-rule.ts';

const rule = (id: string, departmentId: string, fields: Partial<DispatchRuleInput> = {}) =>
  normalizeRule({ id, classScheme: 'gbt47678', classKind: 'component', area: null, departmentId, autoDispatch: false, ...fields }, null);

describe('chooseRule', () => {
  it('suggests nothing when no rule matches', () => {
    assert.deepEqual(chooseRule([]), { departmentId: null, autoDispatch: false, candidates: [] });
  });

  it('prefers the exact class over the major class over any class, wherever they hold', () => {
    const anyClassInGrid = rule('any-grid', 'street-office', { area: { gridCode: '110101001001001' } });
    const majorInStreet = rule('major-street', 'municipal', { majorCode: '01', area: { streetId: '110101001' } });
    const exactCityWide = rule('exact-city', 'gas', { classCode: '01011' });
    assert.equal(chooseRule([anyClassInGrid, majorInStreet, exactCityWide]).departmentId, 'gas');
    assert.equal(chooseRule([anyClassInGrid, majorInStreet]).departmentId, 'municipal');
  });

  it('prefers grid over community over street over district over the whole city for the same class level', () => {
    const levels = [
      rule('city', 'a', { majorCode: '01' }),
      rule('district', 'b', { majorCode: '01', area: { districtId: '110101' } }),
      rule('street', 'c', { majorCode: '01', area: { streetId: '110101001' } }),
      rule('community', 'd', { majorCode: '01', area: { communityId: '110101001001' } }),
      rule('grid', 'e', { majorCode: '01', area: { gridCode: '110101001001001' } }),
    ];
    for (let count = 1; count <= levels.length; count++) {
      const picked = chooseRule(levels.slice(0, count).reverse());
      assert.equal(picked.rule?.id, levels[count - 1]?.id);
    }
  });

  it('is ambiguous when equally specific rules name different departments, and lists them', () => {
    const telecom = rule('cable-telecom', 'telecom', { classCode: '10002' });
    const power = rule('cable-power', 'power-supply', { classCode: '10002', autoDispatch: true });
    const fallback = rule('major', 'municipal', { majorCode: '10' });
    const picked = chooseRule([fallback, telecom, power]);
    assert.equal(picked.departmentId, null);
    assert.equal(picked.rule, undefined);
    assert.equal(picked.autoDispatch, false, 'an ambiguous case is never dispatched automatically');
    assert.deepEqual(picked.candidates.map((candidate) => candidate.id).sort(), ['cable-power', 'cable-telecom']);
  });

  it('lets a higher priority settle a tie, and keeps the other as a candidate', () => {
    const telecom = rule('cable-telecom', 'telecom', { classCode: '10002' });
    const power = rule('cable-power', 'power-supply', { classCode: '10002', priority: 5, autoDispatch: true });
    const picked = chooseRule([telecom, power]);
    assert.equal(picked.departmentId, 'power-supply');
    assert.equal(picked.autoDispatch, true);
    assert.deepEqual(picked.candidates.map((candidate) => candidate.id), ['cable-power', 'cable-telecom']);
  });

  it('auto-dispatches only when the deciding rule says so', () => {
    assert.equal(chooseRule([rule('gas', 'gas', { classCode: '01011', autoDispatch: true })]).autoDispatch, true);
    assert.equal(chooseRule([rule('water', 'water-affairs', { classCode: '01002' })]).autoDispatch, false);
  });
});
