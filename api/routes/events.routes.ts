import { Router } from 'express';
import type { Clock } from '../../core/ports/clock.ts';
import type { Database } from '../../core/ports/database.ts';
import { Forbidden } from '../../core/errors.ts';
import type { Principal } from '../../core/identity/roles.ts';
import { findUser, toPrincipal } from '../../core/identity/users.ts';
import { isForCaller } from '../../core/live/audience.ts';
import { issueEventTicket, redeemEventTicket } from '../../core/live/event-tickets.ts';
import type { LiveEvent } from '../../core/live/live-event.ts';
import type { LiveHub } from '../../core/live/live-hub.ts';
import { principalOf, Unauthenticated } from '../auth/authenticate.ts';
import type { Operation } from '../http/openapi.ts';
import { openSseStream } from '../http/sse.ts';
import { queryValidator } from '../http/validate.ts';

const streamQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ticket: { type: 'string', minLength: 1, maxLength: 200, description: 'from POST /events/ticket, for EventSource' } },
};
const parseStreamQuery = queryValidator<{ ticket?: string }>(streamQuery);

/** What a client is sent: the event without the routing facts it was picked by. */
function eventData(event: LiveEvent): unknown {
  switch (event.type) {
    case 'task':
      return { change: event.change, task: event.task };
    case 'case':
      return { caseId: event.caseId, change: event.change };
    case 'notification':
      return event.notification;
  }
}

/** The caller as the database has them now: a deactivated user's stream ends, a changed role takes effect. */
async function currentPrincipal(db: Database, principal: Principal): Promise<Principal | null> {
  if (principal.kind !== 'user') return principal;
  const user = await findUser(db, { id: principal.id });
  return user?.active ? toPrincipal(user) : null;
}

/** Server-sent events: the caller's tasks, cases and notifications as they change. */
export function eventRoutes(deps: { db: Database; clock: Clock; live: LiveHub }): Router {
  const { db, clock, live } = deps;
  const router = Router();

  router.post('/events/ticket', async (_req, res) => {
    const principal = principalOf(res);
    if (principal.kind !== 'user') throw new Forbidden('a machine channel opens the stream with its X-API-Key header');
    res.status(201).json(await db.transaction((tx) => issueEventTicket(tx, principal.id, clock.now())));
  });

  router.get('/events', async (req, res) => {
    const { ticket } = parseStreamQuery(req.query);
    let principal = res.locals.principal as Principal | undefined;
    if (!principal && ticket) {
      const userId = await redeemEventTicket(db, ticket, clock.now());
      const user = userId === null ? null : await findUser(db, { id: userId });
      if (!user?.active) throw new Unauthenticated('the event ticket is unknown, used or expired');
      principal = toPrincipal(user);
    }
    let caller = principal ?? principalOf(res);

    const stream = openSseStream(res, {
      onHeartbeat: () => {
        currentPrincipal(db, caller)
          .then((now) => (now ? (caller = now) : stream.end()))
          .catch(() => undefined);
      },
    });
    // Checked one after another, so events reach the client in the order they happened.
    let checking: Promise<void> = Promise.resolve();
    const unsubscribe = live.subscribe((event) => {
      checking = checking
        .then(async () => {
          if (await isForCaller(db, caller, event)) stream.send(event.type, eventData(event));
        })
        .catch(() => undefined);
    });
    stream.onClose(unsubscribe);
  });

  return router;
}

export const eventOperations: Operation[] = [
  { method: 'post', path: '/events/ticket', tag: 'events', summary: 'A single-use ticket (60 s) to open the event stream from an EventSource',
    access: 'signed-in', responses: { 201: '{ ticket, expiresAt }', 403: 'API keys use their header on the stream' } },
  { method: 'get', path: '/events', tag: 'events',
    summary: 'Server-sent events: `task` (created/completed, that the caller could act on), `case` (a case in scope changed), `notification`; a comment heartbeat every 25 s',
    access: 'signed-in', query: streamQuery,
    responses: { 200: { description: 'text/event-stream', contentType: 'text/event-stream', schema: { type: 'string' } }, 401: 'No token, or the ticket is unknown, used or expired' } },
];
