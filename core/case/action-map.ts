import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readValidatedJson } from '../../standards/validated-json.ts';

export interface TaskAction {
  /** The forms of the user tasks this action completes (the first open one the caller may act on). */
  forms: string[];
  /** Variables the action sets whatever the body says (e.g. registerDecision: "reject"). */
  set?: Record<string, unknown>;
  /** Body field → process variable (e.g. limit → extensionLimit). */
  rename?: Record<string, string>;
  /** When several tasks with these forms may be open, a body field picks the element. */
  choose?: { field: string; elements: Record<string, string> };
}

export interface MessageAction {
  name: string;
  roles: string[];
  pendingElement?: string;
}

export interface ActionDefinition {
  labelZh: string;
  labelEn: string;
  task?: TaskAction;
  message?: MessageAction;
}

export interface ActionMap {
  processId: string;
  actions: Record<string, ActionDefinition>;
}

const workflowsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'workflows');

/** The action map of a workflow (workflows/<processId>.actions.json), validated against workflows/actions.schema.json. */
export function loadActionMap(processId = 'case-lifecycle', dir = workflowsDir): ActionMap {
  return readValidatedJson<ActionMap>(path.join(dir, `${processId}.actions.json`), path.join(dir, 'actions.schema.json'));
}
