import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Database } from '../../core/ports/database.ts';
import { Forbidden } from '../../core/errors.ts';
import { principalForApiKey } from '../../core/identity/api-keys.ts';
import { hasRole, roles, type Principal, type Role } from '../../core/identity/roles.ts';
import type { UserCache } from '../../core/identity/user-cache.ts';
import { toPrincipal } from '../../core/identity/users.ts';
import type { TokenService } from './tokens.ts';

/** 401 is not a domain error: it is about the request's credentials, so it is mapped here. */
export class Unauthenticated extends Error {
  readonly status = 401;
  readonly expose = true;
  readonly type = 'unauthenticated';
}

/**
 * Resolves `Authorization: Bearer <jwt>` (a user) or `X-API-Key` (a machine channel) to a principal on
 * res.locals. A token for a deactivated user is refused even before it expires.
 */
export function authenticate(db: Database, tokens: TokenService, users: UserCache): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const apiKey = req.get('x-api-key');
    if (apiKey) {
      const principal = await principalForApiKey(db, apiKey);
      if (!principal) throw new Unauthenticated('the API key is unknown or revoked');
      res.locals.principal = principal;
      return next();
    }
    const header = req.get('authorization');
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new Unauthenticated('the Authorization header must be "Bearer <token>"');
    const claims = await tokens.verify(match[1] as string);
    if (!claims) throw new Unauthenticated('the access token is invalid or expired');
    const user = await users.find(claims.userId);
    if (!user || !user.active) throw new Unauthenticated('the account is not active');
    res.locals.principal = toPrincipal(user);
    next();
  };
}

/** The caller, or a 401 when the route needs one and there is none. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Unauthenticated('sign in first: this endpoint needs a bearer token');
  return principal;
}

/** The caller, who must be a person: `what` (notifications, saved filters) belongs to users, never to an API key. */
export function requireUser(res: Response, what: string): Principal {
  const principal = principalOf(res);
  if (principal.kind !== 'user') throw new Forbidden(`${what} belong to users; an API key has none`, { detailZh: '此功能仅供用户使用，API 密钥不能调用' });
  return principal;
}

/** The caller, who must hold one of `wanted`. */
export function requireRole(res: Response, ...wanted: Role[]): Principal {
  const principal = principalOf(res);
  if (!hasRole(principal, ...wanted)) {
    throw new Forbidden(`this needs one of the roles: ${wanted.join(', ')}`, { detailZh: `此操作需由${wanted.map((role) => roles[role].zh).join('、')}办理` });
  }
  return principal;
}
