import type { Role } from '../../core/identity/roles.ts';
import type { JsonSchema } from './validate.ts';

/** One documented operation. Routes files export their operations next to the schemas they validate with. */
export interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI path template under /api/v1, e.g. /users/{id}. */
  path: string;
  summary: string;
  tag: string;
  /** Who may call it: 'public' (no token), 'signed-in' (any role), or the roles allowed. */
  access: 'public' | 'signed-in' | Role[];
  body?: JsonSchema;
  /** The body's media type when it is not JSON (file uploads, CSV imports). */
  bodyContentType?: string;
  query?: JsonSchema;
  /** Status → description (and schema when the body is worth describing). */
  responses: Record<string, string | { description: string; schema?: JsonSchema; contentType?: string }>;
}

/** A multipart/form-data body whose one part, "file", holds the bytes. */
export const fileUploadBody: JsonSchema = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'the file itself' } },
};

const problem = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    field: { type: 'string', description: 'the offending input field' },
  },
};

function parametersOf(path: string, query?: JsonSchema): object[] {
  const params: object[] = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const properties = (query?.properties ?? {}) as Record<string, JsonSchema>;
  const required = (query?.required ?? []) as string[];
  for (const [name, schema] of Object.entries(properties)) {
    params.push({ name, in: 'query', required: required.includes(name), schema });
  }
  return params;
}

export function openApiDocument(operations: Operation[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of operations) {
    const access =
      op.access === 'public' ? 'Public.' : op.access === 'signed-in' ? 'Any signed-in user.' : `Roles: ${op.access.join(', ')}.`;
    const responses: Record<string, object> = {};
    for (const [status, value] of Object.entries(op.responses)) {
      const spec = typeof value === 'string' ? { description: value } : value;
      responses[status] = {
        description: spec.description,
        ...(spec.schema ? { content: { [spec.contentType ?? 'application/json']: { schema: spec.schema } } } : {}),
      };
    }
    responses.default = { description: 'An error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      description: access,
      tags: [op.tag],
      ...(op.access === 'public' ? { security: [] } : {}),
      parameters: parametersOf(op.path, op.query),
      ...(op.body ? { requestBody: { required: true, content: { [op.bodyContentType ?? 'application/json']: { schema: op.body } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'citycase API',
      version,
      description: '数字化城管案件管理平台 HTTP API. Errors are RFC 9457 application/problem+json.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }, { apiKey: [] }],
    paths,
    components: {
      schemas: { Problem: problem },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}
