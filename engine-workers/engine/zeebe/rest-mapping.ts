import type { CamundaRestApiTypes } from '@camunda8/sdk';
import type { Incident, ProcessInstance, UserTask } from '../../../core/ports/engine.ts';

/** Shapes of the Orchestration Cluster REST API (8.8) search results, as the SDK's REST client returns them. */
export type SdkUserTask = CamundaRestApiTypes.UserTask;
export type SdkIncident = CamundaRestApiTypes.IncidentDetails;
export type SdkProcessInstance = CamundaRestApiTypes.ProcessInstanceDetails;

/** Dates come back as ISO-8601 with differing offset styles; one style keeps sorting and comparing simple. */
export function toIsoTimestamp(value: string | undefined | null): string | null {
  if (value === undefined || value === null || value === '') return null;
  const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

export function toUserTask(task: SdkUserTask, businessKey: string, formId: string | null): UserTask {
  return {
    key: String(task.userTaskKey),
    instanceKey: String(task.processInstanceKey),
    businessKey,
    processId: task.processDefinitionId,
    processVersion: Number(task.processDefinitionVersion),
    elementId: task.elementId,
    // An unnamed task shows its element id rather than an empty line in the inbox.
    name: task.name || task.elementId,
    candidateGroups: task.candidateGroups ?? [],
    candidateUsers: task.candidateUsers ?? [],
    assignee: task.assignee || null,
    dueAt: toIsoTimestamp(task.dueDate),
    followUpAt: toIsoTimestamp(task.followUpDate),
    formId: formId ?? task.externalFormReference ?? null,
    createdAt: toIsoTimestamp(task.creationDate) ?? new Date(0).toISOString(),
  };
}

const PORT_ERROR_TYPES = new Set<Incident['errorType']>(['JOB_NO_RETRIES', 'UNHANDLED_ERROR_EVENT', 'EXTRACT_VALUE_ERROR', 'CONDITION_ERROR']);

/** Zeebe writes -1 (or leaves the field out) where an incident has no job, e.g. a failed condition. */
const NO_KEY = new Set(['', '-1', '0']);

export function toIncident(incident: SdkIncident, businessKey: string): Incident {
  const errorType = PORT_ERROR_TYPES.has(incident.errorType as Incident['errorType'])
    ? (incident.errorType as Incident['errorType'])
    : 'UNKNOWN';
  const jobKey = incident.jobKey === undefined || incident.jobKey === null ? '' : String(incident.jobKey);
  return {
    key: String(incident.incidentKey),
    instanceKey: String(incident.processInstanceKey),
    businessKey,
    elementId: incident.elementId,
    jobKey: NO_KEY.has(jobKey) ? null : jobKey,
    errorType,
    // The port's error types are a subset: keep Zeebe's own type in the message so nothing is lost.
    message: errorType === 'UNKNOWN' ? `${incident.errorType}: ${incident.errorMessage}` : incident.errorMessage,
    createdAt: toIsoTimestamp(incident.creationTime) ?? new Date(0).toISOString(),
  };
}

/** The ended state of an instance, or null while it runs. Zeebe calls a cancelled instance TERMINATED (CANCELED in 8.7). */
export function endedState(instance: SdkProcessInstance): 'completed' | 'terminated' | null {
  if (instance.state === 'COMPLETED') return 'completed';
  if (instance.state === 'TERMINATED' || instance.state === 'CANCELED') return 'terminated';
  return null;
}

export function toProcessInstance(instance: SdkProcessInstance, businessKey: string): ProcessInstance {
  return {
    instanceKey: String(instance.processInstanceKey),
    processId: instance.processDefinitionId,
    version: Number(instance.processDefinitionVersion),
    businessKey,
  };
}
