import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { NotFound } from '../core/errors.ts';
import { invalidFromSchemaError } from '../core/validation/schema-error.ts';

export const formsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schemas');

export interface FormDefinition {
  id: string;
  schema: Record<string, unknown>;
  validate: ValidateFunction;
}

export interface FormRegistry {
  ids(): string[];
  get(formId: string): FormDefinition;
  /** Checks a task's variables against its form; Invalid names the offending field. */
  check(formId: string, variables: unknown): Record<string, unknown>;
}

/**
 * Every forms/schemas/<formId>.schema.json, compiled once. A form a new diagram references needs only its schema
 * file: no code. Keywords starting with x- are UI hints (labels, widgets) that validation ignores.
 */
export function loadFormRegistry(dir = formsDir): FormRegistry {
  const ajv = new Ajv2020({ allErrors: false, strict: true, strictTuples: false });
  ajvFormats.default(ajv);
  ajv.addVocabulary(['x-title-en', 'x-widget', 'x-options', 'x-enum-labels', 'x-enum-labels-en', 'x-order', 'x-description-en', 'x-placeholder', 'x-accept', 'x-max-files']);
  const forms = new Map<string, FormDefinition>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort()) {
    const id = file.replace(/\.schema\.json$/, '');
    const schema = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    let validate: ValidateFunction;
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      throw new Error(`forms/schemas/${file}: ${(error as Error).message}`, { cause: error });
    }
    forms.set(id, { id, schema, validate });
  }
  return {
    ids: () => [...forms.keys()],
    get(formId) {
      const form = forms.get(formId);
      if (!form) throw new NotFound(`no form "${formId}"`);
      return form;
    },
    check(formId, variables) {
      const form = this.get(formId);
      if (!form.validate(variables ?? {})) throw invalidFromSchemaError(form.validate.errors?.[0], `form ${formId}`);
      return variables as Record<string, unknown>;
    },
  };
}
