import { Router } from 'express';
import { allActionNames, performCaseAction, type CaseActionDeps } from '../../core/case/case-actions.ts';
import { readCase } from '../../core/case/case-store.ts';
import { NotFound } from '../../core/errors.ts';
import { principalOf } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';
import { problemFromError, problemLanguage, type Problem } from '../http/problem.ts';
import { bodyValidator, type JsonSchema } from '../http/validate.ts';

/** A dispatcher clears a morning's registered cases a page at a time; a page of the case list is at most 100 rows. */
export const maxBatchCases = 100;

const batchSchema: JsonSchema = {
  type: 'object',
  required: ['caseIds'],
  additionalProperties: false,
  properties: {
    caseIds: { type: 'array', minItems: 1, maxItems: maxBatchCases, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 64 } },
    body: { type: 'object', maxProperties: 30, default: {}, description: 'the action\'s body, as for one case, applied to each (dispatch without departmentId: each case\'s own suggestion)' },
  },
};

type BatchResult = { caseId: string; ok: true; status: string; caseNumber: string } | { caseId: string; ok: false; problem: Problem };

const resultSchema = {
  type: 'object',
  properties: {
    succeeded: { type: 'integer' },
    failed: { type: 'integer' },
    results: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          caseId: { type: 'string' },
          ok: { type: 'boolean' },
          status: { type: 'string', description: 'the case\'s status after the action' },
          caseNumber: { type: 'string' },
          problem: { type: 'object', description: 'why this case was left as it was: the problem its single action would have answered' },
        },
      },
    },
  },
};

const parseBatch = bodyValidator<{ caseIds: string[]; body: Record<string, unknown> }>(batchSchema);

/**
 * 批量派遣 / 批量督办 / 批量催办: one action on many cases. Each case is its own transaction, as if acted on alone, so
 * a case in the wrong state or outside the caller's scope is reported and the others still go ahead.
 */
export function caseBatchRoutes(deps: CaseActionDeps): Router {
  const router = Router();
  const known = new Set(allActionNames(deps.actions));

  router.post('/cases/batch-actions/:action', async (req, res) => {
    const principal = principalOf(res);
    const { action } = req.params;
    if (!known.has(action)) throw new NotFound(`unknown action "${action}"`, { field: 'action' });
    const { caseIds, body } = parseBatch(req.body);
    const results: BatchResult[] = [];
    // One after another: the engine serialises the steps of one database anyway, and the order is the caller's.
    for (const caseId of caseIds) {
      try {
        await performCaseAction(deps, principal, caseId, action, body);
        const after = await readCase(deps.db, caseId);
        results.push({ caseId, ok: true, status: after.status, caseNumber: after.caseNumber });
      } catch (error) {
        const problem = problemFromError(error, problemLanguage(req));
        if (problem.status >= 500) throw error;
        results.push({ caseId, ok: false, problem });
      }
    }
    const succeeded = results.filter((r) => r.ok).length;
    res.json({ succeeded, failed: results.length - succeeded, results });
  });

  return router;
}

export const caseBatchOperations: Operation[] = [
  { method: 'post', path: '/cases/batch-actions/{action}', tag: 'cases',
    summary: '批量操作: one action (e.g. dispatch, supervise, urge) on up to 100 cases, each in its own transaction; the answer lists each case\'s outcome',
    access: 'signed-in', body: batchSchema,
    responses: { 200: { description: '{ succeeded, failed, results }: a failed case carries the problem its single action would have answered (403, 404, 409, 422)', schema: resultSchema },
      404: 'Unknown action', 422: 'No cases, more than 100, a case twice, or a malformed body' } },
];
