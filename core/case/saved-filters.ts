import { Conflict, NotFound } from '../errors.ts';
import { json, type Sql } from '../ports/database.ts';
import type { CaseFilter } from './case-query.ts';

/** A filter says which cases, not which page of them. */
export type SavedQuery = Omit<CaseFilter, 'page' | 'pageSize'>;

/**
 * 保存的筛选: a case-list query a user saved under a name. Only its owner changes it; when shared (共享查询) its
 * owner's colleagues see and apply it too.
 */
export interface SavedFilter {
  id: number;
  name: string;
  query: SavedQuery;
  shared: boolean;
  /** Whether the caller owns it, and so may rename, share or delete it. */
  mine: boolean;
  owner: { id: number; displayName: string };
  createdAt: string;
  updatedAt: string;
}

export interface SavedFilterChanges {
  name?: string;
  query?: SavedQuery;
  shared?: boolean;
}

interface SavedFilterRow {
  id: number | string;
  name: string;
  query: SavedQuery;
  shared: boolean;
  owner_id: number | string;
  owner_name: string;
  created_at: Date | string;
  updated_at: Date | string;
}

// Written rows come back through a CTE so that they carry their owner's name like listed ones.
const columns = 'f.id, f.name, f.query, f.shared, f.owner_id, o.display_name AS owner_name, f.created_at, f.updated_at';
const withOwner = (written: string) => `WITH f AS (${written} RETURNING *) SELECT ${columns} FROM f JOIN app_user o ON o.id = f.owner_id`;

function toSavedFilter(row: SavedFilterRow, viewerId: number): SavedFilter {
  return {
    id: Number(row.id),
    name: row.name,
    query: row.query,
    shared: row.shared,
    mine: Number(row.owner_id) === viewerId,
    owner: { id: Number(row.owner_id), displayName: row.owner_name },
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

/**
 * Who counts as a colleague for a shared filter: the same department, or for users of no department the command
 * centre. Citizens share nothing and see nothing shared. A deactivated owner's filters stop being offered.
 */
const colleagueOf = (viewer: string) => `(f.shared AND o.active
   AND o.department_id IS NOT DISTINCT FROM (SELECT department_id FROM app_user WHERE id = ${viewer})
   AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = o.id AND r.role <> 'citizen')
   AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = ${viewer} AND r.role <> 'citizen'))`;

/** The caller's own filters in the order they were saved, then colleagues' shared ones by owner. */
export async function listSavedFilters(sql: Sql, viewerId: number): Promise<SavedFilter[]> {
  const { rows } = await sql.query<SavedFilterRow>(
    `SELECT ${columns} FROM saved_filter f JOIN app_user o ON o.id = f.owner_id
      WHERE f.owner_id = $1 OR ${colleagueOf('$1')}
      ORDER BY f.owner_id <> $1, o.display_name, f.created_at, f.id`,
    [viewerId],
  );
  return rows.map((row) => toSavedFilter(row, viewerId));
}

export async function createSavedFilter(sql: Sql, ownerId: number, input: { name: string; query: SavedQuery; shared?: boolean }, now: Date): Promise<SavedFilter> {
  const name = cleanName(input.name);
  const { rows } = await withUniqueName(name, () =>
    sql.query<SavedFilterRow>(
      withOwner('INSERT INTO saved_filter (owner_id, name, query, shared, created_at, updated_at) VALUES ($1, $2, $3::jsonb, $4, $5, $5)'),
      [ownerId, name, json(input.query), input.shared ?? false, now],
    ),
  );
  return toSavedFilter(rows[0] as SavedFilterRow, ownerId);
}

/** Renames it, replaces its query, shares or unshares it. Someone else's filter is as unknown as a missing one. */
export async function changeSavedFilter(sql: Sql, ownerId: number, id: number, changes: SavedFilterChanges, now: Date): Promise<SavedFilter> {
  const name = changes.name === undefined ? null : cleanName(changes.name);
  const { rows } = await withUniqueName(name ?? '', () =>
    sql.query<SavedFilterRow>(
      withOwner(`UPDATE saved_filter SET name = COALESCE($3, name), query = COALESCE($4::jsonb, query), shared = COALESCE($6, shared), updated_at = $5
        WHERE id = $1 AND owner_id = $2`),
      [id, ownerId, name, changes.query === undefined ? null : json(changes.query), now, changes.shared ?? null],
    ),
  );
  const row = rows[0];
  if (!row) throw new NotFound(`saved filter ${id} not found`);
  return toSavedFilter(row, ownerId);
}

export async function deleteSavedFilter(sql: Sql, ownerId: number, id: number): Promise<void> {
  const { affectedRows } = await sql.query('DELETE FROM saved_filter WHERE id = $1 AND owner_id = $2', [id, ownerId]);
  if (affectedRows === 0) throw new NotFound(`saved filter ${id} not found`);
}
