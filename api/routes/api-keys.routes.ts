import { Router } from 'express';
import type { Database } from '../../core/ports/database.ts';
import { NotFound } from '../../core/errors.ts';
import { apiKeyChannels, createApiKey, listApiKeys, revokeApiKey, type ApiKeyChannel } from '../../core/identity/api-keys.ts';
import { requireRole } from '../auth/authenticate.ts';
import { bodyValidator } from '../http/validate.ts';
import type { Operation } from '../http/openapi.ts';

export const newApiKeySchema = {
  type: 'object',
  required: ['name', 'channel'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    channel: { enum: [...apiKeyChannels] },
  },
};

const parseNewKey = bodyValidator<{ name: string; channel: ApiKeyChannel }>(newApiKeySchema);

/** Machine-channel credentials: only `admin`. The secret is shown once, in the creation response. */
export function apiKeyRoutes(deps: { db: Database }): Router {
  const { db } = deps;
  const router = Router();

  router.get('/api-keys', async (_req, res) => {
    requireRole(res, 'admin');
    res.json({ items: await listApiKeys(db) });
  });

  router.post('/api-keys', async (req, res) => {
    const admin = requireRole(res, 'admin');
    const input = parseNewKey(req.body);
    const { key, info } = await createApiKey(db, { ...input, createdBy: admin.id });
    res.status(201).json({ ...info, key });
  });

  router.delete('/api-keys/:id', async (req, res) => {
    requireRole(res, 'admin');
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id)) throw new NotFound(`no active API key ${req.params.id}`);
    await revokeApiKey(db, id);
    res.status(204).end();
  });

  return router;
}

export const apiKeyOperations: Operation[] = [
  { method: 'get', path: '/api-keys', tag: 'admin', summary: 'List API keys (never their secrets)', access: ['admin'], responses: { 200: 'Keys' } },
  { method: 'post', path: '/api-keys', tag: 'admin', summary: 'Create an API key for a machine channel; the key is shown once',
    access: ['admin'], body: newApiKeySchema, responses: { 201: 'Created, with `key`' } },
  { method: 'delete', path: '/api-keys/{id}', tag: 'admin', summary: 'Revoke an API key', access: ['admin'], responses: { 204: 'Revoked', 404: 'No such active key' } },
];
