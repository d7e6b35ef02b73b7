import type { Sql } from '../ports/database.ts';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import { hashPassword } from './passwords.ts';
import { isRole, type Principal, type ReviewerKind, type Role } from './roles.ts';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  department_id: string | null;
  active: boolean;
  roles: string[] | null;
  grid_codes: string[] | null;
  reviewer_kind: ReviewerKind | null;
}

const selectUsers = `
  SELECT u.id, u.username, u.display_name, u.department_id, u.active, u.reviewer_kind,
         (SELECT array_agg(r.role ORDER BY r.role) FROM user_role r WHERE r.user_id = u.id) AS roles,
         (SELECT array_agg(g.grid_code::text ORDER BY g.grid_code) FROM user_grid g WHERE g.user_id = u.id) AS grid_codes
  FROM app_user u`;

export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  departmentId: string | null;
  gridCodes: string[];
  /** Set for reviewers: the body they sit for. */
  reviewerKind: ReviewerKind | null;
  active: boolean;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: (row.roles ?? []).filter(isRole),
    departmentId: row.department_id,
    gridCodes: (row.grid_codes ?? []).map((code) => code.trim()),
    reviewerKind: row.reviewer_kind,
    active: row.active,
  };
}

export function toPrincipal(user: User): Principal {
  return {
    kind: 'user',
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    departmentId: user.departmentId,
    gridCodes: user.gridCodes,
  };
}

export async function findUser(sql: Sql, by: { id: number } | { username: string }): Promise<User | null> {
  const { rows } =
    'id' in by
      ? await sql.query<UserRow>(`${selectUsers} WHERE u.id = $1`, [by.id])
      : await sql.query<UserRow>(`${selectUsers} WHERE u.username = $1`, [by.username]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function passwordHashOf(sql: Sql, username: string): Promise<{ id: number; hash: string; active: boolean } | null> {
  const { rows } = await sql.query<{ id: number; password_hash: string; active: boolean }>(
    'SELECT id, password_hash, active FROM app_user WHERE username = $1',
    [username],
  );
  const row = rows[0];
  return row ? { id: row.id, hash: row.password_hash, active: row.active } : null;
}

export async function listUsers(sql: Sql, filter: { role?: Role; departmentId?: string } = {}): Promise<User[]> {
  const { rows } = await sql.query<UserRow>(
    `${selectUsers}
     WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = $1))
       AND ($2::text IS NULL OR u.department_id = $2)
     ORDER BY u.username`,
    [filter.role ?? null, filter.departmentId ?? null],
  );
  return rows.map(toUser);
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  departmentId?: string | null;
  gridCodes?: string[];
  reviewerKind?: ReviewerKind | null;
}

/** Department roles need a department; a collector's grids must exist. Checked here so every caller gets it. */
async function checkScope(sql: Sql, user: { roles: Role[]; departmentId?: string | null; gridCodes?: string[]; reviewerKind?: ReviewerKind | null }): Promise<void> {
  // Review results are reported by the body reviewers sit for, so a reviewer without one could not be counted.
  if (user.roles.includes('reviewer') !== Boolean(user.reviewerKind)) {
    throw new Invalid(user.reviewerKind ? 'only a reviewer has a reviewerKind' : 'a reviewer needs a reviewerKind', { field: 'reviewerKind' });
  }
  const needsDepartment = user.roles.includes('department') || user.roles.includes('department-head');
  if (needsDepartment && !user.departmentId) {
    throw new Invalid('a department user needs a departmentId', { field: 'departmentId' });
  }
  if (user.departmentId) {
    const { rows } = await sql.query('SELECT 1 FROM department WHERE id = $1', [user.departmentId]);
    if (rows.length === 0) throw new Invalid(`unknown department "${user.departmentId}"`, { field: 'departmentId' });
  }
  for (const code of user.gridCodes ?? []) {
    const { rows } = await sql.query('SELECT 1 FROM responsibility_grid WHERE code = $1', [code]);
    if (rows.length === 0) throw new Invalid(`unknown responsibility grid "${code}"`, { field: 'gridCodes' });
  }
}

export async function createUser(sql: Sql, input: NewUser): Promise<User> {
  await checkScope(sql, input);
  const existing = await sql.query('SELECT 1 FROM app_user WHERE username = $1', [input.username]);
  if (existing.rows.length > 0) throw new Conflict(`user "${input.username}" exists`, { field: 'username' });
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO app_user (username, display_name, password_hash, department_id, reviewer_kind) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [input.username, input.displayName, await hashPassword(input.password), input.departmentId ?? null, input.reviewerKind ?? null],
  );
  const id = (rows[0] as { id: number }).id;
  await replaceRolesAndGrids(sql, id, input.roles, input.gridCodes ?? []);
  return (await findUser(sql, { id })) as User;
}

async function replaceRolesAndGrids(sql: Sql, userId: number, roles: Role[], gridCodes: string[]): Promise<void> {
  await sql.query('DELETE FROM user_role WHERE user_id = $1', [userId]);
  await sql.query('DELETE FROM user_grid WHERE user_id = $1', [userId]);
  for (const role of new Set(roles)) await sql.query('INSERT INTO user_role (user_id, role) VALUES ($1, $2)', [userId, role]);
  for (const code of new Set(gridCodes)) await sql.query('INSERT INTO user_grid (user_id, grid_code) VALUES ($1, $2)', [userId, code]);
}

export interface UserChanges {
  displayName?: string;
  password?: string;
  roles?: Role[];
  departmentId?: string | null;
  gridCodes?: string[];
  reviewerKind?: ReviewerKind | null;
  active?: boolean;
}

export async function updateUser(sql: Sql, id: number, changes: UserChanges): Promise<User> {
  const current = await findUser(sql, { id });
  if (!current) throw new NotFound(`user ${id} not found`);
  const next = {
    roles: changes.roles ?? current.roles,
    departmentId: changes.departmentId === undefined ? current.departmentId : changes.departmentId,
    gridCodes: changes.gridCodes ?? current.gridCodes,
    // Taking the reviewer role away takes the kind with it.
    reviewerKind: changes.reviewerKind !== undefined ? changes.reviewerKind : changes.roles && !changes.roles.includes('reviewer') ? null : current.reviewerKind,
  };
  await checkScope(sql, next);
  await sql.query(
    `UPDATE app_user SET display_name = $2, department_id = $3, active = $4,
            password_hash = COALESCE($5, password_hash), reviewer_kind = $6 WHERE id = $1`,
    [
      id,
      changes.displayName ?? current.displayName,
      next.departmentId,
      changes.active ?? current.active,
      changes.password ? await hashPassword(changes.password) : null,
      next.reviewerKind,
    ],
  );
  if (changes.roles || changes.gridCodes) await replaceRolesAndGrids(sql, id, next.roles, next.gridCodes);
  if (changes.active === false || changes.password) {
    await sql.query('UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
  }
  return (await findUser(sql, { id })) as User;
}
