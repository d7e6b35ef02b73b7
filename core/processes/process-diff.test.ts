import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { Invalid } from '../errors.ts';
import { readDiagramStructure } from './diagram-structure.ts';
import { diffDiagrams } from './process-diff.ts';

const valid = await readFile(new URL('../../workflows/lint/fixtures/valid.bpmn', import.meta.url), 'utf8');

describe('diffDiagrams', () => {
  it('finds nothing between a diagram and itself', async () => {
    const structure = await readDiagramStructure(valid);
    const diff = diffDiagrams(structure, structure);
    assert.equal(diff.processName, null);
    assert.deepEqual(diff.elements, { added: [], removed: [], changed: [] });
    assert.deepEqual(diff.flows, { added: [], removed: [], changed: [] });
  });

  it('reports a changed task type and name as changes of the same element', async () => {
    // given a version whose register task is renamed and runs another worker
    const next = valid.replace('name="立案"', 'name="立案审核"').replace('type="case.register"', 'type="case.review"');
    // when the two versions are compared
    const diff = diffDiagrams(await readDiagramStructure(valid), await readDiagramStructure(next));
    // then one element changed in exactly those two properties
    assert.deepEqual(diff.elements.changed, [
      {
        id: 'Task_Register',
        changes: [
          { property: 'name', from: '立案', to: '立案审核' },
          { property: 'taskType', from: 'case.register', to: 'case.review' },
        ],
      },
    ]);
  });

  it('reports an inserted element with its flows, a removed flow, and a condition', async () => {
    // given a timer between the register task and the end, reached through a conditional flow
    const next = valid
      .replace(
        '<bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Register" targetRef="End_Closed" />',
        `<bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Register" targetRef="Timer_Wait"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=registered</bpmn:conditionExpression></bpmn:sequenceFlow>
         <bpmn:intermediateCatchEvent id="Timer_Wait" name="等待"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
         <bpmn:sequenceFlow id="Flow_4" sourceRef="Timer_Wait" targetRef="End_Closed" />`,
      )
      .replace('<bpmn:definitions ', '<bpmn:definitions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ');
    // when the two versions are compared
    const diff = diffDiagrams(await readDiagramStructure(valid), await readDiagramStructure(next));
    // then
    assert.deepEqual(diff.elements.added.map((e) => [e.id, e.timer]), [['Timer_Wait', { kind: 'timeDuration', expression: 'PT2H' }]]);
    assert.deepEqual(diff.flows.removed.map((f) => f.id), ['Flow_2']);
    assert.deepEqual(
      diff.flows.added.map((f) => [f.id, f.sourceId, f.targetId, f.condition]),
      [
        ['Flow_3', 'Task_Register', 'Timer_Wait', '=registered'],
        ['Flow_4', 'Timer_Wait', 'End_Closed', null],
      ],
    );
    assert.deepEqual(diff.elements.removed, []);
  });

  it('refuses XML that is not a diagram with one executable process', async () => {
    await assert.rejects(readDiagramStructure('<bpmn:definitions'), Invalid);
    await assert.rejects(readDiagramStructure(valid.replace('isExecutable="true"', 'isExecutable="false"')), /exactly one executable process/);
  });
});
