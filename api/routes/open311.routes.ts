import express, { Router, type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { DomainError, Forbidden, Invalid, NotFound } from '../../core/errors.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Database } from '../../core/ports/database.ts';
import type { WorkflowEngine } from '../../core/ports/engine.ts';
import type { StandardsCatalog } from '../../core/ports/standards.ts';
import { caseClassRules } from '../../core/case/case-class-rules.ts';
import { submitReport } from '../../core/case/submit-report.ts';
import { principalForApiKey } from '../../core/identity/api-keys.ts';
import { open311Xml } from '../../core/channels/open311-xml.ts';
import { open311Service, open311Services } from '../../core/channels/open311-services.ts';
import { findServiceRequests, serviceRequestIdOfToken, type Open311Status } from '../../core/channels/open311-requests.ts';
import { bodyValidator, queryValidator } from '../http/validate.ts';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), the API civic apps and FixMyStreet-style clients
 * speak. It lives outside /api/v1 because it has its own conventions: the format is the path's extension
 * (.json or .xml), the key travels as `api_key` in the form, and errors are a list of {code, description}.
 */
export interface Open311Deps {
  db: Database;
  engine: WorkflowEngine;
  clock: Clock;
  catalog: StandardsCatalog;
}

type Format = 'json' | 'xml';
const specification = 'http://wiki.open311.org/GeoReport_v2';
const defaultWindowMs = 90 * 24 * 3600 * 1000;
const bodyLimit = '1mb';

const postSchema = {
  type: 'object',
  required: ['service_code'],
  properties: {
    api_key: { type: 'string', maxLength: 200 },
    jurisdiction_id: { type: 'string', maxLength: 100 },
    service_code: { type: 'string', pattern: '^[0-9]{5}$' },
    lat: { type: 'number', minimum: -90, maximum: 90 },
    long: { type: 'number', minimum: -180, maximum: 180 },
    address_string: { type: 'string', maxLength: 300 },
    address_id: { type: 'string', maxLength: 100 },
    email: { type: 'string', format: 'email', maxLength: 200 },
    device_id: { type: 'string', maxLength: 200 },
    account_id: { type: 'string', maxLength: 200 },
    first_name: { type: 'string', maxLength: 50 },
    last_name: { type: 'string', maxLength: 50 },
    phone: { type: 'string', pattern: '^[0-9+()\\- .]{3,30}$' },
    description: { type: 'string', maxLength: 2000 },
    media_url: { type: 'string', format: 'uri', maxLength: 1000 },
  },
};

interface PostedRequest {
  api_key?: string;
  service_code: string;
  lat?: number;
  long?: number;
  address_string?: string;
  email?: string;
  device_id?: string;
  account_id?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  description?: string;
  media_url?: string;
}

const listSchema = {
  type: 'object',
  properties: {
    api_key: { type: 'string', maxLength: 200 },
    jurisdiction_id: { type: 'string', maxLength: 100 },
    service_request_id: { type: 'string', pattern: '^[0-9]{1,20}(,[0-9]{1,20})*$' },
    service_code: { type: 'string', pattern: '^[0-9]{5}(,[0-9]{5})*$' },
    start_date: { type: 'string', maxLength: 40 },
    end_date: { type: 'string', maxLength: 40 },
    status: { type: 'string', pattern: '^(open|closed)(,(open|closed))*$' },
  },
};

interface ListQuery {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

const parsePosted = bodyValidator<PostedRequest>(postSchema);
const parseList = queryValidator<ListQuery>(listSchema);

/** A form sends every value as text; coordinates are numbers to the schema, so numeric text is read as one. */
function withNumericCoordinates(body: unknown): Record<string, unknown> {
  const fields = { ...(body as Record<string, unknown>) };
  for (const key of ['lat', 'long']) {
    const value = fields[key];
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) fields[key] = Number(value);
  }
  return fields;
}

function w3cDate(text: string | undefined, field: string): Date | undefined {
  if (text === undefined) return undefined;
  // An unencoded "+08:00" in a query string arrives as " 08:00"; clients forget to encode it often enough to forgive.
  const date = new Date(text.replace(/ (\d{2}:?\d{2})$/, '+$1'));
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new Invalid(`${field} must be a W3C date-time such as 2026-11-23T09:00:00+08:00`, { field });
  }
  return date;
}

const list = (text: string | undefined) => (text ? [...new Set(text.split(','))] : undefined);

const formatOf = (res: Response): Format => (res.locals.open311Format as Format | undefined) ?? 'json';

/** `root` names the XML document element; JSON is the value as it is. */
function send(res: Response, root: string, value: unknown, status = 200): void {
  res.status(status);
  if (formatOf(res) === 'xml') res.type('text/xml; charset=utf-8').send(open311Xml(root, value));
  else res.json(value);
}

/** The spec's format is the path's extension; routes then match the path without it. */
function formatFromExtension(req: Request, res: Response, next: NextFunction): void {
  const match = /^([^?]*)\.(json|xml)(\?.*)?$/.exec(req.url);
  if (match) {
    res.locals.open311Format = match[2];
    req.url = (match[1] as string) + (match[3] ?? '');
  }
  next();
}

function statusOf(error: unknown): { code: number; description: string } {
  if (error instanceof DomainError) {
    // The spec answers every bad input with 400; only keys (403) and unknown things (404) differ.
    const code = error instanceof Invalid ? 400 : error.status;
    return { code, description: error.field ? `${error.field}: ${error.message}` : error.message };
  }
  const http = error as { status?: number; expose?: boolean; message?: string };
  if (http.status && http.status >= 400 && http.status < 500) {
    return { code: http.status, description: http.status === 413 ? 'request body too large' : http.expose ? String(http.message) : 'bad request' };
  }
  return { code: 500, description: 'internal error' };
}

const open311Errors: ErrorRequestHandler = (error, _req, res, _next) => {
  const { code, description } = statusOf(error);
  if (code >= 500) console.error(error);
  send(res, 'errors', [{ code, description }], code);
};

export function open311Routes(deps: Open311Deps): Router {
  const router = Router();
  const rules = caseClassRules(deps.catalog);
  const changeset = deps.clock.now().toISOString();
  router.use(formatFromExtension);
  router.use(express.json({ limit: bodyLimit }), express.urlencoded({ extended: false, limit: bodyLimit }));

  router.get('/discovery', (req, res) => {
    send(res, 'discovery', {
      changeset,
      contact: '数字化城管指挥中心 (12319)',
      key_service: 'API keys of channel "open311" are issued by the city\'s administrator',
      endpoints: [
        { specification, url: `${req.protocol}://${req.get('host')}${req.baseUrl}`, changeset, type: 'production', formats: ['application/json', 'text/xml'] },
      ],
    });
  });

  router.get('/services', (_req, res) => {
    send(res, 'services', open311Services(deps.catalog));
  });

  router.get('/services/:code', (req, res) => {
    const service = open311Service(deps.catalog, req.params.code);
    if (!service) throw new NotFound(`no service ${req.params.code}`, { field: 'service_code' });
    send(res, 'service_definition', { service_code: service.service_code, attributes: [] });
  });

  router.post('/requests', async (req, res) => {
    const apiKey = (req.body as Record<string, unknown> | undefined)?.api_key ?? req.query.api_key;
    if (typeof apiKey !== 'string' || !apiKey) throw new Invalid('api_key is required', { field: 'api_key' });
    const principal = await principalForApiKey(deps.db, apiKey);
    if (!principal) throw new Forbidden('invalid api_key');
    if (principal.channel !== 'open311') throw new Forbidden('this api_key is not an Open311 key');
    const posted = parsePosted(withNumericCoordinates(req.body));
    const service = open311Service(deps.catalog, posted.service_code);
    if (!service) throw new Invalid(`no service ${posted.service_code}`, { field: 'service_code' });
    if (posted.lat === undefined || posted.long === undefined) {
      // Without a position the case cannot be placed in a unit grid, and this server does not geocode addresses.
      throw new Invalid('lat and long are required', { field: 'lat' });
    }
    const name = [posted.last_name, posted.first_name].filter(Boolean).join('');
    const created = await submitReport({ ...deps, rules }, principal, {
      source: 'app',
      classKind: 'event',
      classCode: posted.service_code,
      description: posted.description?.trim() || service.service_name,
      location: { lng: posted.long, lat: posted.lat },
      address: posted.address_string,
      reporter: {
        ...(name ? { name } : {}),
        ...(posted.phone ? { phone: posted.phone } : {}),
        ...(posted.email ? { email: posted.email } : {}),
        ...(posted.device_id ? { deviceId: posted.device_id } : {}),
        ...(posted.account_id ? { accountId: posted.account_id } : {}),
        ...(posted.media_url ? { mediaUrl: posted.media_url } : {}),
      },
    });
    send(res, 'service_requests', [{ service_request_id: created.caseNumber, token: created.id, service_notice: null, account_id: null }], 201);
  });

  router.get('/tokens/:token', async (req, res) => {
    const id = await serviceRequestIdOfToken(deps.db, req.params.token);
    if (!id) throw new NotFound(`no token ${req.params.token}`, { field: 'token' });
    send(res, 'service_requests', [{ service_request_id: id, token: req.params.token }]);
  });

  router.get('/requests', async (req, res) => {
    const query = parseList(req.query);
    const start = w3cDate(query.start_date, 'start_date');
    const end = w3cDate(query.end_date, 'end_date') ?? (start ? new Date(start.getTime() + defaultWindowMs) : deps.clock.now());
    const requests = await findServiceRequests(deps.db, {
      ids: list(query.service_request_id),
      serviceCodes: list(query.service_code),
      start: start ?? new Date(end.getTime() - defaultWindowMs),
      end,
      statuses: list(query.status) as Open311Status[] | undefined,
    });
    send(res, 'service_requests', requests);
  });

  router.get('/requests/:id', async (req, res) => {
    const found = /^[0-9]{1,20}$/.test(req.params.id) ? await findServiceRequests(deps.db, { ids: [req.params.id], start: new Date(0), end: new Date(0) }) : [];
    if (found.length === 0) throw new NotFound(`no service request ${req.params.id}`, { field: 'service_request_id' });
    send(res, 'service_requests', found);
  });

  router.use(() => {
    throw new NotFound('no such GeoReport v2 resource');
  });
  router.use(open311Errors);
  return router;
}
