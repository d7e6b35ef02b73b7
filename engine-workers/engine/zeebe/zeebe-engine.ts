import { createHash } from 'node:crypto';
import { Camunda8 } from '@camunda8/sdk';
import { Conflict, Invalid, NotFound } from '../../../core/errors.ts';
import type { Database } from '../../../core/ports/database.ts';
import type {
  DeployedProcess,
  DeployResource,
  EngineEvent,
  JobHandler,
  WorkerOptions,
  WorkflowEngine,
} from '../../../core/ports/engine.ts';
import type { DiagramElements } from '../embedded/diagram-elements.ts';
import { BUSINESS_KEY_VARIABLE } from './business-key.ts';
import { ClusterLookups } from './cluster-lookups.ts';
import { checkDiagram } from './diagram-facts.ts';
import { createJobRunner } from './job-runner.ts';
import { endUserTask, findUserTask, reopenUserTask } from './user-task-mirror.ts';
import { isAlreadyExists, toDomainError } from './zeebe-errors.ts';
import { zeebeConfigFromEnv, type ZeebeConfig } from './zeebe-config.ts';
import { searchActiveIncidents, toPortIncident, ZeebePoller } from './zeebe-poller.ts';

export interface ZeebeEngineOptions {
  db: Database;
  /** Camunda 8 SDK settings (names as the SDK's environment variables); the environment fills in the rest. */
  config?: ZeebeConfig;
  /** How often user tasks, incidents and ended instances are read from the cluster. */
  pollIntervalMs?: number;
  /** Where a failed poll is reported; polling goes on. */
  onError?: (error: unknown, what: string) => void;
}

// Our settings are the SDK's string-valued ones; its configuration type also holds numbers and booleans.
type SdkConfiguration = NonNullable<ConstructorParameters<typeof Camunda8>[0]>;
type ZBWorker = ReturnType<ReturnType<Camunda8['getZeebeGrpcApiClient']>['createWorker']>;
type GrpcResource = Parameters<ReturnType<Camunda8['getZeebeGrpcApiClient']>['deployResources']>[0][number];

const DEFAULT_POLL_INTERVAL_MS = 1000;

/** A deployment resource by file type; the gRPC API tells processes, decisions and forms apart this way. */
function toGrpcResource(resource: DeployResource): GrpcResource {
  const content = Buffer.from(resource.content, 'utf8');
  if (resource.name.endsWith('.bpmn')) return { name: resource.name, process: content };
  if (resource.name.endsWith('.dmn')) return { name: resource.name, decision: content };
  if (resource.name.endsWith('.form')) return { name: resource.name, form: content };
  throw new Invalid(`${resource.name}: only .bpmn, .dmn and .form resources can be deployed`, { field: resource.name });
}

const sha256 = (content: string) => createHash('sha256').update(content).digest('hex');

/**
 * The workflow engine port on a Camunda 8 cluster: commands over Zeebe's gRPC API, user tasks, incidents and
 * instance states read from the Orchestration Cluster REST API, user tasks mirrored into our `user_task` table.
 */
export async function createZeebeEngine(options: ZeebeEngineOptions): Promise<WorkflowEngine> {
  const { db } = options;
  const camunda = new Camunda8({ ...zeebeConfigFromEnv(), ...options.config } as SdkConfiguration);
  // The SDK caches one client of each kind and closeAllClients() forgets them, so stop() → start() reconnects.
  const grpc = () => camunda.getZeebeGrpcApiClient();
  const rest = () => camunda.getCamundaRestClient();
  const lookups = new ClusterLookups(rest);
  const listeners = new Set<(event: EngineEvent) => void>();
  const handlers = new Map<string, { handler: JobHandler; options: WorkerOptions }>();
  const workers = new Map<string, ZBWorker>();
  let started = false;

  const emit = (event: EngineEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        // One failing listener must not keep the others from hearing about the event.
        (options.onError ?? reportError)(error, `listener for ${event.type}`);
      }
    }
  };
  const poller = new ZeebePoller({
    db,
    rest,
    lookups,
    emit,
    intervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    onError: options.onError ?? reportError,
  });

  const openWorker = (type: string, handler: JobHandler, workerOptions: WorkerOptions) => {
    workers.set(
      type,
      grpc().createWorker({
        taskType: type,
        taskHandler: createJobRunner(db, handler),
        ...(workerOptions.timeoutMs === undefined ? {} : { timeout: workerOptions.timeoutMs }),
        ...(workerOptions.maxJobsActive === undefined ? {} : { maxJobsToActivate: workerOptions.maxJobsActive }),
      }),
    );
  };

  const rethrow = (subject: string) => (error: unknown): never => {
    throw toDomainError(error, subject);
  };

  return {
    kind: 'zeebe',

    async deploy(resources) {
      const types = new Set(handlers.keys());
      const elementsByName = new Map<string, DiagramElements>();
      for (const resource of resources) {
        if (resource.name.endsWith('.bpmn')) elementsByName.set(resource.name, await checkDiagram(resource, types));
      }
      const response = await grpc()
        .deployResources(resources.map(toGrpcResource))
        .catch(rethrow(`deployment of ${resources.map((r) => r.name).join(', ')}`));
      const checksums = new Map(resources.map((resource) => [resource.name, sha256(resource.content)]));
      const deployed: DeployedProcess[] = [];
      for (const deployment of response.deployments as Array<{ process?: { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string } }>) {
        const process = deployment.process;
        if (!process) continue;
        const processDefinitionKey = String(process.processDefinitionKey);
        const elements = elementsByName.get(process.resourceName);
        if (elements) lookups.rememberDefinition(processDefinitionKey, elements);
        deployed.push({
          processId: process.bpmnProcessId,
          // Zeebe keeps the version when the same content is deployed again, as the port asks.
          version: process.version,
          checksum: checksums.get(process.resourceName) ?? '',
          processDefinitionKey,
          resourceName: process.resourceName,
        });
      }
      return deployed;
    },

    async startInstance(input, startOptions) {
      // Zeebe cannot join our transaction: our part commits first, a failed start leaves it to be retried.
      if (startOptions?.within) await db.transaction(startOptions.within);
      const created = await grpc()
        .createProcessInstance({
          bpmnProcessId: input.processId,
          ...(input.version === undefined ? {} : { version: input.version }),
          variables: { ...(input.variables as Record<string, never>), [BUSINESS_KEY_VARIABLE]: input.businessKey },
        })
        .catch(rethrow(`process ${input.processId}${input.version === undefined ? '' : ` version ${input.version}`}`));
      const instanceKey = String(created.processInstanceKey);
      lookups.rememberBusinessKey(instanceKey, input.businessKey);
      return { instanceKey, processId: created.bpmnProcessId, version: created.version, businessKey: input.businessKey };
    },

    async completeUserTask(taskKey, variables = {}, completeOptions = {}) {
      const task = await db.transaction(async (sql) => {
        const ended = await endUserTask(sql, taskKey, 'completed', completeOptions.completedBy ?? null);
        if (!ended) {
          const known = await findUserTask(sql, taskKey);
          if (!known) throw new NotFound(`user task ${taskKey} was not found`, { field: 'taskKey' });
          throw new Conflict(`user task ${taskKey} is no longer open (${known.status})`, { field: 'taskKey' });
        }
        if (completeOptions.within) await completeOptions.within(sql);
        return ended;
      });
      try {
        await rest().completeUserTask({ userTaskKey: taskKey, variables });
      } catch (error) {
        const domainError = toDomainError(error, `user task ${taskKey}`);
        if (domainError instanceof NotFound) {
          // Zeebe no longer has it (a boundary event or a cancellation ended it before the poll noticed).
          await db.transaction(async (sql) => {
            await reopenUserTask(sql, taskKey);
            await endUserTask(sql, taskKey, 'canceled', null);
          });
          throw new Conflict(`user task ${taskKey} is no longer open (canceled)`, { field: 'taskKey', cause: error });
        }
        await reopenUserTask(db, taskKey);
        throw domainError;
      }
      emit({ type: 'userTaskCompleted', task, variables });
    },

    async publishMessage(message) {
      await grpc()
        .publishMessage({
          name: message.name,
          correlationKey: message.correlationKey,
          variables: (message.variables ?? {}) as Record<string, never>,
          timeToLive: message.timeToLiveMs ?? 0,
          ...(message.messageId === undefined ? {} : { messageId: message.messageId }),
        })
        .catch((error: unknown) => {
          // The same message id within its time to live: Zeebe refuses it, the port calls that a no-op.
          if (message.messageId !== undefined && isAlreadyExists(error)) return;
          throw toDomainError(error, `message ${message.name}`);
        });
    },

    async cancelInstance(instanceKey) {
      await grpc().cancelProcessInstance(instanceKey).catch(rethrow(`process instance ${instanceKey}`));
    },

    registerWorker(type, handler, workerOptions = {}) {
      if (handlers.has(type)) throw new Error(`a worker for task type ${type} is already registered`);
      handlers.set(type, { handler, options: workerOptions });
      if (started) openWorker(type, handler, workerOptions);
    },

    workerTypes() {
      return [...handlers.keys()].sort();
    },

    async listIncidents(filter = {}) {
      const incidents = await searchActiveIncidents(rest(), filter.instanceKey).catch(rethrow('incident search'));
      return Promise.all(incidents.map((incident) => toPortIncident(lookups, incident)));
    },

    async retryIncident(incidentKey, retries) {
      const { items } = await rest()
        .searchIncidents({ filter: { incidentKey, state: 'ACTIVE' }, page: { from: 0, limit: 1 } })
        .catch(rethrow(`incident ${incidentKey}`));
      const incident = items[0];
      if (!incident) throw new NotFound(`incident ${incidentKey} was not found or is already resolved`, { field: 'incidentKey' });
      const jobKey = (await toPortIncident(lookups, incident)).jobKey;
      if (jobKey) {
        const elements = await lookups.elementsOf(String(incident.processDefinitionKey));
        const configured = Number(elements[incident.elementId]?.job?.retries);
        await grpc()
          .updateJobRetries({ jobKey, retries: retries ?? (Number.isInteger(configured) && configured > 0 ? configured : 1) })
          .catch(rethrow(`job ${jobKey}`));
      }
      await grpc().resolveIncident({ incidentKey }).catch(rethrow(`incident ${incidentKey}`));
    },

    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async start() {
      if (started) return;
      started = true;
      for (const [type, { handler, options: workerOptions }] of handlers) openWorker(type, handler, workerOptions);
      poller.start();
    },

    async stop() {
      started = false;
      await poller.stop();
      // close() lets running jobs finish before the connection goes.
      await Promise.all([...workers.values()].map((worker) => worker.close()));
      workers.clear();
      await camunda.closeAllClients();
    },
  };
}

function reportError(error: unknown, what: string): void {
  console.warn(`zeebe engine: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
}
