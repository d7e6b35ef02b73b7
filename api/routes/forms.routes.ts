import { Router } from 'express';
import type { FormRegistry } from '../../forms/form-registry.ts';
import { principalOf, requireRole } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';

/** The user-task forms (forms/): their JSON Schemas with UI hints, from which the web UI draws each task's form. */
export function formRoutes(deps: { forms: FormRegistry }): Router {
  const { forms } = deps;
  const router = Router();

  // The catalogue is for the modeler, where an administrator picks a form for a user task.
  router.get('/forms', (_req, res) => {
    requireRole(res, 'admin');
    const items = forms.ids().map((id) => {
      const { schema } = forms.get(id);
      return { id, title: schema.title ?? null, titleEn: schema['x-title-en'] ?? null };
    });
    res.json({ items });
  });

  // Any signed-in user: the inbox renders a task's form from its schema.
  router.get('/forms/:formId', (req, res) => {
    principalOf(res);
    res.json(forms.get(req.params.formId).schema);
  });

  return router;
}

export const formOperations: Operation[] = [
  { method: 'get', path: '/forms', tag: 'processes', summary: 'User-task forms with their titles (zh-CN and en)', access: ['admin'], responses: { 200: 'Forms' } },
  { method: 'get', path: '/forms/{formId}', tag: 'tasks', summary: "A user-task form's JSON Schema with UI hints", access: 'signed-in',
    responses: { 200: 'The JSON Schema', 404: 'No such form' } },
];
