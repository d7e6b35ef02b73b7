import { Router } from 'express';
import type { Clock } from '../../core/ports/clock.ts';
import type { Database } from '../../core/ports/database.ts';
import {
  changeSavedFilter,
  createSavedFilter,
  deleteSavedFilter,
  listSavedFilters,
  type SavedFilterChanges,
  type SavedQuery,
} from '../../core/case/saved-filters.ts';
import { requireUser } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';
import { bodyValidator, pathId, type JsonSchema } from '../http/validate.ts';
import { caseOperations } from './cases.routes.ts';

// A saved filter holds exactly what GET /cases accepts, so the case list's own schema decides what is valid; paging
// is left out (a filter says which cases, not which page), and with it the only defaults, so the stored query is
// what the user sent.
const caseList = caseOperations.find((op) => op.method === 'get' && op.path === '/cases')?.query;
if (!caseList) throw new Error('GET /cases has no documented query schema to validate saved filters with');
const { page: _page, pageSize: _pageSize, ...filterProperties } = caseList.properties as Record<string, JsonSchema>;

const savedQuerySchema: JsonSchema = { ...caseList, properties: filterProperties };

const name = { type: 'string', minLength: 1, maxLength: 60, pattern: '\\S', description: 'unique among the caller\'s filters' };
const shared = {
  type: 'boolean',
  description: '共享查询: colleagues (the same department; for users of no department, the command centre) see and apply it; each still sees only the cases in their own scope',
};

const newSavedFilterSchema: JsonSchema = {
  type: 'object',
  required: ['name', 'query'],
  additionalProperties: false,
  properties: { name, query: savedQuerySchema, shared: { ...shared, default: false } },
};
const savedFilterChangesSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name, query: savedQuerySchema, shared },
};

const savedFilter = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    query: savedQuerySchema,
    shared: { type: 'boolean' },
    mine: { type: 'boolean', description: 'the caller owns it: only the owner renames, shares or deletes' },
    owner: { type: 'object', properties: { id: { type: 'integer' }, displayName: { type: 'string' } } },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

const parseNew = bodyValidator<{ name: string; query: SavedQuery; shared: boolean }>(newSavedFilterSchema);
const parseChanges = bodyValidator<SavedFilterChanges>(savedFilterChangesSchema);

/** Saved case-list filters (保存的筛选). Everyone who can list cases can keep their own and share them. */
export function savedFilterRoutes(deps: { db: Database; clock: Clock }): Router {
  const { db, clock } = deps;
  const router = Router();

  router.get('/saved-filters', async (_req, res) => {
    const user = requireUser(res, 'saved filters');
    res.json({ items: await listSavedFilters(db, user.id) });
  });

  router.post('/saved-filters', async (req, res) => {
    const user = requireUser(res, 'saved filters');
    const created = await createSavedFilter(db, user.id, parseNew(req.body), clock.now());
    res.status(201).location(`/api/v1/saved-filters/${created.id}`).json(created);
  });

  router.patch('/saved-filters/:id', async (req, res) => {
    const user = requireUser(res, 'saved filters');
    const id = pathId(req.params.id, 'saved filter');
    res.json(await changeSavedFilter(db, user.id, id, parseChanges(req.body), clock.now()));
  });

  router.delete('/saved-filters/:id', async (req, res) => {
    const user = requireUser(res, 'saved filters');
    await deleteSavedFilter(db, user.id, pathId(req.params.id, 'saved filter'));
    res.status(204).end();
  });

  return router;
}

export const savedFilterOperations: Operation[] = [
  { method: 'get', path: '/saved-filters', tag: 'cases', summary: "保存的筛选: the caller's saved case-list filters, oldest first, then colleagues' shared ones (共享查询) by owner",
    access: 'signed-in',
    responses: { 200: { description: '{ items }', schema: { type: 'object', properties: { items: { type: 'array', items: savedFilter } } } },
      403: 'An API key: saved filters belong to users' } },
  { method: 'post', path: '/saved-filters', tag: 'cases',
    summary: 'Save a case-list filter under a name; query holds GET /cases parameters (without paging) in their JSON types',
    access: 'signed-in', body: newSavedFilterSchema,
    responses: { 201: { description: 'The saved filter', schema: savedFilter }, 409: 'The caller has a filter of this name',
      422: 'Invalid name or query: names the field' } },
  { method: 'patch', path: '/saved-filters/{id}', tag: 'cases', summary: 'Rename a saved filter or replace its query',
    access: 'signed-in', body: savedFilterChangesSchema,
    responses: { 200: { description: 'The saved filter', schema: savedFilter }, 404: "Not found, or someone else's",
      409: 'The caller has another filter of this name', 422: 'Invalid name or query: names the field' } },
  { method: 'delete', path: '/saved-filters/{id}', tag: 'cases', summary: 'Delete a saved filter', access: 'signed-in',
    responses: { 204: 'Deleted', 404: "Not found, or someone else's" } },
];
