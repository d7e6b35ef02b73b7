import type { Sql } from '../../../core/ports/database.ts';

/** A new Zeebe-style key (int64, kept as a string). */
export async function nextKey(sql: Sql): Promise<string> {
  const { rows } = await sql.query<{ key: string }>(`SELECT nextval('engine_key_seq')::text AS key`);
  return rows[0]!.key;
}
