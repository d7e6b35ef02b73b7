import type { Sql } from '../../ports/database.ts';
import type { ActionInput } from '../deps.ts';
import { recordOf, transition } from '../transition.ts';

/** 核查: a collector of the grid checks the result on site. */
export async function verifyCase(sql: Sql, input: ActionInput & { passed: boolean }) {
  return transition(sql, {
    ...recordOf(input),
    action: input.passed ? 'verify' : 'verify-failed',
    from: ['verifying'],
    to: input.passed ? 'verified' : 'verification-failed',
    data: { passed: input.passed },
  });
}
