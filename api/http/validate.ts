import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { NotFound } from '../../core/errors.ts';
import { invalidFromSchemaError } from '../../core/validation/schema-error.ts';

/**
 * Request validation from JSON Schemas (the same schemas the OpenAPI document shows). Unknown fields are refused
 * where a schema says additionalProperties: false, so a typo is an error rather than silently ignored.
 */
const ajv = new Ajv2020({ allErrors: false, strict: false, coerceTypes: false, useDefaults: true });
ajvFormats.default(ajv);

const queryAjv = new Ajv2020({ allErrors: false, strict: false, coerceTypes: true, useDefaults: true });
ajvFormats.default(queryAjv);

export type JsonSchema = Record<string, unknown>;

function check<T>(validate: ValidateFunction, value: unknown, where: string): T {
  if (!validate(value)) throw invalidFromSchemaError(validate.errors?.[0], where);
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

/** A numeric id from the path; anything that is not one names nothing, so it is a 404 like a missing row. */
export function pathId(raw: string, thing: string): number {
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id)) throw new NotFound(`${thing} ${raw} not found`);
  return id;
}
