import { Router } from 'express';
import type { Clock } from '../../core/ports/clock.ts';
import type { Database } from '../../core/ports/database.ts';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../../core/notify/inbox.ts';
import { requireUser } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';
import { pathId, queryValidator } from '../http/validate.ts';

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    unread: { type: 'boolean', description: 'only unread ones' },
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  },
};
const parseList = queryValidator<{ unread?: boolean; page: number; pageSize: number }>(listQuery);

const notification = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', description: 'supervise, urge, suspension-review, …' },
    caseId: { type: ['string', 'null'] },
    title: { type: 'string' },
    body: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    readAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

/** The caller's in-app notifications. */
export function notificationRoutes(deps: { db: Database; clock: Clock }): Router {
  const { db, clock } = deps;
  const router = Router();

  router.get('/notifications', async (req, res) => {
    const user = requireUser(res, 'notifications');
    const query = parseList(req.query);
    res.json(await listNotifications(db, user.id, { unreadOnly: query.unread, page: query.page, pageSize: query.pageSize }));
  });

  router.post('/notifications/read-all', async (_req, res) => {
    const user = requireUser(res, 'notifications');
    res.json({ marked: await markAllNotificationsRead(db, user.id, clock.now()) });
  });

  router.post('/notifications/:id/read', async (req, res) => {
    const user = requireUser(res, 'notifications');
    res.json(await markNotificationRead(db, user.id, pathId(req.params.id, 'notification'), clock.now()));
  });

  return router;
}

export const notificationOperations: Operation[] = [
  { method: 'get', path: '/notifications', tag: 'notifications', summary: "The caller's notifications, unread first, newest first",
    access: 'signed-in', query: listQuery,
    responses: { 200: { description: '{ items, total, unread, page, pageSize }', schema: { type: 'object', properties: {
      items: { type: 'array', items: notification }, total: { type: 'integer' }, unread: { type: 'integer' },
      page: { type: 'integer' }, pageSize: { type: 'integer' } } } } } },
  { method: 'post', path: '/notifications/{id}/read', tag: 'notifications', summary: 'Mark one notification read',
    access: 'signed-in', responses: { 200: { description: 'The notification', schema: notification }, 404: "Not found, or someone else's" } },
  { method: 'post', path: '/notifications/read-all', tag: 'notifications', summary: "Mark all the caller's notifications read",
    access: 'signed-in', responses: { 200: '{ marked }: how many were unread' } },
];
