import { NotFound } from '../errors.ts';
import type { Sql } from '../ports/database.ts';

/**
 * Deployed versions as the embedded engine stores them (engine_process_definition), with how many instances run
 * on each: a new version never moves running instances, so old versions stay in use until their cases end.
 */

export interface ProcessVersionSummary {
  version: number;
  checksum: string;
  resourceName: string;
  deployedAt: string;
  activeInstances: number;
  completedInstances: number;
  openIncidents: number;
}

export interface ProcessSummary {
  processId: string;
  /** Latest first. */
  versions: ProcessVersionSummary[];
}

export interface ProcessVersion {
  processId: string;
  version: number;
  checksum: string;
  resourceName: string;
  deployedAt: string;
  xml: string;
}

interface VersionRow {
  process_id: string;
  version: number;
  checksum: string;
  resource_name: string;
  deployed_at: Date | string;
  active_instances: number;
  completed_instances: number;
  open_incidents: number;
}

export async function listProcesses(sql: Sql): Promise<ProcessSummary[]> {
  const { rows } = await sql.query<VersionRow>(
    `WITH instances AS (
       SELECT definition_key,
              count(*) FILTER (WHERE status = 'active')::int AS active_instances,
              count(*) FILTER (WHERE status = 'completed')::int AS completed_instances
         FROM engine_instance GROUP BY definition_key
     ), incidents AS (
       SELECT i.definition_key, count(*)::int AS open_incidents
         FROM engine_incident n JOIN engine_instance i ON i.instance_key = n.instance_key
        WHERE n.resolved_at IS NULL GROUP BY i.definition_key
     )
     SELECT d.process_id, d.version, d.checksum, d.resource_name, d.deployed_at,
            COALESCE(s.active_instances, 0) AS active_instances, COALESCE(s.completed_instances, 0) AS completed_instances,
            COALESCE(n.open_incidents, 0) AS open_incidents
       FROM engine_process_definition d
       LEFT JOIN instances s ON s.definition_key = d.definition_key
       LEFT JOIN incidents n ON n.definition_key = d.definition_key
      ORDER BY d.process_id, d.version DESC`,
  );
  const byProcess = new Map<string, ProcessSummary>();
  for (const row of rows) {
    let summary = byProcess.get(row.process_id);
    if (!summary) byProcess.set(row.process_id, (summary = { processId: row.process_id, versions: [] }));
    summary.versions.push({
      version: row.version,
      checksum: row.checksum,
      resourceName: row.resource_name,
      deployedAt: new Date(row.deployed_at).toISOString(),
      activeInstances: row.active_instances,
      completedInstances: row.completed_instances,
      openIncidents: row.open_incidents,
    });
  }
  return [...byProcess.values()];
}

export async function readProcessVersion(sql: Sql, processId: string, version: number): Promise<ProcessVersion> {
  const { rows } = await sql.query<{ checksum: string; resource_name: string; deployed_at: Date | string; xml: string }>(
    'SELECT checksum, resource_name, deployed_at, xml FROM engine_process_definition WHERE process_id = $1 AND version = $2',
    [processId, version],
  );
  const row = rows[0];
  if (!row) throw new NotFound(`process ${processId} has no version ${version}`);
  return {
    processId,
    version,
    checksum: row.checksum,
    resourceName: row.resource_name,
    deployedAt: new Date(row.deployed_at).toISOString(),
    xml: row.xml,
  };
}

/** Whether content with this checksum is already deployed (deploying it again returns that version). */
export async function isDeployed(sql: Sql, checksum: string): Promise<boolean> {
  const { rows } = await sql.query('SELECT 1 FROM engine_process_definition WHERE checksum = $1 LIMIT 1', [checksum]);
  return rows.length > 0;
}
