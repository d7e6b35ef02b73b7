import type { EngineEvent, UserTask } from '../ports/engine.ts';

/** A user task as the live stream shows it: enough to place it in an inbox, nothing of its variables. */
export type LiveTask = Pick<
  UserTask,
  'key' | 'businessKey' | 'processId' | 'elementId' | 'name' | 'candidateGroups' | 'candidateUsers' | 'assignee' | 'dueAt' | 'formId'
>;

/**
 * What the live stream tells clients. Events are hints to refetch, not the record: one may be lost while a
 * connection is down, so clients reload what they show when they reconnect.
 */
export type LiveEvent =
  | { type: 'task'; change: 'created' | 'completed'; task: LiveTask }
  | { type: 'case'; caseId: string; change: 'task-created' | 'task-completed' | 'ended' }
  | { type: 'notification'; userId: number; notification: { id: number; kind: string; caseId: string | null; title: string; createdAt: string } };

function liveTask(task: UserTask): LiveTask {
  return {
    key: task.key,
    businessKey: task.businessKey,
    processId: task.processId,
    elementId: task.elementId,
    name: task.name,
    candidateGroups: task.candidateGroups,
    candidateUsers: task.candidateUsers,
    assignee: task.assignee,
    dueAt: task.dueAt,
    formId: task.formId,
  };
}

/** A case process's business key is its case id: every step of the engine is a change of that case. */
export function liveEventsOf(event: EngineEvent): LiveEvent[] {
  switch (event.type) {
    case 'userTaskCreated':
      return [
        { type: 'task', change: 'created', task: liveTask(event.task) },
        { type: 'case', caseId: event.task.businessKey, change: 'task-created' },
      ];
    case 'userTaskCompleted':
      return [
        { type: 'task', change: 'completed', task: liveTask(event.task) },
        { type: 'case', caseId: event.task.businessKey, change: 'task-completed' },
      ];
    case 'instanceEnded':
      return [{ type: 'case', caseId: event.instance.businessKey, change: 'ended' }];
    default:
      // Incidents are for administrators' process pages, which poll them.
      return [];
  }
}
