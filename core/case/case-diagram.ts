import { NotFound } from '../errors.ts';
import type { Sql } from '../ports/database.ts';
import { readProcessVersion, type ProcessVersion } from '../processes/process-versions.ts';

/** The process and version of the case's latest instance (the one its page shows), if it has one. */
export async function caseProcess(sql: Sql, caseId: string): Promise<{ processId: string; version: number } | null> {
  const { rows } = await sql.query<{ process_id: string; version: number }>(
    'SELECT process_id, version FROM engine_instance WHERE business_key = $1 ORDER BY started_at DESC LIMIT 1',
    [caseId],
  );
  const row = rows[0];
  return row ? { processId: row.process_id, version: Number(row.version) } : null;
}

/**
 * The diagram version a case runs on. Whoever may read the case may read it, so a clerk or a department sees
 * where the case stands in its process, while the process catalogue itself stays an administrator's.
 */
export async function caseDiagram(sql: Sql, caseId: string): Promise<Pick<ProcessVersion, 'processId' | 'version' | 'xml'>> {
  const instance = await caseProcess(sql, caseId);
  if (!instance) throw new NotFound(`case ${caseId} has no process instance`, { detailZh: '此案件没有流程实例' });
  const { processId, version, xml } = await readProcessVersion(sql, instance.processId, instance.version);
  return { processId, version, xml };
}
