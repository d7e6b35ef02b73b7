import { Router } from 'express';
import type { Database } from '../../core/ports/database.ts';
import { NotFound } from '../../core/errors.ts';
import { reviewerKindNames, roleNames, type Role } from '../../core/identity/roles.ts';
import type { UserCache } from '../../core/identity/user-cache.ts';
import { createUser, findUser, listUsers, updateUser, type NewUser, type UserChanges } from '../../core/identity/users.ts';
import { requireRole } from '../auth/authenticate.ts';
import { bodyValidator, queryValidator } from '../http/validate.ts';
import { userView } from './auth.routes.ts';
import type { Operation } from '../http/openapi.ts';

const roleList = { type: 'array', items: { enum: roleNames }, minItems: 1, uniqueItems: true };
const gridList = { type: 'array', items: { type: 'string', pattern: '^[0-9]{15}$' }, uniqueItems: true };
const reviewerKind = { enum: [...reviewerKindNames, null], description: 'For reviewers (and only them): 人大代表 deputy, 政协委员 cppcc-member, 市民代表 citizen-representative' };

export const newUserSchema = {
  type: 'object',
  required: ['username', 'displayName', 'password', 'roles'],
  additionalProperties: false,
  properties: {
    username: { type: 'string', pattern: '^[A-Za-z0-9_.-]{2,64}$' },
    displayName: { type: 'string', minLength: 1, maxLength: 100 },
    password: { type: 'string', minLength: 10, maxLength: 256 },
    roles: roleList,
    departmentId: { type: ['string', 'null'], minLength: 1 },
    gridCodes: gridList,
    reviewerKind,
  },
};

export const userChangesSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    displayName: { type: 'string', minLength: 1, maxLength: 100 },
    password: { type: 'string', minLength: 10, maxLength: 256 },
    roles: roleList,
    departmentId: { type: ['string', 'null'], minLength: 1 },
    gridCodes: gridList,
    reviewerKind,
    active: { type: 'boolean' },
  },
};

const parseNewUser = bodyValidator<NewUser>(newUserSchema);
const parseChanges = bodyValidator<UserChanges>(userChangesSchema);
const parseFilter = queryValidator<{ role?: Role; departmentId?: string }>({
  type: 'object',
  additionalProperties: false,
  properties: { role: { enum: roleNames }, departmentId: { type: 'string' } },
});

function userId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFound(`user ${raw} not found`);
  return id;
}

/** Administration of accounts: only `admin`. */
export function userRoutes(deps: { db: Database; users: UserCache }): Router {
  const { db } = deps;
  const router = Router();

  router.get('/users', async (req, res) => {
    requireRole(res, 'admin');
    res.json({ items: (await listUsers(db, parseFilter(req.query))).map((u) => ({ ...userView(u), active: u.active })) });
  });

  router.post('/users', async (req, res) => {
    requireRole(res, 'admin');
    const input = parseNewUser(req.body);
    const user = await db.transaction((tx) => createUser(tx, input));
    res.status(201).location(`/api/v1/users/${user.id}`).json({ ...userView(user), active: user.active });
  });

  router.get('/users/:id', async (req, res) => {
    requireRole(res, 'admin');
    const user = await findUser(db, { id: userId(req.params.id) });
    if (!user) throw new NotFound(`user ${req.params.id} not found`);
    res.json({ ...userView(user), active: user.active });
  });

  router.patch('/users/:id', async (req, res) => {
    requireRole(res, 'admin');
    const changes = parseChanges(req.body);
    const user = await db.transaction((tx) => updateUser(tx, userId(req.params.id), changes));
    deps.users.forget(user.id);
    res.json({ ...userView(user), active: user.active });
  });

  return router;
}

export const userOperations: Operation[] = [
  { method: 'get', path: '/users', tag: 'admin', summary: 'List users', access: ['admin'],
    query: { type: 'object', properties: { role: { enum: roleNames }, departmentId: { type: 'string' } } }, responses: { 200: 'Users' } },
  { method: 'post', path: '/users', tag: 'admin', summary: 'Create a user', access: ['admin'], body: newUserSchema,
    responses: { 201: 'Created', 409: 'The user name is taken', 422: 'Invalid input' } },
  { method: 'get', path: '/users/{id}', tag: 'admin', summary: 'One user', access: ['admin'], responses: { 200: 'The user', 404: 'Not found' } },
  { method: 'patch', path: '/users/{id}', tag: 'admin', summary: 'Change a user (deactivating revokes their sessions)', access: ['admin'],
    body: userChangesSchema, responses: { 200: 'Changed', 404: 'Not found', 422: 'Invalid input' } },
];
