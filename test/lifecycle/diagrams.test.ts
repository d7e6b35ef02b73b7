import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { lintDiagram } from '../../workflows/lint/lint-diagram.ts';
import { caseTaskTypes } from '../../engine-workers/workers/index.ts';

const workflows = new URL('../../workflows/', import.meta.url);
const formsDir = new URL('../../forms/schemas/', import.meta.url);
const diagrams = readdirSync(workflows).filter((file) => file.endsWith('.bpmn'));
const read = (file: string) => readFileSync(new URL(file, workflows), 'utf8');
const attributeValues = (xml: string, pattern: RegExp) => [...xml.matchAll(pattern)].map((match) => match[1] as string);

// The UI hints the forms carry besides JSON Schema's own keywords.
const formAjv = new Ajv2020({ strict: true, allErrors: true });
for (const keyword of ['x-title-en', 'x-widget', 'x-placeholder', 'x-options']) formAjv.addKeyword(keyword);
const formSchema = (formId: string) => JSON.parse(readFileSync(new URL(`${formId}.schema.json`, formsDir), 'utf8')) as { $id: string };
const compiledForm = (formId: string) => {
  const schema = formSchema(formId);
  return formAjv.getSchema(schema.$id) ?? formAjv.compile(schema);
};

describe('diagrams', () => {
  it('include the case lifecycle and a process a city adds itself', () => {
    assert.ok(diagrams.includes('case-lifecycle.bpmn'));
    assert.ok(diagrams.includes('citizen-report-acceptance.bpmn'));
  });

  for (const file of diagrams) {
    describe(file, () => {
      const xml = read(file);

      it('passes bpmnlint with the Camunda 8.6 rules without errors', async () => {
        const report = await lintDiagram(xml);
        assert.deepEqual(report.errors, []);
      });

      it('names only task types that have a case worker', () => {
        const types = attributeValues(xml, /<zeebe:taskDefinition type="([^"]+)"/g);
        assert.ok(types.length > 0);
        assert.deepEqual(types.filter((type) => !caseTaskTypes.includes(type)), []);
      });

      it('points every user task at a form schema that compiles', () => {
        for (const formId of new Set(attributeValues(xml, /formId="([^"]+)"/g))) {
          assert.doesNotThrow(() => compiledForm(formId), formId);
        }
      });
    });
  }

  it('a diagram that breaks the rules is caught (the check can fail)', async () => {
    const broken = read('case-lifecycle.bpmn').replace('<zeebe:taskDefinition type="case.register" retries="3" />', '');
    assert.notEqual((await lintDiagram(broken)).errors.length, 0);
  });

  it('every case worker is used by the case lifecycle', () => {
    const types = new Set(attributeValues(read('case-lifecycle.bpmn'), /<zeebe:taskDefinition type="([^"]+)"/g));
    assert.deepEqual(caseTaskTypes.filter((type) => !types.has(type)), []);
  });
});

describe('form schemas', () => {
  const validate = (formId: string, body: unknown) => compiledForm(formId)(body);

  it('accept the bodies the API sends and refuse incomplete ones', () => {
    assert.equal(validate('approval', { approved: true, comment: '同意' }), true);
    assert.equal(validate('approval', { comment: '同意' }), false);
    assert.equal(validate('approval', { approved: 'yes' }), false);
    assert.equal(validate('approval', { approved: true, extra: 1 }), false);
    assert.equal(validate('handle-case', { handleOutcome: 'extend', extensionLimit: '2 工作日', comment: '需采购井盖' }), true);
    assert.equal(validate('handle-case', { handleOutcome: 'extend', comment: '需采购井盖' }), false);
    assert.equal(validate('handle-case', { handleOutcome: 'extend', extensionLimit: 'two days', comment: 'x' }), false);
    assert.equal(validate('register-decision', { registerDecision: 'merge' }), false);
    assert.equal(validate('register-decision', { registerDecision: 'merge', duplicateOf: 'c-1' }), true);
    assert.equal(validate('verify', { passed: false }), false);
    assert.equal(validate('verify', { passed: true, attachmentIds: ['a1'] }), true);
  });

  it('each has zh-CN and English titles', () => {
    for (const file of readdirSync(formsDir)) {
      const schema = JSON.parse(readFileSync(new URL(file, formsDir), 'utf8')) as { title?: string; 'x-title-en'?: string };
      assert.match(schema.title ?? '', /[\u4e00-\u9fff]/, file);
      assert.ok(schema['x-title-en'], file);
    }
  });
});
