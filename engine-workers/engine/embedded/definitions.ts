import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import * as Elements from 'bpmn-elements';
import serializer, { deserialize, TypeResolver } from 'moddle-context-serializer';
import { Invalid, NotFound } from '../../../core/errors.ts';
import type { Clock } from '../../../core/ports/clock.ts';
import { json, type Sql } from '../../../core/ports/database.ts';
import type { DeployedProcess, DeployResource } from '../../../core/ports/engine.ts';
import { lintDiagram } from '../../../workflows/lint/lint-diagram.ts';
import { describeElements, type DiagramElements } from './diagram-elements.ts';
import { ClockedTimerEventDefinition } from './clocked-timer.ts';
import { isFeel, validateFeel } from './feel.ts';
import { nextKey } from './keys.ts';

const require = createRequire(import.meta.url);
export const zeebeModdle = require('zeebe-bpmn-moddle/resources/zeebe.json') as object;
// Timers expire by the host's clock, not bpmn-elements' wall clock (clocked-timer.ts).
const typeResolver = TypeResolver({ ...Elements, TimerEventDefinition: ClockedTimerEventDefinition });

interface ModdleNode {
  $type: string;
  id?: string;
  [key: string]: unknown;
}

interface ParsedDiagram {
  processId: string;
  elements: DiagramElements;
  sourceContext: string;
}

/** Every `=` attribute and expression body in the tree, with where it sits, so FEEL is checked before it runs. */
function collectFeel(root: ModdleNode): Array<{ expression: string; where: string }> {
  const found: Array<{ expression: string; where: string }> = [];
  const seen = new Set<object>();
  const visit = (node: unknown, owner: string) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach((item) => visit(item, owner));
    const element = node as ModdleNode;
    const where = typeof element.id === 'string' ? element.id : owner;
    for (const [key, value] of Object.entries(element)) {
      if (key.startsWith('$') || key.endsWith('Ref') || key === 'incoming' || key === 'outgoing') continue;
      if (isFeel(value)) found.push({ expression: value, where: `${where}.${key}` });
      else visit(value, where);
    }
  };
  visit(root, 'definitions');
  return found;
}

async function parseDiagram(resource: DeployResource, workerTypes: ReadonlySet<string>): Promise<ParsedDiagram> {
  const lint = await lintDiagram(resource.content);
  if (lint.errors.length > 0) {
    const first = lint.errors[0]!;
    throw new Invalid(
      `${resource.name} fails lint: ${lint.errors.map((e) => `${e.elementId ?? '-'}: ${e.message} (${e.rule})`).join('; ')}`,
      { field: first.elementId ?? resource.name, extra: { lint: lint.errors } },
    );
  }
  const moddleContext = await new BpmnModdle({ zeebe: zeebeModdle }).fromXML(resource.content);
  const definitions = moddleContext.rootElement as unknown as ModdleNode;
  const processes = ((definitions.rootElements as ModdleNode[] | undefined) ?? []).filter(
    (e) => e.$type === 'bpmn:Process' && e.isExecutable !== false,
  );
  if (processes.length !== 1) {
    throw new Invalid(`${resource.name} must hold exactly one executable process, it holds ${processes.length}`, { field: resource.name });
  }
  const process = processes[0]!;
  for (const { expression, where } of collectFeel(definitions)) validateFeel(expression, where);
  const elements = describeElements(process);
  for (const element of Object.values(elements)) {
    if (element.job && !workerTypes.has(element.job.type)) {
      throw new Invalid(`${element.id} names task type ${element.job.type}, which has no registered worker`, { field: element.id });
    }
  }
  const sourceContext = serializer(moddleContext, typeResolver).serialize();
  return { processId: String(process.id), elements, sourceContext };
}

interface DefinitionRow {
  definition_key: number | string;
  process_id: string;
  version: number;
  checksum: string;
  resource_name: string;
}

const toDeployed = (row: DefinitionRow): DeployedProcess => ({
  processId: row.process_id,
  version: row.version,
  checksum: row.checksum,
  processDefinitionKey: String(row.definition_key),
  resourceName: row.resource_name,
});

/** Stores one resource as a new version of its process, or returns the version that has the same content. */
export async function deployResource(
  sql: Sql,
  clock: Clock,
  resource: DeployResource,
  workerTypes: ReadonlySet<string>,
): Promise<DeployedProcess> {
  const parsed = await parseDiagram(resource, workerTypes);
  const checksum = createHash('sha256').update(resource.content).digest('hex');
  // Serialises concurrent deployments of one process so two never take the same version number.
  await sql.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`engine-deploy:${parsed.processId}`]);
  const existing = await sql.query<DefinitionRow>(
    'SELECT definition_key, process_id, version, checksum, resource_name FROM engine_process_definition WHERE process_id = $1 AND checksum = $2',
    [parsed.processId, checksum],
  );
  if (existing.rows[0]) return toDeployed(existing.rows[0]);
  const { rows } = await sql.query<DefinitionRow>(
    `INSERT INTO engine_process_definition
       (definition_key, process_id, version, checksum, resource_name, xml, source_context, elements, deployed_at)
     SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3, $4, $5, $6, $7, $8 FROM engine_process_definition WHERE process_id = $2
     RETURNING definition_key, process_id, version, checksum, resource_name`,
    [await nextKey(sql), parsed.processId, checksum, resource.name, resource.content, parsed.sourceContext, json(parsed.elements), clock.now()],
  );
  return toDeployed(rows[0]!);
}

export interface LoadedDefinition {
  definitionKey: string;
  processId: string;
  version: number;
  elements: DiagramElements;
  /** The deserialised source context; definitions never change, so one is shared by every step. */
  sourceContext: unknown;
}

/** Deployed definitions are immutable, so they are cached by key (instances never are). */
export class DefinitionCache {
  private readonly loaded = new Map<string, LoadedDefinition>();

  async byKey(sql: Sql, definitionKey: string): Promise<LoadedDefinition> {
    const cached = this.loaded.get(definitionKey);
    if (cached) return cached;
    const { rows } = await sql.query<{ process_id: string; version: number; source_context: string; elements: DiagramElements }>(
      'SELECT process_id, version, source_context, elements FROM engine_process_definition WHERE definition_key = $1',
      [definitionKey],
    );
    const row = rows[0];
    if (!row) throw new NotFound(`process definition ${definitionKey} is not deployed`);
    const definition: LoadedDefinition = {
      definitionKey,
      processId: row.process_id,
      version: row.version,
      elements: row.elements,
      sourceContext: deserialize(JSON.parse(row.source_context), typeResolver),
    };
    this.loaded.set(definitionKey, definition);
    return definition;
  }

  /** The key of a process's given version, or of its latest. */
  async keyOf(sql: Sql, processId: string, version?: number): Promise<string> {
    const { rows } = await sql.query<{ definition_key: number | string }>(
      `SELECT definition_key FROM engine_process_definition
        WHERE process_id = $1 AND ($2::integer IS NULL OR version = $2) ORDER BY version DESC LIMIT 1`,
      [processId, version ?? null],
    );
    if (!rows[0]) throw new NotFound(`process ${processId}${version === undefined ? '' : ` version ${version}`} is not deployed`, { field: 'processId' });
    return String(rows[0].definition_key);
  }
}
