import type { Sql } from '../ports/database.ts';
import { assertCaseInScope } from '../access/case-scope.ts';
import { Forbidden, NotFound } from '../errors.ts';
import type { Principal } from '../identity/roles.ts';
import { actingGroup } from '../tasks/candidate-groups.ts';
import type { LiveEvent } from './live-event.ts';

/** Whether the case is the caller's to see; a business key that names no case (another process) hides nothing. */
async function caseVisible(sql: Sql, principal: Principal, caseId: string, whenNoCase: boolean): Promise<boolean> {
  try {
    await assertCaseInScope(sql, principal, caseId);
    return true;
  } catch (error) {
    if (error instanceof NotFound) return whenNoCase;
    if (error instanceof Forbidden) return false;
    throw error;
  }
}

/**
 * Whether a live event is for this caller, by the rules of the inbox and the case list: a task it could act on
 * (its groups, its name) on a case in its scope, a case in its scope, its own notification.
 */
export async function isForCaller(sql: Sql, principal: Principal, event: LiveEvent): Promise<boolean> {
  switch (event.type) {
    case 'task':
      return actingGroup(principal, event.task) !== null && (await caseVisible(sql, principal, event.task.businessKey, true));
    case 'case':
      return caseVisible(sql, principal, event.caseId, false);
    case 'notification':
      return principal.kind === 'user' && event.userId === principal.id;
  }
}
