/**
 * The parts of a Zeebe-flavoured diagram the host acts on, read once at deploy time from the moddle tree and
 * stored with the definition (bpmn-engine ignores zeebe:* elements; the host gives them their meaning).
 */

export interface Mapping {
  source: string;
  target: string;
}

export interface ElementInfo {
  id: string;
  type: string;
  name: string | null;
  /** zeebe:taskDefinition on a service (or send/script/business rule) task. */
  job?: { type: string; retries: string; headers: Record<string, string> };
  userTask?: {
    assignee: string | null;
    candidateGroups: string | null;
    candidateUsers: string | null;
    dueDate: string | null;
    followUpDate: string | null;
    formId: string | null;
  };
  inputs?: Mapping[];
  outputs?: Mapping[];
  /** A catching message event or receive task: the message name and its correlation key expression. */
  message?: { name: string; correlationKey: string };
  /** An error boundary event: the activity it is attached to and the code it catches (null catches all). */
  catchesError?: { attachedTo: string; errorCode: string | null };
}

export type DiagramElements = Record<string, ElementInfo>;

interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

// The task types bpmn-elements runs through a Service (script tasks it would run as scripts).
const jobTaskTypes = new Set(['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask']);

function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  const values = (element.extensionElements as { values?: ModdleElement[] } | undefined)?.values ?? [];
  return values.find((value) => value.$type === type);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function mappings(list: unknown): Mapping[] {
  return ((list as ModdleElement[] | undefined) ?? []).map((m) => ({ source: String(m.source ?? ''), target: String(m.target ?? '') }));
}

function messageOf(element: ModdleElement): ElementInfo['message'] {
  const definitions = (element.eventDefinitions as ModdleElement[] | undefined) ?? [];
  const ref =
    element.$type === 'bpmn:ReceiveTask'
      ? (element.messageRef as ModdleElement | undefined)
      : (definitions.find((d) => d.$type === 'bpmn:MessageEventDefinition')?.messageRef as ModdleElement | undefined);
  if (!ref) return undefined;
  const isThrowing = element.$type === 'bpmn:IntermediateThrowEvent' || element.$type === 'bpmn:EndEvent';
  if (isThrowing || element.$type === 'bpmn:StartEvent') return undefined;
  return { name: String(ref.name ?? ref.id), correlationKey: String(extension(ref, 'zeebe:Subscription')?.correlationKey ?? '') };
}

function describe(element: ModdleElement): ElementInfo {
  const info: ElementInfo = { id: String(element.id), type: element.$type, name: text(element.name) };
  const taskDefinition = extension(element, 'zeebe:TaskDefinition');
  if (jobTaskTypes.has(element.$type) && taskDefinition) {
    const headers = (extension(element, 'zeebe:TaskHeaders')?.values as ModdleElement[] | undefined) ?? [];
    info.job = {
      type: String(taskDefinition.type ?? ''),
      retries: String(taskDefinition.retries ?? '3'),
      headers: Object.fromEntries(headers.map((h) => [String(h.key), String(h.value ?? '')])),
    };
  }
  if (element.$type === 'bpmn:UserTask') {
    const assignment = extension(element, 'zeebe:AssignmentDefinition');
    const schedule = extension(element, 'zeebe:TaskSchedule');
    const form = extension(element, 'zeebe:FormDefinition');
    info.userTask = {
      assignee: text(assignment?.assignee),
      candidateGroups: text(assignment?.candidateGroups),
      candidateUsers: text(assignment?.candidateUsers),
      dueDate: text(schedule?.dueDate),
      followUpDate: text(schedule?.followUpDate),
      formId: text(form?.formId) ?? text(form?.formKey),
    };
  }
  const io = extension(element, 'zeebe:IoMapping');
  if (io) {
    info.inputs = mappings(io.inputParameters);
    info.outputs = mappings(io.outputParameters);
  }
  const message = messageOf(element);
  if (message) info.message = message;
  if (element.$type === 'bpmn:BoundaryEvent') {
    const errorDefinition = ((element.eventDefinitions as ModdleElement[] | undefined) ?? []).find(
      (d) => d.$type === 'bpmn:ErrorEventDefinition',
    );
    if (errorDefinition) {
      const errorRef = errorDefinition.errorRef as ModdleElement | undefined;
      info.catchesError = {
        attachedTo: String((element.attachedToRef as ModdleElement | undefined)?.id),
        errorCode: text(errorRef?.errorCode),
      };
    }
  }
  return info;
}

/** Every flow element of the process, sub-processes included. */
export function describeElements(process: ModdleElement): DiagramElements {
  const result: DiagramElements = {};
  const visit = (container: ModdleElement) => {
    for (const element of (container.flowElements as ModdleElement[] | undefined) ?? []) {
      if (element.$type === 'bpmn:SequenceFlow') continue;
      result[String(element.id)] = describe(element);
      if (element.flowElements) visit(element);
    }
  };
  visit(process);
  return result;
}

/** Whether an error thrown by the activity with this code is caught by one of its boundary events. */
export function catchesError(elements: DiagramElements, activityId: string, errorCode: string): boolean {
  return Object.values(elements).some(
    (e) => e.catchesError?.attachedTo === activityId && (e.catchesError.errorCode === null || e.catchesError.errorCode === errorCode),
  );
}
