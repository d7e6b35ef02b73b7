import { Conflict, NotFound } from '../errors.ts';
import { json, type Sql } from '../ports/database.ts';
import type { CaseFilter } from './case-query.ts';

/** A filter says which cases, not which page of them. */
export type SavedQuery = Omit<CaseFilter, 'page' | 'pageSize'>;

/** 保存的筛选: a case-list query a user saved under a name. Only its owner ever sees or changes it. */
export interface SavedFilter {
  id: number;
  name: string;
  query: SavedQuery;
  createdAt: string;
  updatedAt: string;
}

export interface SavedFilterChanges {
  name?: string;
  query?: SavedQuery;
}

interface SavedFilterRow {
  id: number | string;
  name: string;
  query: SavedQuery;
  created_at: Date | string;
  updated_at: Date | string;
}

const columns = 'id, name, query, created_at, updated_at';

function toSavedFilter(row: SavedFilterRow): SavedFilter {
  return {
    id: Number(row.id),
    name: row.name,
    query: row.query,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

// The unique (owner, name) index decides, so two tabs saving the same name at once cannot both win. Both drivers
// put PostgreSQL's SQLSTATE on the error's `code`; 23505 is unique_violation.
async function withUniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') {
      throw new Conflict(`you already have a saved filter named "${name}"`, { field: 'name' });
    }
    throw error;
  }
}

// "超期未结" and "超期未结 " would look the same in the dropdown, so they are one name.
const cleanName = (name: string) => name.trim();

/** The owner's saved filters in the order they were saved. */
export async function listSavedFilters(sql: Sql, ownerId: number): Promise<SavedFilter[]> {
  const { rows } = await sql.query<SavedFilterRow>(
    `SELECT ${columns} FROM saved_filter WHERE owner_id = $1 ORDER BY created_at, id`,
    [ownerId],
  );
  return rows.map(toSavedFilter);
}

export async function createSavedFilter(sql: Sql, ownerId: number, input: { name: string; query: SavedQuery }, now: Date): Promise<SavedFilter> {
  const name = cleanName(input.name);
  const { rows } = await withUniqueName(name, () =>
    sql.query<SavedFilterRow>(
      `INSERT INTO saved_filter (owner_id, name, query, created_at, updated_at) VALUES ($1, $2, $3::jsonb, $4, $4) RETURNING ${columns}`,
      [ownerId, name, json(input.query), now],
    ),
  );
  return toSavedFilter(rows[0] as SavedFilterRow);
}

/** Renames it, replaces its query, or both. Someone else's filter is as unknown as a missing one. */
export async function changeSavedFilter(sql: Sql, ownerId: number, id: number, changes: SavedFilterChanges, now: Date): Promise<SavedFilter> {
  const name = changes.name === undefined ? null : cleanName(changes.name);
  const { rows } = await withUniqueName(name ?? '', () =>
    sql.query<SavedFilterRow>(
      `UPDATE saved_filter SET name = COALESCE($3, name), query = COALESCE($4::jsonb, query), updated_at = $5
        WHERE id = $1 AND owner_id = $2 RETURNING ${columns}`,
      [id, ownerId, name, changes.query === undefined ? null : json(changes.query), now],
    ),
  );
  const row = rows[0];
  if (!row) throw new NotFound(`saved filter ${id} not found`);
  return toSavedFilter(row);
}

export async function deleteSavedFilter(sql: Sql, ownerId: number, id: number): Promise<void> {
  const { affectedRows } = await sql.query('DELETE FROM saved_filter WHERE id = $1 AND owner_id = $2', [id, ownerId]);
  if (affectedRows === 0) throw new NotFound(`saved filter ${id} not found`);
}
