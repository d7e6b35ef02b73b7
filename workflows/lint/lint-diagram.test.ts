import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { lintDiagram } from './lint-diagram.ts';

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('lintDiagram', () => {
  it('accepts a Zeebe-flavoured diagram', async () => {
    const report = await lintDiagram(await fixture('valid.bpmn'));
    assert.deepEqual(report.errors, []);
  });

  it('names the service task that lacks a zeebe:taskDefinition', async () => {
    const report = await lintDiagram(await fixture('missing-task-definition.bpmn'));
    assert.ok(
      report.errors.some((e) => e.elementId === 'Task_Register' && /taskDefinition/i.test(e.message)),
      JSON.stringify(report.errors),
    );
  });

  it('reports XML that does not parse as an error instead of throwing', async () => {
    const report = await lintDiagram('<bpmn:definitions');
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0]?.rule, 'xml');
  });
});
