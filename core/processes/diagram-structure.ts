import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { Invalid } from '../errors.ts';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;

/** What an administrator compares between two versions of a diagram: what runs, who works on it, when it fires. */
export interface DiagramElement {
  id: string;
  /** The BPMN type, e.g. bpmn:UserTask. */
  type: string;
  name: string | null;
  /** zeebe:taskDefinition type, e.g. case.dispatch. */
  taskType: string | null;
  formId: string | null;
  /** As written in the diagram: a list or a FEEL expression. */
  candidateGroups: string | null;
  timer: { kind: 'timeDate' | 'timeDuration' | 'timeCycle'; expression: string } | null;
  /** The activity a boundary event sits on. */
  attachedTo: string | null;
}

export interface DiagramFlow {
  id: string;
  name: string | null;
  sourceId: string;
  targetId: string;
  condition: string | null;
}

export interface DiagramStructure {
  processId: string;
  processName: string | null;
  elements: DiagramElement[];
  flows: DiagramFlow[];
}

interface ModdleNode {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function extension(node: ModdleNode, type: string): ModdleNode | undefined {
  const values = (node.extensionElements as { values?: ModdleNode[] } | undefined)?.values ?? [];
  return values.find((value) => value.$type === type);
}

function timerOf(node: ModdleNode): DiagramElement['timer'] {
  const definitions = (node.eventDefinitions as ModdleNode[] | undefined) ?? [];
  const timer = definitions.find((d) => d.$type === 'bpmn:TimerEventDefinition');
  if (!timer) return null;
  for (const kind of ['timeDate', 'timeDuration', 'timeCycle'] as const) {
    const expression = text((timer[kind] as ModdleNode | undefined)?.body);
    if (expression) return { kind, expression };
  }
  return null;
}

function elementOf(node: ModdleNode): DiagramElement {
  const form = extension(node, 'zeebe:FormDefinition');
  return {
    id: String(node.id),
    type: node.$type,
    name: text(node.name),
    taskType: text(extension(node, 'zeebe:TaskDefinition')?.type),
    formId: text(form?.formId) ?? text(form?.formKey),
    candidateGroups: text(extension(node, 'zeebe:AssignmentDefinition')?.candidateGroups),
    timer: timerOf(node),
    attachedTo: text((node.attachedToRef as ModdleNode | undefined)?.id),
  };
}

function flowOf(node: ModdleNode): DiagramFlow {
  return {
    id: String(node.id),
    name: text(node.name),
    sourceId: String((node.sourceRef as ModdleNode | undefined)?.id),
    targetId: String((node.targetRef as ModdleNode | undefined)?.id),
    condition: text((node.conditionExpression as ModdleNode | undefined)?.body),
  };
}

/**
 * The elements and sequence flows of a diagram's one executable process, sub-processes included, in document
 * order. Invalid when the XML does not parse or does not hold exactly one executable process.
 */
export async function readDiagramStructure(xml: string): Promise<DiagramStructure> {
  let definitions: ModdleNode;
  try {
    definitions = (await new BpmnModdle({ zeebe: zeebeSchema }).fromXML(xml, 'bpmn:Definitions')).rootElement as unknown as ModdleNode;
  } catch (error) {
    throw new Invalid(`the diagram is not BPMN XML: ${(error as Error).message}`, { field: 'xml' });
  }
  const processes = ((definitions.rootElements as ModdleNode[] | undefined) ?? []).filter(
    (e) => e.$type === 'bpmn:Process' && e.isExecutable !== false,
  );
  const process = processes[0];
  if (!process || processes.length > 1) {
    throw new Invalid(`a diagram must hold exactly one executable process, this one holds ${processes.length}`, { field: 'xml' });
  }
  const structure: DiagramStructure = { processId: String(process.id), processName: text(process.name), elements: [], flows: [] };
  const visit = (container: ModdleNode) => {
    for (const node of (container.flowElements as ModdleNode[] | undefined) ?? []) {
      if (node.$type === 'bpmn:SequenceFlow') structure.flows.push(flowOf(node));
      else structure.elements.push(elementOf(node));
      if (node.flowElements) visit(node);
    }
  };
  visit(process);
  return structure;
}
