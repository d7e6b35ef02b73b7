import { Router } from 'express';
import type { Database } from '../../core/ports/database.ts';
import type { Clock } from '../../core/ports/clock.ts';
import { completeTask, type CaseActionDeps } from '../../core/case/case-actions.ts';
import { claimTask, listInbox, taskForCaller, unclaimTask, type InboxFilter } from '../../core/tasks/inbox.ts';
import { pendingApprovals } from '../../core/tasks/approvals.ts';
import { principalOf } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';
import { bodyValidator, queryValidator } from '../http/validate.ts';

const inboxQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    view: { enum: ['mine', 'group', 'all'], default: 'all' },
    caseId: { type: 'string', maxLength: 64 },
    formId: { type: 'string', maxLength: 64 },
    overdue: { type: 'boolean' },
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
};

const completeBody = {
  type: 'object',
  required: ['variables'],
  additionalProperties: false,
  properties: { variables: { type: 'object', maxProperties: 50 } },
};

const parseInbox = queryValidator<InboxFilter>(inboxQuery);
const parseComplete = bodyValidator<{ variables: Record<string, unknown> }>(completeBody);

/** The task inbox. Tasks of any deployed diagram work here: a task is completed with its form's variables. */
export function taskRoutes(deps: Pick<CaseActionDeps, 'engine' | 'forms' | 'actions'> & { db: Database; clock: Clock }): Router {
  const router = Router();

  router.get('/approvals', async (_req, res) => {
    res.json({ items: await pendingApprovals(deps.db, principalOf(res), deps.actions, deps.clock.now()) });
  });

  router.get('/tasks', async (req, res) => {
    const principal = principalOf(res);
    res.json(await listInbox(deps.db, principal, parseInbox(req.query), deps.clock.now()));
  });

  router.post('/tasks/:key/claim', async (req, res) => {
    const principal = principalOf(res);
    res.json(await deps.db.transaction((sql) => claimTask(sql, principal, req.params.key, deps.clock.now())));
  });

  router.post('/tasks/:key/unclaim', async (req, res) => {
    const principal = principalOf(res);
    res.json(await deps.db.transaction((sql) => unclaimTask(sql, principal, req.params.key, deps.clock.now())));
  });

  router.post('/tasks/:key/complete', async (req, res) => {
    const principal = principalOf(res);
    const { variables } = parseComplete(req.body);
    const { task, group } = await taskForCaller(deps.db, principal, req.params.key, deps.clock.now());
    await completeTask(deps, principal, task, group, variables);
    res.status(204).end();
  });

  return router;
}

export const taskOperations: Operation[] = [
  { method: 'get', path: '/approvals', tag: 'tasks',
    summary: '审批待办: the return, extension, suspension and void requests in my inbox, oldest first, each with its case and the request (who, why, the limit asked for)',
    access: 'signed-in', responses: { 200: '{ items: [{ request, task, case, asked }] }' } },
  { method: 'get', path: '/tasks', tag: 'tasks', summary: 'My inbox: tasks assigned to me or offered to my groups, overdue first',
    access: 'signed-in', query: inboxQuery, responses: { 200: '{ items, total }' } },
  { method: 'post', path: '/tasks/{key}/claim', tag: 'tasks', summary: 'Claim a task offered to my group', access: 'signed-in',
    responses: { 200: 'The task', 403: 'Not offered to you, or claimed by someone else', 404: 'Unknown task', 409: 'Already completed' } },
  { method: 'post', path: '/tasks/{key}/unclaim', tag: 'tasks', summary: 'Give a claimed task back to the group', access: 'signed-in',
    responses: { 200: 'The task', 409: 'Not claimed by you' } },
  { method: 'post', path: '/tasks/{key}/complete', tag: 'tasks', summary: 'Complete a task with variables checked against its form',
    access: 'signed-in', body: completeBody, responses: { 204: 'Completed', 403: 'Not yours', 409: 'Already completed', 422: 'Variables do not fit the form' } },
];
