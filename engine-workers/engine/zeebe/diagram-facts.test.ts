import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { Invalid } from '../../../core/errors.ts';
import { checkDiagram } from './diagram-facts.ts';

const fixture = async (name: string) => ({
  name,
  content: await readFile(new URL(`../../../workflows/lint/fixtures/${name}`, import.meta.url), 'utf8'),
});

describe('what the Zeebe adapter refuses to deploy', () => {
  it('accepts a diagram whose task types all have workers, and reads its job retries', async () => {
    const elements = await checkDiagram(await fixture('valid.bpmn'), new Set(['case.register']));
    assert.equal(elements.Task_Register?.job?.type, 'case.register');
    assert.equal(elements.Task_Register?.job?.retries, '3');
  });

  it('refuses a diagram naming a task type without a worker, and says which element', async () => {
    await assert.rejects(checkDiagram(await fixture('valid.bpmn'), new Set()), (error: Invalid) => {
      assert.ok(error instanceof Invalid);
      assert.equal(error.field, 'Task_Register');
      assert.match(error.message, /case\.register/);
      return true;
    });
  });

  it('refuses a diagram that fails the Camunda 8 lint', async () => {
    await assert.rejects(checkDiagram(await fixture('missing-task-definition.bpmn'), new Set(['case.register'])), Invalid);
  });

  it('refuses text that is not BPMN', async () => {
    await assert.rejects(checkDiagram({ name: 'notes.bpmn', content: 'not xml at all' }, new Set()), Invalid);
  });
});
