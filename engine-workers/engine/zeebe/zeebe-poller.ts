import type { CamundaRestApiTypes, CamundaRestClient } from '@camunda8/sdk';
import type { Database } from '../../../core/ports/database.ts';
import type { EngineEvent, Incident } from '../../../core/ports/engine.ts';
import type { ClusterLookups } from './cluster-lookups.ts';
import { endedState, toIncident, toIsoTimestamp, toProcessInstance, toUserTask, type SdkIncident } from './rest-mapping.ts';
import { endUserTask, openTaskKeysMissingFrom, recordOpenTasks, type OpenZeebeTask } from './user-task-mirror.ts';

const PAGE_SIZE = 500;

interface Page<T> {
  items: T[];
  page: { endCursor: string };
}

/**
 * Every page of a search. The first page asks by offset, the next ones after the previous page's cursor, so
 * a result set larger than the offset limit is still read to its end.
 */
export async function searchAll<T>(search: (page: CamundaRestApiTypes.SearchPageRequest) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let page: CamundaRestApiTypes.SearchPageRequest = { from: 0, limit: PAGE_SIZE };
  for (;;) {
    const result = await search(page);
    all.push(...result.items);
    if (result.items.length < PAGE_SIZE || !result.page.endCursor) return all;
    // The SDK types every page request with `from`; the API wants a cursor request without it.
    page = { limit: PAGE_SIZE, after: result.page.endCursor } as CamundaRestApiTypes.SearchPageRequest;
  }
}

export function searchActiveIncidents(rest: CamundaRestClient, instanceKey?: string): Promise<SdkIncident[]> {
  return searchAll((page) =>
    rest.searchIncidents({
      filter: { state: 'ACTIVE', ...(instanceKey === undefined ? {} : { processInstanceKey: instanceKey }) },
      sort: [{ field: 'creationTime', order: 'ASC' }],
      page,
    }),
  );
}

export async function toPortIncident(lookups: ClusterLookups, incident: SdkIncident): Promise<Incident> {
  return toIncident(incident, await lookups.businessKeyOf(String(incident.processInstanceKey)));
}

export interface PollerOptions {
  db: Database;
  rest: () => CamundaRestClient;
  lookups: ClusterLookups;
  emit: (event: EngineEvent) => void;
  intervalMs: number;
  onError: (error: unknown, what: string) => void;
}

/**
 * Turns what the Orchestration Cluster API shows into the port's events. The API is a search over exported
 * records: it lags the engine by a moment, so events come shortly after the fact and, for incidents and ended
 * instances, at least once (a restarted process announces the incidents that are open again).
 */
export class ZeebePoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly incidents = new Map<string, Incident>();
  /** Instances that ended after this moment are announced; the first poll starts from when polling started. */
  private endedAfter = new Date().toISOString();

  constructor(private readonly options: PollerOptions) {}

  start(): void {
    if (this.timer) return;
    this.endedAfter = new Date().toISOString();
    const tick = () => {
      this.running = this.pollOnce().finally(() => {
        this.running = null;
        if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  async pollOnce(): Promise<void> {
    for (const [what, step] of [
      ['user tasks', () => this.pollUserTasks()],
      ['incidents', () => this.pollIncidents()],
      ['ended instances', () => this.pollEndedInstances()],
    ] as const) {
      try {
        await step();
      } catch (error) {
        this.options.onError(error, what);
      }
    }
  }

  private async pollUserTasks(): Promise<void> {
    const { db, lookups, emit } = this.options;
    const rest = this.options.rest();
    const tasks = await searchAll((page) => rest.searchUserTasks({ filter: { state: 'CREATED' }, page }));
    const open: OpenZeebeTask[] = [];
    for (const task of tasks) {
      const instanceKey = String(task.processInstanceKey);
      const elements = await lookups.elementsOf(String(task.processDefinitionKey));
      const formId = elements[task.elementId]?.userTask?.formId ?? null;
      open.push({ task: toUserTask(task, await lookups.businessKeyOf(instanceKey), formId), elementInstanceKey: String(task.elementInstanceKey) });
    }
    for (const task of await db.transaction((sql) => recordOpenTasks(sql, open))) emit({ type: 'userTaskCreated', task });

    const missing = await openTaskKeysMissingFrom(db, new Set(open.map(({ task }) => task.key)));
    for (const key of missing) {
      const state = await rest.getUserTask(key).then(
        (task) => task.state,
        (error: { response?: { statusCode?: number } }) => {
          if (error.response?.statusCode === 404) return 'CANCELED' as const;
          throw error;
        },
      );
      if (state === 'CREATED') continue; // the search has not caught up yet
      const ended = await endUserTask(db, key, state === 'COMPLETED' ? 'completed' : 'canceled', null);
      // Completed outside citycase (e.g. in Tasklist): the variables it was completed with are not searchable.
      if (ended && state === 'COMPLETED') emit({ type: 'userTaskCompleted', task: ended, variables: {} });
    }
  }

  private async pollIncidents(): Promise<void> {
    const { lookups, emit } = this.options;
    const active = await searchActiveIncidents(this.options.rest());
    const seen = new Set<string>();
    for (const sdkIncident of active) {
      const key = String(sdkIncident.incidentKey);
      seen.add(key);
      if (this.incidents.has(key)) continue;
      const incident = await toPortIncident(lookups, sdkIncident);
      this.incidents.set(key, incident);
      emit({ type: 'incidentRaised', incident });
    }
    for (const [key, incident] of this.incidents) {
      if (seen.has(key)) continue;
      this.incidents.delete(key);
      emit({ type: 'incidentResolved', incident });
    }
  }

  private async pollEndedInstances(): Promise<void> {
    const { lookups, emit } = this.options;
    const rest = this.options.rest();
    const since = this.endedAfter;
    const ended = await searchAll((page) =>
      rest.searchProcessInstances({
        // The SDK marks every operator of a date filter as required; one is meant to be used.
        filter: { endDate: { $gt: since } as CamundaRestApiTypes.AdvancedDateTimeFilter },
        sort: [{ field: 'endDate', order: 'ASC' }],
        page,
      }),
    );
    for (const instance of ended) {
      const state = endedState(instance);
      if (!state) continue;
      const instanceKey = String(instance.processInstanceKey);
      emit({ type: 'instanceEnded', instance: toProcessInstance(instance, await lookups.businessKeyOf(instanceKey)), state });
      lookups.forgetInstance(instanceKey);
      const endDate = toIsoTimestamp(instance.endDate);
      if (endDate && endDate > this.endedAfter) this.endedAfter = endDate;
    }
  }
}
