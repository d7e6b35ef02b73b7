import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadStandardsCatalog } from './catalog.ts';

const overlays = path.join(import.meta.dirname, 'datasets', 'overlays');

describe('city overlay', () => {
  // given the demo city's overlay
  const catalog = loadStandardsCatalog({ overlayFile: path.join(overlays, 'demo-city.json') });

  it('adds extension classes under national major classes', () => {
    const extension = catalog.getClass('gbt47678', 'component', '03901');
    assert.equal(extension?.nameZh, '屋（楼）顶广告');
    assert.equal(extension?.origin, 'extension');
    assert.equal(extension?.codeStatus, 'city-extension');
    assert.equal(catalog.majorOf('gbt47678', 'component', '03901')?.nameZh, '市容环卫设施');
    assert.equal(catalog.classes('gbt47678', 'component').length, 155);
    assert.equal(catalog.caseRules('gbt47678', 'component', '03901').conditions.length, 2);
  });

  it('gives an extension class without rules its major class default', () => {
    const rules = catalog.caseRules('gbt47678', 'component', '03902');
    assert.equal(rules.default, true);
    assert.equal(rules.conditions[0]?.id, 'default-03');
  });

  it('renames a class and keeps the official name', () => {
    const renamed = catalog.getClass('gbt47678', 'event', '06010');
    assert.equal(renamed?.nameZh, '暴露生活垃圾');
    assert.equal(renamed?.officialNameZh, '暴露垃圾');
    assert.deepEqual(catalog.classes('gbt47678', 'event', { search: '暴露垃圾' }).map((entry) => entry.code), ['06010']);
  });

  it('hides a disabled class from lists but still resolves it', () => {
    assert.equal(catalog.classes('gbt47678', 'event').some((entry) => entry.code === '09014'), false);
    assert.equal(catalog.classes('gbt47678', 'event', { includeDisabled: true }).some((entry) => entry.code === '09014'), true);
    assert.equal(catalog.getClass('gbt47678', 'event', '09014')?.disabled, true);
  });

  it('overrides the rules of a class with deadlines per area grade', () => {
    const rules = catalog.caseRules('gbt47678', 'event', '06012');
    assert.equal(rules.origin, 'overlay');
    assert.deepEqual(rules.conditions[0]?.deadlines, { A: { value: 1, unit: '工作时' }, B: { value: 2, unit: '工作时' }, C: { value: 4, unit: '工作时' } });
    assert.equal(rules.conditions[0]?.provenance.city, '示范市');
    assert.ok(rules.alternatives.some((replaced) => replaced.provenance.city === '运城市'), 'the documented rule stays visible as an alternative');
  });

  it('leaves the catalogue without an overlay untouched', () => {
    const national = loadStandardsCatalog();
    assert.equal(national.overlay, undefined);
    assert.equal(national.getClass('gbt47678', 'event', '06010')?.nameZh, '暴露垃圾');
    assert.equal(national.caseRules('gbt47678', 'event', '06012').origin, 'documented');
  });

  it('loads the 运城市 local classes as an overlay with their documented rules', () => {
    const yuncheng = loadStandardsCatalog({ overlayFile: path.join(overlays, 'yuncheng.json') });
    assert.equal(yuncheng.overlay?.extensions, 54);
    assert.equal(yuncheng.majorOf('gbt47678', 'event', '90001')?.nameZh, '突发事件');
    const burst = yuncheng.caseRules('gbt47678', 'event', '90001');
    assert.equal(burst.conditions[0]?.filingCondition, '供水管道破裂导致的跑、冒、滴、漏，路面溢水');
    assert.deepEqual(burst.conditions[0]?.deadlines.A, { value: 1, unit: '小时' });
  });
});
