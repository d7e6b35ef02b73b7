import type { ErrorObject } from 'ajv';
import { Invalid } from '../errors.ts';

/** The dotted path of the field an ajv error is about (a missing or unknown property included). */
export function fieldOfSchemaError(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const path = error.instancePath.split('/').filter(Boolean);
  if (params.missingProperty) path.push(params.missingProperty);
  if (params.additionalProperty) path.push(params.additionalProperty);
  return path.join('.');
}

/** An ajv error as the Invalid a user reads: "<where>: <field> is required", with the field named. */
export function invalidFromSchemaError(error: ErrorObject | undefined, where: string): Invalid {
  if (!error) return new Invalid(`${where} is invalid`);
  const field = fieldOfSchemaError(error) || undefined;
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
  const name = field ?? where;
  let detail: string;
  if (error.keyword === 'additionalProperties') detail = `unknown field "${params.additionalProperty}"`;
  else if (error.keyword === 'required') detail = `${name} is required`;
  else if (error.keyword === 'enum') detail = `${name} must be one of ${JSON.stringify(params.allowedValues)}`;
  else detail = `${name} ${error.message ?? 'is invalid'}`;
  return new Invalid(`${where}: ${detail}`, { field });
}
