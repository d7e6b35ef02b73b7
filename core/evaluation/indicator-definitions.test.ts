import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { defaultIndicatorFile, loadIndicatorSet, subjects } from './indicator-definitions.ts';

it('ships department, collector and region indicators, each labelled with a known source', () => {
  const set = loadIndicatorSet();
  const ids = (subject: (typeof subjects)[number]) => set.subjects[subject].indicators.map((indicator) => indicator.nameZh);
  for (const name of ['应处置数', '处置数', '按期处置数', '按期处置率', '超期处置数', '返工数', '返工率', '回退数', '延期数', '挂账数', '结案数', '结案率', '按期结案率']) {
    assert.ok(ids('department').includes(name), name);
  }
  for (const name of ['上报数', '有效上报数', '有效上报率', '按时核实率', '按时核查数', '按时核查率']) assert.ok(ids('collector').includes(name), name);
  for (const name of ['问题发生数', '立案数', '结案率', '按期结案率']) assert.ok(ids('region').includes(name), name);
  assert.ok(Object.keys(set.sources).includes('CJ/T 292-2008'));
});

function withChange(change: (data: any) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any -- edits arbitrary JSON
  const data = JSON.parse(readFileSync(defaultIndicatorFile, 'utf8'));
  change(data);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'citycase-indicators-')), 'city.json');
  writeFileSync(file, JSON.stringify(data));
  return file;
}

it('a city changes weights and grade bands in its own file', () => {
  const file = withChange((data) => {
    data.grades = [{ grade: 'A', minScore: 95 }, { grade: 'B', minScore: 0 }];
    data.subjects.region.score.terms = [{ indicator: 'closureRate', weight: 1, better: 'higher' }];
  });
  const set = loadIndicatorSet(file);
  assert.deepEqual(set.grades.map((band) => band.grade), ['A', 'B']);
  assert.deepEqual(set.subjects.region.score.terms.map((term) => term.indicator), ['closureRate']);
});

it('refuses a broken file, naming the JSON path and the rule', () => {
  const cases: [(data: any) => void, RegExp][] = [ // eslint-disable-line @typescript-eslint/no-explicit-any -- edits arbitrary JSON
    [(data) => { data.subjects.region.indicators[0].measure = 'handled'; }, /\/subjects\/region\/indicators\/0\/measure: measure: "handled" is not a region measure/],
    [(data) => { data.subjects.department.score.terms[0].indicator = 'handled'; }, /\/subjects\/department\/score\/terms\/0\/indicator: reference/],
    [(data) => { data.subjects.collector.indicators[2].denominator = 'nothing'; }, /\/subjects\/collector\/indicators\/2: reference: "nothing"/],
    [(data) => { data.subjects.region.indicators[1].source = 'hearsay'; }, /\/subjects\/region\/indicators\/1\/source: source: unknown source "hearsay"/],
    [(data) => { data.grades = [{ grade: 'A', minScore: 60 }, { grade: 'B', minScore: 75 }, { grade: 'D', minScore: 0 }]; }, /\/grades\/1: descending/],
    [(data) => { data.grades = [{ grade: 'A', minScore: 60 }]; }, /\/grades\/0: complete/],
    [(data) => { data.subjects.region.score.terms[0].weight = 0; }, /\/subjects\/region\/score\/terms\/0\/weight: exclusiveMinimum/],
  ];
  for (const [change, message] of cases) {
    assert.throws(() => loadIndicatorSet(withChange(change)), (error: Error) => error.name === 'StandardsDataError' && message.test(error.message));
  }
});
