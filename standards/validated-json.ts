import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

/** A data file that breaks its schema or a catalogue rule: names the file, the JSON path and the rule. */
export class StandardsDataError extends Error {
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    readonly rule: string,
    detail: string,
  ) {
    super(`${file}: ${jsonPath || '/'}: ${rule}: ${detail}`);
    this.name = 'StandardsDataError';
  }
}

const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true });
// ajv-formats is CommonJS: under NodeNext its plugin is the module's `default` property.
ajvFormats.default(ajv);
const compiled = new Map<string, ValidateFunction>();
const registeredFolders = new Set<string>();

function readSchema(file: string): AnySchemaObject {
  return JSON.parse(readFileSync(file, 'utf8')) as AnySchemaObject;
}

// Schemas in one folder may `$ref` each other by relative `$id`, so every sibling with an `$id` is registered first.
function registerSiblings(folder: string): void {
  if (registeredFolders.has(folder)) return;
  for (const name of readdirSync(folder).filter((entry) => entry.endsWith('.schema.json'))) {
    const schema = readSchema(path.join(folder, name));
    if (typeof schema.$id === 'string' && !ajv.getSchema(schema.$id)) ajv.addSchema(schema);
  }
  registeredFolders.add(folder);
}

function validatorFor(schemaFile: string): ValidateFunction {
  const absolute = path.resolve(schemaFile);
  let validate = compiled.get(absolute);
  if (!validate) {
    const schema = readSchema(absolute);
    registerSiblings(path.dirname(absolute));
    validate = typeof schema.$id === 'string' ? ajv.getSchema(schema.$id) : ajv.compile(schema);
    if (!validate) throw new Error(`${schemaFile}: schema ${String(schema.$id)} did not compile`);
    compiled.set(absolute, validate);
  }
  return validate;
}

/** How data files are named in errors: relative to the working directory. */
export function displayPath(file: string): string {
  return path.relative(process.cwd(), path.resolve(file)) || file;
}

function describe(error: ErrorObject): { rule: string; detail: string; jsonPath: string } {
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const params = error.params as { additionalProperty?: string; unevaluatedProperty?: string };
    const extra = String(params.additionalProperty ?? params.unevaluatedProperty);
    return { rule: 'additionalProperties', detail: `unknown field "${extra}"`, jsonPath: `${error.instancePath}/${extra}` };
  }
  return { rule: error.keyword, detail: error.message ?? 'invalid', jsonPath: error.instancePath };
}

/** Parses `file` and checks it against the JSON Schema (2020-12) in `schemaFile`; throws StandardsDataError. */
export function readValidatedJson<T>(file: string, schemaFile: string): T {
  const shown = displayPath(file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StandardsDataError(shown, '', 'json', (error as Error).message);
  }
  const validate = validatorFor(schemaFile);
  if (!validate(data)) {
    const first = validate.errors?.[0];
    const { rule, detail, jsonPath } = first ? describe(first) : { rule: 'schema', detail: 'invalid', jsonPath: '' };
    throw new StandardsDataError(shown, jsonPath, rule, detail);
  }
  return data as T;
}
