import type { Database } from '../ports/database.ts';
import type { EngineEvent, WorkflowEngine } from '../ports/engine.ts';
import type { StandardsCatalog } from '../ports/standards.ts';
import { Conflict } from '../errors.ts';
import { readCase } from '../case/case-store.ts';
import { suggestDepartmentForCase } from './suggest-department.ts';

/** The actor auto-dispatch appears as in the case history. */
export const autoDispatchActor = { id: null, name: '自动派遣', role: 'system' };

export interface AutoDispatcher {
  /** Resolves once every auto-dispatch started so far has finished. */
  idle(): Promise<void>;
  stop(): void;
}

/**
 * 自动派遣: when a case first waits for dispatch and a unique dispatch rule marked autoDispatch covers its class
 * and place, the dispatch task is completed for the dispatcher. A returned case (dispatched before) always goes to
 * a person: sending it back by the same rule would repeat the mistake that caused the return.
 */
export function startAutoDispatch(deps: { db: Database; engine: WorkflowEngine; catalog: StandardsCatalog; log?: (line: string) => void }): AutoDispatcher {
  const running = new Set<Promise<void>>();
  const dispatchIfRuled = async (taskKey: string, caseId: string) => {
    const current = await readCase(deps.db, caseId);
    if (current.dispatchCount > 0) return;
    const suggestion = await suggestDepartmentForCase(deps.db, deps.catalog, caseId);
    if (!suggestion.autoDispatch || !suggestion.departmentId) return;
    try {
      await deps.engine.completeUserTask(
        taskKey,
        {
          departmentId: suggestion.departmentId,
          comment: `按派遣规则 ${suggestion.rule?.id ?? ''} 自动派遣`.trim(),
          attachmentIds: [],
          actor: autoDispatchActor,
        },
        { completedBy: 'auto-dispatch' },
      );
    } catch (error) {
      // A dispatcher who got there first is not an error.
      if (!(error instanceof Conflict)) throw error;
    }
  };
  const unsubscribe = deps.engine.on((event: EngineEvent) => {
    if (event.type !== 'userTaskCreated' || event.task.formId !== 'dispatch') return;
    const { key, businessKey } = event.task;
    // After the step that created the task has returned: the engine is not re-entered from its own listener.
    const work = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => dispatchIfRuled(key, businessKey))
      .catch((error: unknown) => deps.log?.(`auto-dispatch of case ${businessKey} failed: ${(error as Error).message}`))
      .finally(() => running.delete(work));
    running.add(work);
  });
  return {
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
    stop: unsubscribe,
  };
}
