import { createHash } from 'node:crypto';
import { Invalid } from '../errors.ts';
import type { Sql } from '../ports/database.ts';
import type { DeployedProcess, DeployResource, WorkflowEngine } from '../ports/engine.ts';
import { checkDiagram } from './diagram-check.ts';
import { isDeployed } from './process-versions.ts';

export interface Deployment {
  process: DeployedProcess;
  /** False when the same content was deployed before: its existing version is returned. */
  created: boolean;
}

/**
 * Deploys a diagram an administrator edited, after the checks the modeler shows. Instances already running stay on
 * their version; new cases start on the latest.
 */
export async function deployProcess(engine: WorkflowEngine, sql: Sql, resource: DeployResource): Promise<Deployment> {
  const report = await checkDiagram(resource.content, engine.workerTypes());
  if (report.errors.length > 0) {
    const lintErrors = report.errors.length - report.errors.filter((e) => e.rule === 'registered-task-type').length;
    const what = [
      ...(lintErrors > 0 ? [`fails lint with ${lintErrors} error(s)`] : []),
      ...(report.unknownTaskTypes.length > 0 ? [`names task types without a registered worker: ${report.unknownTaskTypes.join(', ')}`] : []),
    ].join(' and ');
    throw new Invalid(`${resource.name} ${what}`, {
      field: 'xml',
      extra: { errors: report.errors, unknownTaskTypes: report.unknownTaskTypes },
    });
  }
  const existed = await isDeployed(sql, createHash('sha256').update(resource.content).digest('hex'));
  const [deployed] = await engine.deploy([resource]);
  if (!deployed) throw new Invalid(`${resource.name} holds no process to deploy`, { field: 'xml' });
  return { process: deployed, created: !existed };
}
