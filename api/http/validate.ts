import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { Invalid } from '../../core/errors.ts';

/**
 * Request validation from JSON Schemas (the same schemas the OpenAPI document shows). Unknown fields are refused
 * where a schema says additionalProperties: false, so a typo is an error rather than silently ignored.
 */
const ajv = new Ajv2020({ allErrors: false, strict: false, coerceTypes: false, useDefaults: true });
ajvFormats.default(ajv);

const queryAjv = new Ajv2020({ allErrors: false, strict: false, coerceTypes: true, useDefaults: true });
ajvFormats.default(queryAjv);

export type JsonSchema = Record<string, unknown>;

function fieldOf(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const path = error.instancePath.split('/').filter(Boolean);
  if (params.missingProperty) path.push(params.missingProperty);
  if (params.additionalProperty) path.push(params.additionalProperty);
  return path.join('.') || '(body)';
}

function messageOf(error: ErrorObject, field: string): string {
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  if (error.keyword === 'additionalProperties') return `unknown field "${params.additionalProperty}"`;
  if (error.keyword === 'required') return `${field} is required`;
  if (error.keyword === 'enum') return `${field} must be one of ${JSON.stringify(params.allowedValues)}`;
  return `${field} ${error.message ?? 'is invalid'}`;
}

function check<T>(validate: ValidateFunction, value: unknown, where: string): T {
  if (!validate(value)) {
    const error = validate.errors?.[0] as ErrorObject;
    const field = fieldOf(error);
    throw new Invalid(`${where}: ${messageOf(error, field)}`, { field });
  }
  return value as T;
}

/** Compiles once; the returned function throws Invalid naming the offending field. */
export function bodyValidator<T>(schema: JsonSchema): (body: unknown) => T {
  const validate = ajv.compile(schema);
  return (body) => check<T>(validate, body ?? {}, 'request body');
}

/** Query strings arrive as text: numbers and booleans are coerced before the check. */
export function queryValidator<T>(schema: JsonSchema): (query: unknown) => T {
  const validate = queryAjv.compile(schema);
  return (query) => check<T>(validate, { ...(query as object) }, 'query');
}
