import { json, type Sql } from '../ports/database.ts';
import type { Incident, WorkflowEngine } from '../ports/engine.ts';

export interface IncidentView extends Incident {
  /** The process and version the instance runs on; null when this database does not know the instance. */
  processId: string | null;
  processVersion: number | null;
  /** The case the instance works on, when its business key is a case id. */
  caseNumber: string | null;
}

export interface IncidentFilter {
  processId?: string;
  instanceKey?: string;
}

/** Open incidents from the engine, with the process version and the case number an administrator looks for. */
export async function listOpenIncidents(engine: WorkflowEngine, sql: Sql, filter: IncidentFilter = {}): Promise<IncidentView[]> {
  const incidents = await engine.listIncidents(filter.instanceKey === undefined ? {} : { instanceKey: filter.instanceKey });
  if (incidents.length === 0) return [];
  const { rows } = await sql.query<{ instance_key: string; process_id: string | null; version: number | null; case_number: string | null }>(
    `SELECT k.instance_key, i.process_id, i.version, c.case_number
       FROM jsonb_to_recordset($1::jsonb) AS k(instance_key text, business_key text)
       LEFT JOIN engine_instance i ON i.instance_key::text = k.instance_key
       LEFT JOIN "case" c ON c.id = k.business_key`,
    [json(incidents.map((incident) => ({ instance_key: incident.instanceKey, business_key: incident.businessKey })))],
  );
  const byInstance = new Map(rows.map((row) => [row.instance_key, row]));
  return incidents
    .map((incident) => {
      const row = byInstance.get(incident.instanceKey);
      return { ...incident, processId: row?.process_id ?? null, processVersion: row?.version ?? null, caseNumber: row?.case_number ?? null };
    })
    .filter((incident) => filter.processId === undefined || incident.processId === filter.processId);
}
