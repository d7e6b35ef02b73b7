import type { Sql } from '../../ports/database.ts';
import { parseTimeLimit } from '../../calendar/time-limit.ts';
import type { ActionInput } from '../deps.ts';
import { recordOf, transition } from '../transition.ts';

/** 申请延期: the department asks for more time, e.g. "2 工作日". */
export async function requestExtension(sql: Sql, input: ActionInput & { limit: string }) {
  parseTimeLimit(input.limit, 'extensionLimit');
  return transition(sql, {
    ...recordOf(input),
    action: 'request-extension',
    from: ['handling'],
    to: 'extension-requested',
    data: { limit: input.limit },
  });
}
