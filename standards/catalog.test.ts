import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Invalid, NotFound } from '../core/errors.ts';
import { loadStandardsCatalog } from './catalog.ts';

const catalog = loadStandardsCatalog();

describe('standards catalogue (shipped data)', () => {
  it('holds the GB/T 47678.5-2026 and legacy class counts', () => {
    assert.equal(catalog.classes('gbt47678', 'component').length, 153);
    assert.equal(catalog.classes('gbt47678', 'event').length, 250);
    assert.equal(catalog.classes('legacy', 'component').length, 85);
    assert.deepEqual(catalog.majorClasses('gbt47678', 'component').map((major) => major.nameZh), ['市政公用设施', '交通设施', '市容环卫设施', '园林绿化设施', '其他管理部件']);
    assert.equal(catalog.majorClasses('gbt47678', 'event').length, 10);
    assert.equal(catalog.majorClasses('legacy', 'component').length, 6);
  });

  it('finds a class with its major class and official names', () => {
    assert.deepEqual(
      { ...catalog.getClass('gbt47678', 'event', '06010') },
      { scheme: 'gbt47678', kind: 'event', code: '06010', majorCode: '06', nameZh: '暴露垃圾', nameEn: 'Exposed garbage', codeStatus: 'explicit-in-source', origin: 'national', disabled: false },
    );
    assert.equal(catalog.majorOf('gbt47678', 'event', '06010')?.nameZh, '市容环境类');
    assert.equal(catalog.getClass('gbt47678', 'event', '06031'), undefined, '06031 is a gap in the national list');
    assert.equal(catalog.majorOf('gbt47678', 'event', '06031'), undefined);
  });

  it('marks legacy codes that come only from the order of a source', () => {
    assert.equal(catalog.getClass('legacy', 'component', '0110')?.codeStatus, 'derived-from-sequence');
    assert.equal(catalog.getClass('legacy', 'component', '0101')?.codeStatus, 'explicit-in-source');
  });

  it('searches by code prefix and by Chinese name', () => {
    assert.deepEqual(catalog.classes('gbt47678', 'event', { search: '0900' }).map((entry) => entry.code), ['09001', '09002', '09003', '09004', '09005', '09006', '09008', '09009']);
    assert.equal(catalog.classes('gbt47678', 'component', { search: '井盖' }).length, 20);
    assert.deepEqual(catalog.classes('legacy', 'event', { search: '乱停放' }).map((entry) => entry.nameZh), ['机动车乱停放', '非机动车乱停放']);
  });

  it('gives the documented filing conditions with deadlines per area grade', () => {
    const rules = catalog.caseRules('gbt47678', 'component', '01001');
    assert.equal(rules.origin, 'documented');
    assert.equal(rules.default, false);
    assert.deepEqual(rules.conditions.map((condition) => condition.filingCondition), [
      '缺失、移位、开裂，存在安全隐患的',
      '破损超过25c㎡',
      '弹跳产生声响，翻盖明显影响安全',
      '井盖周边路面150cm×150cm范围内出现深陷、凸起或破损,井框与路面高低差大于2cm',
    ]);
    const [urgent, damaged] = rules.conditions;
    assert.deepEqual(urgent?.deadlines, { A: { value: 2, unit: '小时' }, B: { value: 2, unit: '小时' }, C: { value: 2, unit: '小时' } });
    assert.equal(urgent?.urgent, true);
    assert.equal(urgent?.provenance.city, '运城市');
    assert.equal(urgent?.provenance.deadlineText, '2紧急工作时');
    assert.deepEqual(damaged?.deadlines.B, { value: 4, unit: '工作时' });
    assert.equal(damaged?.closingCondition, '更换或修复');
  });

  it('keeps the rules of other cities as alternatives, with one city in force', () => {
    const rules = catalog.caseRules('gbt47678', 'event', '06010');
    assert.deepEqual([...new Set(rules.conditions.map((condition) => condition.provenance.city))], ['运城市']);
    assert.deepEqual([...new Set(rules.alternatives.map((condition) => condition.provenance.city))].sort(), ['未署名区', '济源市'].sort());
  });

  it('lets a component-related matter use its component rules', () => {
    const rules = catalog.caseRules('gbt47678', 'event', '01001');
    assert.deepEqual(rules.inheritedFrom, { scheme: 'gbt47678', kind: 'component', code: '01001' });
    assert.equal(rules.conditions, catalog.caseRules('gbt47678', 'component', '01001').conditions);
    assert.equal(catalog.rulesFor('gbt47678', '01001').length, 4);
  });

  it('marks the default rule of a class no city documents', () => {
    const rules = catalog.caseRules('gbt47678', 'event', '09014');
    assert.equal(rules.default, true);
    assert.equal(rules.origin, 'default');
    assert.equal(rules.conditions.length, 1);
    assert.ok((rules.conditions[0]?.deadlines.A.value ?? 0) > 0);
  });

  it('cross-walks legacy classes by name, both ways, and lends them the 2026 rules', () => {
    const [entry] = catalog.counterparts('legacy', 'component', '0101');
    assert.deepEqual(entry && { to: entry.to, match: entry.match }, { to: { scheme: 'gbt47678', code: '01001' }, match: 'synonym' });
    assert.ok(catalog.crosswalk('gbt47678', 'legacy').some((reverse) => reverse.from.code === '06010' && reverse.to.code === '0110'));
    assert.equal(catalog.counterparts('legacy', 'component', '0117').every((split) => split.match === 'partial'), true);
    const rules = catalog.caseRules('legacy', 'component', '0101');
    assert.deepEqual(rules.inheritedFrom, { scheme: 'gbt47678', kind: 'component', code: '01001' });
    assert.equal(rules.conditions.length, 4);
    assert.equal(catalog.caseRules('legacy', 'component', '0117').default, true, 'a partial match does not carry rules');
  });

  it('refuses an ambiguous code without a kind and an unknown code', () => {
    assert.throws(() => catalog.rulesFor('legacy', '0101'), Invalid);
    assert.equal(catalog.rulesFor('legacy', '0101', 'event')[0]?.provenance.city, '运城市');
    assert.throws(() => catalog.rulesFor('gbt47678', '99999'), NotFound);
    assert.throws(() => catalog.caseRules('gbt47678', 'component', '06010'), NotFound);
  });
});
