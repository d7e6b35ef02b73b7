import type { Database, Sql } from '../core/ports/database.ts';
import { json } from '../core/ports/database.ts';
import { CaseDriver, toHandling } from './case-driver.ts';
import { progress } from './figures.ts';

/**
 * Many open cases waiting at handle, made quickly: `templates` cases are driven through the engine port (report,
 * confirm, register, dispatch: each then waits at Task_Handle with its deadline and reminder timers armed and its
 * void subscription open), then their rows are copied in SQL under new keys until there are `total`. That is a
 * faithful copy because the embedded engine keeps nothing in memory: an instance is its engine_instance row (state
 * and variables, in which the case id is replaced) plus the rows of what it waits for (user_task, engine_timer,
 * engine_message_subscription), and a case is its "case" row plus its case_event history.
 * Returns the case ids of the templates.
 */
export async function seedOpenCases(db: Database, driver: CaseDriver, templates: number, total: number): Promise<string[]> {
  const caseIds: string[] = [];
  for (let i = 0; i < Math.min(templates, total); i++) {
    const caseId = await driver.report();
    await driver.drive(caseId, toHandling);
    caseIds.push(caseId);
  }
  const { rows } = await db.query<{ instance_key: string }>(
    `SELECT instance_key::text FROM engine_instance WHERE business_key IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [json(caseIds)],
  );
  const templateKeys = rows.map((row) => row.instance_key);
  const batch = 5_000;
  for (let from = caseIds.length + 1; from <= total; from += batch) {
    const to = Math.min(total, from + batch - 1);
    await db.transaction((sql) => cloneBatch(sql, templateKeys, from, to));
    progress(`cloned open cases up to ${to} of ${total}`);
  }
  // What autovacuum would do on a server; PGlite has no autovacuum, so without this its planner knows no sizes.
  await db.exec('ANALYZE');
  return caseIds;
}

/** Per table: how a copied row's columns differ from its template's (m is the mapping row, c the template row). */
const swapCaseId = (column: string) => `replace(c.${column}::text, m.template_case, m.case_id)::jsonb`;
const copies: Array<{ table: string; match: string; set: Record<string, string> }> = [
  { table: 'case', match: 'c.id = m.template_case', set: { id: 'm.case_id', case_number: `'B' || lpad(m.n::text, 12, '0')` } },
  { table: 'case_event', match: 'c.case_id = m.template_case', set: { case_id: 'm.case_id' } },
  {
    table: 'engine_instance',
    match: 'c.instance_key = m.template_key',
    set: { instance_key: 'm.instance_key', business_key: 'm.case_id', engine_state: swapCaseId('engine_state'), variables: swapCaseId('variables') },
  },
  {
    table: 'user_task',
    match: 'c.instance_key = m.template_key',
    set: { task_key: `nextval('engine_key_seq')`, instance_key: 'm.instance_key', business_key: 'm.case_id', local_variables: swapCaseId('local_variables') },
  },
  { table: 'engine_timer', match: 'c.instance_key = m.template_key', set: { instance_key: 'm.instance_key' } },
  {
    table: 'engine_message_subscription',
    match: 'c.instance_key = m.template_key',
    set: { instance_key: 'm.instance_key', correlation_key: 'm.case_id' },
  },
];

async function cloneBatch(sql: Sql, templateKeys: string[], from: number, to: number): Promise<void> {
  await sql.query(
    `CREATE TEMP TABLE bench_clone ON COMMIT DROP AS
     SELECT g AS n, t.instance_key AS template_key, t.business_key AS template_case,
            nextval('engine_key_seq') AS instance_key, gen_random_uuid()::text AS case_id
       FROM generate_series($1::integer, $2::integer) g
       JOIN (SELECT instance_key, business_key, row_number() OVER (ORDER BY instance_key) - 1 AS i
               FROM engine_instance WHERE instance_key::text IN (SELECT jsonb_array_elements_text($3::jsonb))) t
         ON t.i = g % $4`,
    [from, to, json(templateKeys), templateKeys.length],
  );
  for (const copy of copies) {
    // Columns are read from the catalogue, so a column another migration adds is copied too.
    const { rows } = await sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'NO' ORDER BY ordinal_position`,
      [copy.table],
    );
    const columns = rows.map((row) => row.column_name);
    const values = columns.map((column) => copy.set[column] ?? `c.${column}`);
    await sql.exec(
      `INSERT INTO "${copy.table}" (${columns.map((column) => `"${column}"`).join(', ')})
       SELECT ${values.join(', ')} FROM "${copy.table}" c JOIN bench_clone m ON ${copy.match}`,
    );
  }
}
