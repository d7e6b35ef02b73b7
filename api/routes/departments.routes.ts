import { Router } from 'express';
import type { Database } from '../../core/ports/database.ts';
import { Conflict, NotFound } from '../../core/errors.ts';
import { principalOf, requireRole } from '../auth/authenticate.ts';
import { bodyValidator } from '../http/validate.ts';
import type { Operation } from '../http/openapi.ts';

export const departmentTypes = ['city-department', 'district-department', 'utility-company', 'street-office'] as const;

const departmentFields = {
  nameZh: { type: 'string', minLength: 1, maxLength: 100 },
  nameEn: { type: ['string', 'null'], maxLength: 200 },
  type: { enum: [...departmentTypes] },
  parentId: { type: ['string', 'null'] },
  districtId: { type: ['string', 'null'] },
  phone: { type: ['string', 'null'], maxLength: 40 },
  active: { type: 'boolean' },
};

export const newDepartmentSchema = {
  type: 'object',
  required: ['id', 'nameZh', 'type'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{1,39}$' }, ...departmentFields },
};

export const departmentChangesSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: departmentFields,
};

interface DepartmentInput {
  id: string;
  nameZh: string;
  nameEn?: string | null;
  type: (typeof departmentTypes)[number];
  parentId?: string | null;
  districtId?: string | null;
  phone?: string | null;
  active?: boolean;
}

const parseNew = bodyValidator<DepartmentInput>(newDepartmentSchema);
const parseChanges = bodyValidator<Partial<DepartmentInput>>(departmentChangesSchema);

const selectDepartments = `SELECT id, name_zh AS "nameZh", name_en AS "nameEn", type, parent_id AS "parentId",
  district_id AS "districtId", phone, active FROM department`;

export function departmentRoutes(deps: { db: Database }): Router {
  const { db } = deps;
  const router = Router();

  router.get('/departments', async (_req, res) => {
    principalOf(res);
    const { rows } = await db.query(`${selectDepartments} ORDER BY type, id`);
    res.json({ items: rows });
  });

  router.post('/departments', async (req, res) => {
    requireRole(res, 'admin');
    const input = parseNew(req.body);
    const created = await db.transaction(async (tx) => {
      const existing = await tx.query('SELECT 1 FROM department WHERE id = $1', [input.id]);
      if (existing.rows.length > 0) throw new Conflict(`department "${input.id}" exists`, { field: 'id' });
      await tx.query(
        `INSERT INTO department (id, name_zh, name_en, type, parent_id, district_id, phone, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [input.id, input.nameZh, input.nameEn ?? null, input.type, input.parentId ?? null, input.districtId ?? null,
          input.phone ?? null, input.active ?? true],
      );
      return (await tx.query(`${selectDepartments} WHERE id = $1`, [input.id])).rows[0];
    });
    res.status(201).json(created);
  });

  router.patch('/departments/:id', async (req, res) => {
    requireRole(res, 'admin');
    const changes = parseChanges(req.body);
    const updated = await db.transaction(async (tx) => {
      const { rows } = await tx.query<Required<DepartmentInput>>(`${selectDepartments} WHERE id = $1 FOR UPDATE`, [req.params.id]);
      const current = rows[0];
      if (!current) throw new NotFound(`department "${req.params.id}" not found`);
      const next: Required<DepartmentInput> = { ...current, ...changes } as Required<DepartmentInput>;
      await tx.query(
        `UPDATE department SET name_zh = $2, name_en = $3, type = $4, parent_id = $5, district_id = $6, phone = $7, active = $8
         WHERE id = $1`,
        [req.params.id, next.nameZh, next.nameEn, next.type, next.parentId, next.districtId, next.phone, next.active],
      );
      return (await tx.query(`${selectDepartments} WHERE id = $1`, [req.params.id])).rows[0];
    });
    res.json(updated);
  });

  return router;
}

export const departmentOperations: Operation[] = [
  { method: 'get', path: '/departments', tag: 'organisation', summary: 'List departments', access: 'signed-in', responses: { 200: 'Departments' } },
  { method: 'post', path: '/departments', tag: 'organisation', summary: 'Create a department', access: ['admin'], body: newDepartmentSchema,
    responses: { 201: 'Created', 409: 'The id is taken' } },
  { method: 'patch', path: '/departments/{id}', tag: 'organisation', summary: 'Change a department', access: ['admin'],
    body: departmentChangesSchema, responses: { 200: 'Changed', 404: 'Not found' } },
];
