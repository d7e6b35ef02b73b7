import { json, type Sql } from '../core/ports/database.ts';

export type ColumnType = 'text' | 'jsonb' | 'float8' | 'boolean';

/**
 * Inserts many rows with one statement: the rows travel as one jsonb parameter and jsonb_to_recordset turns
 * them back into a table, which both PGlite and a PostgreSQL server accept. Table and column names come
 * from our own code, never from input; row keys are the column names.
 */
export async function insertRows(
  sql: Sql,
  table: string,
  columns: Readonly<Record<string, ColumnType>>,
  rows: readonly Record<string, unknown>[],
): Promise<number> {
  const names = Object.keys(columns);
  const recordType = names.map((name) => `${name} ${columns[name]}`).join(', ');
  const result = await sql.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${recordType})`,
    [json(rows)],
  );
  return result.affectedRows;
}
