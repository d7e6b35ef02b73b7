import { randomUUID } from 'node:crypto';
import type { Sql } from '../ports/database.ts';
import type { Notice } from '../ports/notifier.ts';
import type { CaseRecord } from './case-types.ts';
import type { ActionInput } from './deps.ts';
import { enqueueNotice } from './notice-outbox.ts';

/**
 * Queues a notice about a case for a role of the case's department (or the command centre). The action's
 * idempotency key makes the notice key, so a job run twice queues one notice.
 */
export async function noticeAboutCase(
  sql: Sql,
  kind: Notice['kind'],
  role: string,
  current: CaseRecord,
  input: ActionInput,
): Promise<void> {
  await enqueueNotice(
    sql,
    {
      kind,
      caseId: current.id,
      recipient: { role, departmentId: role.startsWith('department') ? current.departmentId : null },
      payload: {
        caseNumber: current.caseNumber,
        className: current.className,
        address: current.address,
        deadline: current.deadline,
        overdue: current.overdue,
        comment: input.comment ?? null,
      },
      dedupeKey: `${kind}:${current.id}:${input.idempotencyKey ?? randomUUID()}`,
    },
    input.at,
  );
}
