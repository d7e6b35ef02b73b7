import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { Invalid } from '../../../core/errors.ts';
import type { DeployResource } from '../../../core/ports/engine.ts';
import { lintDiagram } from '../../../workflows/lint/lint-diagram.ts';
import { describeElements, type DiagramElements } from '../embedded/diagram-elements.ts';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;

interface ModdleNode {
  $type: string;
  id?: string;
  isExecutable?: boolean;
}

/** The zeebe:* facts of a diagram's process, read the same way as the embedded engine reads them. */
export async function readDiagramElements(xml: string, resourceName: string): Promise<DiagramElements> {
  const { rootElement } = await new BpmnModdle({ zeebe: zeebeSchema }).fromXML(xml, 'bpmn:Definitions');
  const processes = ((rootElement as { rootElements?: ModdleNode[] }).rootElements ?? []).filter(
    (element) => element.$type === 'bpmn:Process' && element.isExecutable !== false,
  );
  if (processes.length !== 1) {
    throw new Invalid(`${resourceName} must hold exactly one executable process, it holds ${processes.length}`, { field: resourceName });
  }
  return describeElements(processes[0] as ModdleNode & Record<string, unknown>);
}

/**
 * What both engines refuse before deploying (issue 3): a diagram that fails the Camunda 8 lint, or that names a
 * job type no worker handles — on Zeebe such a job would wait for ever instead of failing. FEEL job types are
 * only known at run time and are not checked.
 */
export async function checkDiagram(resource: DeployResource, workerTypes: ReadonlySet<string>): Promise<DiagramElements> {
  const lint = await lintDiagram(resource.content);
  if (lint.errors.length > 0) {
    throw new Invalid(
      `${resource.name} fails lint: ${lint.errors.map((e) => `${e.elementId ?? '-'}: ${e.message} (${e.rule})`).join('; ')}`,
      { field: lint.errors[0]?.elementId ?? resource.name, extra: { lint: lint.errors } },
    );
  }
  const elements = await readDiagramElements(resource.content, resource.name);
  for (const element of Object.values(elements)) {
    if (element.job && !element.job.type.startsWith('=') && !workerTypes.has(element.job.type)) {
      throw new Invalid(`${element.id} names task type ${element.job.type}, which has no registered worker`, { field: element.id });
    }
  }
  return elements;
}
