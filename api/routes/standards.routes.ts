import { Router } from 'express';
import { NotFound } from '../../core/errors.ts';
import type { ClassKind, SchemeId, StandardsCatalog } from '../../core/ports/standards.ts';
import { principalOf } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';
import { queryValidator } from '../http/validate.ts';

const classQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scheme: { enum: ['gbt47678', 'legacy'], default: 'gbt47678' },
    kind: { enum: ['component', 'event'], default: 'event' },
    q: { type: 'string', maxLength: 50, description: 'code prefix or part of the name' },
    includeDisabled: { type: 'boolean', default: false },
  },
};

const parseClassQuery = queryValidator<{ scheme: SchemeId; kind: ClassKind; q?: string; includeDisabled: boolean }>(classQuery);

export function standardsRoutes(deps: { catalog: StandardsCatalog }): Router {
  const { catalog } = deps;
  const router = Router();

  router.get('/standards/classes', (req, res) => {
    principalOf(res);
    const query = parseClassQuery(req.query);
    const items = catalog.classes(query.scheme, query.kind, { search: query.q, includeDisabled: query.includeDisabled });
    res.json({
      scheme: query.scheme,
      kind: query.kind,
      majors: catalog.majorClasses(query.scheme, query.kind),
      items,
    });
  });

  router.get('/standards/classes/:scheme/:kind/:code', (req, res) => {
    principalOf(res);
    const { scheme, kind, code } = req.params;
    const found =
      (scheme === 'gbt47678' || scheme === 'legacy') && (kind === 'component' || kind === 'event')
        ? catalog.getClass(scheme, kind, code)
        : undefined;
    if (!found) throw new NotFound(`no ${kind} class ${code} in scheme ${scheme}`);
    res.json({
      ...found,
      major: catalog.majorOf(found.scheme, found.kind, found.code),
      rules: catalog.caseRules(found.scheme, found.kind, found.code),
      counterparts: catalog.counterparts(found.scheme, found.kind, found.code),
    });
  });

  return router;
}

export const standardsOperations: Operation[] = [
  { method: 'get', path: '/standards/classes', tag: 'standards', summary: 'Component or event classes, searchable by code or name',
    access: 'signed-in', query: classQuery, responses: { 200: 'Classes with their major classes' } },
  { method: 'get', path: '/standards/classes/{scheme}/{kind}/{code}', tag: 'standards',
    summary: 'One class with its case rules (filing, closing conditions, deadlines) and cross-walk', access: 'signed-in',
    responses: { 200: 'The class', 404: 'Unknown class' } },
];
