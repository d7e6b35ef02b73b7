import { Router } from 'express';
import type { Database } from '../../core/ports/database.ts';
import { areaKinds, listAreas, type AreaFilter } from '../../core/grids/areas.ts';
import { principalOf } from '../auth/authenticate.ts';
import { queryValidator } from '../http/validate.ts';
import type { Operation } from '../http/openapi.ts';

const areasQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { enum: [...areaKinds] },
    parentId: { type: 'string', pattern: '^[0-9]{6,12}$' },
    q: { type: 'string', maxLength: 50 },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
};
const parseAreas = queryValidator<AreaFilter>(areasQuery);

/** Districts, streets and communities by name or code, for the pickers that filter or scope by area. */
export function areaRoutes(deps: { db: Database }): Router {
  const router = Router();
  router.get('/areas', async (req, res) => {
    principalOf(res);
    res.json({ items: await listAreas(deps.db, parseAreas(req.query)) });
  });
  return router;
}

export const areaOperations: Operation[] = [
  { method: 'get', path: '/areas', tag: 'grids', summary: 'Districts, streets and communities, found by name or code', access: 'signed-in',
    query: areasQuery, responses: { 200: '{ items: [{ id, kind, nameZh, nameEn, parentId, parentNameZh }] }', 422: 'A bad filter, named by field' } },
];
