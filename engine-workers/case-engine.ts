import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseClassRules } from '../core/case/case-class-rules.ts';
import { loadCitizenRules } from '../core/citizen/citizen-rules.ts';
import { creditCitizenPoints } from '../core/citizen/citizen-points.ts';
import type { WorkingCalendar } from '../core/ports/calendar.ts';
import type { Clock } from '../core/ports/clock.ts';
import type { Database } from '../core/ports/database.ts';
import type { DeployResource, WorkflowEngine } from '../core/ports/engine.ts';
import type { StandardsCatalog } from '../core/ports/standards.ts';
import { createEmbeddedEngine } from './engine/embedded/embedded-engine.ts';
import { registerCaseWorkers } from './workers/index.ts';

export const workflowsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'workflows');

/** Every diagram in workflows/: a city adds a process by adding a file. */
export function workflowResources(dir = workflowsDir): DeployResource[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.bpmn') || file.endsWith('.dmn'))
    .sort()
    .map((name) => ({ name, content: readFileSync(path.join(dir, name), 'utf8') }));
}

export interface CaseEngineOptions {
  db: Database;
  clock: Clock;
  catalog: StandardsCatalog;
  calendar: WorkingCalendar;
  /** embedded (default) or zeebe (CITYCASE_ENGINE=zeebe, configured by the Camunda 8 SDK's variables). */
  kind?: 'embedded' | 'zeebe';
  pollIntervalMs?: number;
}

/**
 * The engine the platform runs cases on, with every case worker registered and every diagram deployed (a diagram
 * already deployed keeps its version). Not yet started: call start() once the caller is ready for jobs and timers.
 */
export async function createCaseEngine(options: CaseEngineOptions): Promise<WorkflowEngine> {
  // The Camunda 8 SDK costs ~45 MB of heap when loaded: only a platform that runs on Zeebe loads it.
  const engine =
    options.kind === 'zeebe'
      ? await (await import('./engine/zeebe/zeebe-engine.ts')).createZeebeEngine({ db: options.db, pollIntervalMs: options.pollIntervalMs })
      : await createEmbeddedEngine({ db: options.db, clock: options.clock, pollIntervalMs: options.pollIntervalMs });
  const citizenRules = loadCitizenRules(options.catalog);
  registerCaseWorkers(engine, {
    clock: options.clock,
    calendar: options.calendar,
    rules: caseClassRules(options.catalog),
    onRegistered: (sql, registered) => creditCitizenPoints(sql, citizenRules, registered),
  });
  await engine.deploy(workflowResources());
  return engine;
}
