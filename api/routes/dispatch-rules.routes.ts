import { readFileSync } from 'node:fs';
import { Router } from 'express';
import type { Database } from '../../core/ports/database.ts';
import type { ClassKind, SchemeId, StandardsCatalog } from '../../core/ports/standards.ts';
import { assertCaseInScope } from '../../core/access/case-scope.ts';
import { listDispatchRules } from '../../core/dispatch/dispatch-rule-store.ts';
import {
  changeDispatchRule,
  createDispatchRule,
  removeDispatchRule,
  type DispatchRuleChanges,
  type NewDispatchRule,
} from '../../core/dispatch/manage-dispatch-rules.ts';
import { dispatchRulesSchemaFile } from '../../core/dispatch/seed-dispatch-rules.ts';
import { suggestDepartmentFor, suggestDepartmentForCase } from '../../core/dispatch/suggest-department.ts';
import { requireRole } from '../auth/authenticate.ts';
import { bodyValidator, queryValidator, type JsonSchema } from '../http/validate.ts';
import type { Operation } from '../http/openapi.ts';

// The request bodies are the data files' rule, so a rule an administrator posts and one a city seeds agree.
const ruleSchema = (JSON.parse(readFileSync(dispatchRulesSchemaFile, 'utf8')) as { $defs: { rule: JsonSchema } }).$defs.rule;
const { id: _id, ...ruleFields } = ruleSchema.properties as Record<string, JsonSchema>;

export const newDispatchRuleSchema: JsonSchema = {
  ...ruleSchema,
  required: (ruleSchema.required as string[]).filter((field) => field !== 'id'),
};
export const dispatchRuleChangesSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: ruleFields,
};
const filterQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { classScheme: ruleFields.classScheme, classKind: ruleFields.classKind, departmentId: { type: 'string' } },
};
/** For a case on record, or, to try the rules out, for a class in a unit grid. */
const suggestQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    caseId: { type: 'string', minLength: 1 },
    classScheme: ruleFields.classScheme,
    classKind: ruleFields.classKind,
    classCode: { type: 'string', minLength: 1 },
    gridCode: { type: 'string', pattern: '^[0-9]{15}$', description: 'the unit grid; without one only whole-city rules match' },
  },
  oneOf: [{ required: ['caseId'] }, { required: ['classScheme', 'classKind', 'classCode'] }],
};

const parseNew = bodyValidator<NewDispatchRule>(newDispatchRuleSchema);
const parseChanges = bodyValidator<DispatchRuleChanges>(dispatchRuleChangesSchema);
const parseFilter = queryValidator<{ classScheme?: SchemeId; classKind?: ClassKind; departmentId?: string }>(filterQuery);
type SuggestQuery = { caseId: string } | { classScheme: SchemeId; classKind: ClassKind; classCode: string; gridCode?: string };
const parseSuggest = queryValidator<SuggestQuery>(suggestQuery);

/** Who may read the rules and ask for a suggestion: the command centre and administrators. */
const readers = ['admin', 'shift-leader', 'dispatcher'] as const;

export function dispatchRuleRoutes(deps: { db: Database; catalog: StandardsCatalog }): Router {
  const { db, catalog } = deps;
  const router = Router();

  router.get('/dispatch-rules', async (req, res) => {
    requireRole(res, ...readers);
    res.json({ items: await listDispatchRules(db, parseFilter(req.query)) });
  });

  router.get('/dispatch-rules/suggest', async (req, res) => {
    const principal = requireRole(res, ...readers);
    const query = parseSuggest(req.query);
    if ('caseId' in query) await assertCaseInScope(db, principal, query.caseId);
    const suggestion = 'caseId' in query ? await suggestDepartmentForCase(db, catalog, query.caseId) : await suggestDepartmentFor(db, catalog, query);
    res.json({ ...suggestion, rule: suggestion.rule ?? null });
  });

  router.post('/dispatch-rules', async (req, res) => {
    requireRole(res, 'admin');
    const input = parseNew(req.body);
    const rule = await db.transaction((tx) => createDispatchRule(tx, catalog, input));
    res.status(201).location(`/api/v1/dispatch-rules/${encodeURIComponent(rule.id)}`).json(rule);
  });

  router.patch('/dispatch-rules/:id', async (req, res) => {
    requireRole(res, 'admin');
    const changes = parseChanges(req.body);
    res.json(await db.transaction((tx) => changeDispatchRule(tx, catalog, req.params.id, changes)));
  });

  router.delete('/dispatch-rules/:id', async (req, res) => {
    requireRole(res, 'admin');
    await db.transaction((tx) => removeDispatchRule(tx, req.params.id));
    res.status(204).end();
  });

  return router;
}

export const dispatchRuleOperations: Operation[] = [
  { method: 'get', path: '/dispatch-rules', tag: 'dispatch', summary: 'Auto-dispatch rules: class × area → department', access: [...readers],
    query: filterQuery, responses: { 200: 'The rules' } },
  { method: 'get', path: '/dispatch-rules/suggest', tag: 'dispatch', summary: 'The department the most specific rule suggests for a case, or for a class in a unit grid (to try rules out)',
    access: [...readers], query: suggestQuery,
    responses: { 200: '{ departmentId (null when no rule or an ambiguous tie), rule, candidates, autoDispatch }', 404: 'No such case', 422: 'Neither a case nor a class, or an unknown class or grid' } },
  { method: 'post', path: '/dispatch-rules', tag: 'dispatch', summary: 'Add a rule', access: ['admin'], body: newDispatchRuleSchema,
    responses: { 201: 'Created', 409: 'The id, or the class, area and department, are taken', 422: 'Unknown class, department or area, named by field' } },
  { method: 'patch', path: '/dispatch-rules/{id}', tag: 'dispatch', summary: 'Change a rule', access: ['admin'], body: dispatchRuleChangesSchema,
    responses: { 200: 'Changed', 404: 'Not found', 409: 'Same as another rule', 422: 'Invalid input' } },
  { method: 'delete', path: '/dispatch-rules/{id}', tag: 'dispatch', summary: 'Remove a rule', access: ['admin'],
    responses: { 204: 'Removed', 404: 'Not found' } },
];
