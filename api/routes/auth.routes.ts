import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import type { Database } from '../../core/ports/database.ts';
import type { Clock } from '../../core/ports/clock.ts';
import { hashPassword, verifyPassword } from '../../core/identity/passwords.ts';
import { findUser, passwordHashOf, type User } from '../../core/identity/users.ts';
import {
  clearLoginFailures,
  issueRefreshToken,
  loginBlocked,
  recordLoginFailure,
  revokeRefreshToken,
  spendRefreshToken,
} from '../../core/identity/sessions.ts';
import { Unauthenticated, principalOf } from '../auth/authenticate.ts';
import type { TokenService } from '../auth/tokens.ts';
import { bodyValidator } from '../http/validate.ts';
import { sendProblem } from '../http/problem.ts';
import type { Operation } from '../http/openapi.ts';

export const loginSchema = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 1, maxLength: 256 },
  },
};

export const refreshSchema = {
  type: 'object',
  required: ['refreshToken'],
  additionalProperties: false,
  properties: { refreshToken: { type: 'string', minLength: 10, maxLength: 200 } },
};

const parseLogin = bodyValidator<{ username: string; password: string }>(loginSchema);
const parseRefresh = bodyValidator<{ refreshToken: string }>(refreshSchema);

export function userView(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    ...(user.departmentId ? { departmentId: user.departmentId } : {}),
    ...(user.gridCodes.length ? { gridCodes: user.gridCodes } : {}),
    ...(user.reviewerKind ? { reviewerKind: user.reviewerKind } : {}),
  };
}

export function authRoutes(deps: { db: Database; tokens: TokenService; clock: Clock }): Router {
  const { db, tokens, clock } = deps;
  const router = Router();
  // Unknown users are checked against this hash so response time does not reveal which user names exist.
  const decoyHash = hashPassword(randomBytes(16).toString('hex'));

  const session = async (user: User) => ({
    ...(await tokens.issue(user.id)),
    tokenType: 'Bearer',
    refreshToken: await issueRefreshToken(db, user.id, clock.now()),
    user: userView(user),
  });

  router.post('/auth/login', async (req, res) => {
    const { username, password } = parseLogin(req.body);
    const ip = req.ip ?? 'unknown';
    const now = clock.now();
    if (await loginBlocked(db, username, ip, now)) {
      res.set('Retry-After', '900');
      return sendProblem(res, {
        type: 'https://citycase.org/problems/too-many-login-attempts',
        title: 'Too many failed logins',
        status: 429,
        detail: 'too many failed logins for this user or address; try again in 15 minutes',
      });
    }
    const stored = await passwordHashOf(db, username);
    const ok = await verifyPassword(stored?.hash ?? (await decoyHash), password);
    if (!stored || !ok || !stored.active) {
      await recordLoginFailure(db, username, ip, now);
      throw new Unauthenticated('wrong user name or password');
    }
    await clearLoginFailures(db, username);
    res.json(await session((await findUser(db, { id: stored.id })) as User));
  });

  router.post('/auth/refresh', async (req, res) => {
    const { refreshToken } = parseRefresh(req.body);
    const userId = await spendRefreshToken(db, refreshToken, clock.now());
    const user = userId === null ? null : await findUser(db, { id: userId });
    if (!user || !user.active) throw new Unauthenticated('the refresh token is invalid, used or expired');
    res.json(await session(user));
  });

  router.post('/auth/logout', async (req, res) => {
    const { refreshToken } = parseRefresh(req.body);
    await revokeRefreshToken(db, refreshToken, clock.now());
    res.status(204).end();
  });

  router.get('/me', async (_req, res) => {
    const principal = principalOf(res);
    if (principal.kind === 'api-key') {
      return res.json({ apiKey: { id: principal.id, name: principal.displayName, channel: principal.channel } });
    }
    res.json(userView((await findUser(db, { id: principal.id })) as User));
  });

  return router;
}

const sessionSchema = {
  type: 'object',
  properties: {
    accessToken: { type: 'string' },
    refreshToken: { type: 'string' },
    expiresIn: { type: 'integer', description: 'seconds' },
    tokenType: { const: 'Bearer' },
    user: { type: 'object' },
  },
};

export const authOperations: Operation[] = [
  { method: 'post', path: '/auth/login', tag: 'auth', summary: 'Sign in (rate-limited)', access: 'public', body: loginSchema,
    responses: { 200: { description: 'A session', schema: sessionSchema }, 401: 'Wrong user name or password', 429: 'Too many failed logins' } },
  { method: 'post', path: '/auth/refresh', tag: 'auth', summary: 'Exchange a refresh token (each works once)', access: 'public',
    body: refreshSchema, responses: { 200: { description: 'A new session', schema: sessionSchema }, 401: 'Invalid, used or expired' } },
  { method: 'post', path: '/auth/logout', tag: 'auth', summary: 'Revoke a refresh token', access: 'public', body: refreshSchema,
    responses: { 204: 'Revoked' } },
  { method: 'get', path: '/me', tag: 'auth', summary: 'The caller', access: 'signed-in', responses: { 200: 'The user or API key' } },
];
