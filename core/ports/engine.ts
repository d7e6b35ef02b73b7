import type { Sql } from './database.ts';

/**
 * The workflow engine port. Two adapters implement it (engine-workers/engine/embedded on bpmn-engine with
 * state in the database, engine-workers/engine/zeebe on @camunda8/sdk); the same .bpmn files and the same
 * workers run on both. Keys are strings (Zeebe keys are int64).
 */

export type Variables = Record<string, unknown>;

export interface DeployResource {
  /** File name, e.g. case-lifecycle.bpmn. */
  name: string;
  content: string;
}

export interface DeployedProcess {
  /** The BPMN process id (kebab-case, e.g. case-lifecycle). */
  processId: string;
  version: number;
  /** sha256 of the resource: deploying the same content again returns the existing version. */
  checksum: string;
  processDefinitionKey: string;
  resourceName: string;
}

export interface StartInstance {
  processId: string;
  /** The case id (or another business object's id). */
  businessKey: string;
  variables?: Variables;
  /** A specific version; the latest when omitted. */
  version?: number;
}

export interface ProcessInstance {
  instanceKey: string;
  processId: string;
  version: number;
  businessKey: string;
}

export interface UserTask {
  key: string;
  instanceKey: string;
  businessKey: string;
  processId: string;
  processVersion: number;
  /** The BPMN element id, e.g. Task_Dispatch. */
  elementId: string;
  name: string;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  /** ISO-8601 with offset. */
  dueAt: string | null;
  followUpAt: string | null;
  /** zeebe:formDefinition formId: a schema in forms/. */
  formId: string | null;
  createdAt: string;
}

export interface Job {
  key: string;
  /** zeebe:taskDefinition type, e.g. case.register. */
  type: string;
  instanceKey: string;
  businessKey: string;
  processId: string;
  elementId: string;
  variables: Variables;
  customHeaders: Record<string, string>;
  /** Retries left including this attempt. */
  retries: number;
}

export type JobOutcome =
  | { outcome: 'complete'; variables?: Variables }
  | { outcome: 'bpmnError'; errorCode: string; message?: string; variables?: Variables }
  | { outcome: 'fail'; message: string; retryBackoffMs?: number };

export const complete = (variables?: Variables): JobOutcome => ({ outcome: 'complete', variables });
export const bpmnError = (errorCode: string, message?: string, variables?: Variables): JobOutcome => ({
  outcome: 'bpmnError',
  errorCode,
  message,
  variables,
});
export const fail = (message: string, retryBackoffMs?: number): JobOutcome => ({ outcome: 'fail', message, retryBackoffMs });

/**
 * What a worker gets besides the job. `sql` is the transaction the job runs in: on the embedded engine the
 * case change and the engine step commit together; on Zeebe it is a transaction of its own, committed before
 * the job is completed (so handlers must be idempotent).
 */
export interface JobContext {
  sql: Sql;
}

export type JobHandler = (job: Job, context: JobContext) => Promise<JobOutcome>;

export interface WorkerOptions {
  /** How long a job may run before it is handed out again. */
  timeoutMs?: number;
  maxJobsActive?: number;
}

export interface PublishMessage {
  name: string;
  correlationKey: string;
  variables?: Variables;
  /** Kept this long for a subscription that opens later (0 = only current subscriptions). */
  timeToLiveMs?: number;
  /** Publishing the same id twice within the time to live is a no-op. */
  messageId?: string;
}

export interface Incident {
  key: string;
  instanceKey: string;
  businessKey: string;
  elementId: string;
  jobKey: string | null;
  errorType: 'JOB_NO_RETRIES' | 'UNHANDLED_ERROR_EVENT' | 'EXTRACT_VALUE_ERROR' | 'CONDITION_ERROR' | 'UNKNOWN';
  message: string;
  createdAt: string;
}

export type EngineEvent =
  | { type: 'userTaskCreated'; task: UserTask }
  | { type: 'userTaskCompleted'; task: UserTask; variables: Variables }
  | { type: 'instanceEnded'; instance: ProcessInstance; state: 'completed' | 'terminated' }
  | { type: 'incidentRaised'; incident: Incident }
  | { type: 'incidentResolved'; incident: Incident };

export interface CompleteUserTaskOptions {
  /**
   * Extra work that must commit with the engine step (e.g. the case change an action makes). Runs inside the
   * same transaction on the embedded engine; on Zeebe it commits before the task is completed.
   */
  within?: (sql: Sql) => Promise<void>;
  /** Who completes it, for the task history. */
  completedBy?: string;
}

export interface WorkflowEngine {
  readonly kind: 'embedded' | 'zeebe';
  deploy(resources: DeployResource[]): Promise<DeployedProcess[]>;
  startInstance(input: StartInstance, options?: { within?: (sql: Sql) => Promise<void> }): Promise<ProcessInstance>;
  completeUserTask(taskKey: string, variables?: Variables, options?: CompleteUserTaskOptions): Promise<void>;
  publishMessage(message: PublishMessage): Promise<void>;
  cancelInstance(instanceKey: string): Promise<void>;
  registerWorker(type: string, handler: JobHandler, options?: WorkerOptions): void;
  /** Task types that have a registered worker (deploy refuses diagrams that name others). */
  workerTypes(): string[];
  listIncidents(filter?: { instanceKey?: string }): Promise<Incident[]>;
  /** Gives the incident's job its retries back and runs it again. */
  retryIncident(incidentKey: string, retries?: number): Promise<void>;
  on(listener: (event: EngineEvent) => void): () => void;
  /** Starts job polling and timer scheduling. */
  start(): Promise<void>;
  /** Stops polling and waits for running jobs; the state stays in the database. */
  stop(): Promise<void>;
}
