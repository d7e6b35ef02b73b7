import type { Sql } from '../ports/database.ts';
import { Forbidden, NotFound } from '../errors.ts';
import { hasRole, type Principal } from '../identity/roles.ts';

/** Roles that see every case (the command centre, leaders, administrators). */
const seeAll = ['admin', 'leader', 'acceptor', 'shift-leader', 'dispatcher'] as const;

/**
 * A SQL condition restricting `"case"` rows (aliased `alias`) to what the caller may see: a department its own
 * cases, a collector the cases in its grids or that it reported, a citizen or a machine channel what it reported.
 * Parameters are appended to `params`.
 */
export function caseScopeCondition(principal: Principal, params: unknown[], alias = 'c'): string {
  if (principal.kind === 'api-key') {
    params.push(String(principal.id));
    return `${alias}.reporter->>'apiKeyId' = $${params.length}`;
  }
  if (hasRole(principal, ...seeAll)) return 'true';
  const conditions: string[] = [];
  params.push(String(principal.id));
  conditions.push(`${alias}.reporter->>'userId' = $${params.length}`);
  if (principal.departmentId && hasRole(principal, 'department', 'department-head')) {
    params.push(principal.departmentId);
    conditions.push(`${alias}.department_id = $${params.length}`);
  }
  if (hasRole(principal, 'collector') && principal.gridCodes.length > 0) {
    params.push(principal.gridCodes);
    conditions.push(`${alias}.responsibility_grids && $${params.length}::text[]`);
  }
  return `(${conditions.join(' OR ')})`;
}

/** Throws NotFound for an unknown case and Forbidden for one outside the caller's scope (naming nothing of it). */
export async function assertCaseInScope(sql: Sql, principal: Principal, caseId: string): Promise<void> {
  const params: unknown[] = [caseId];
  const condition = caseScopeCondition(principal, params);
  const { rows } = await sql.query<{ visible: boolean }>(
    `SELECT ${condition} AS visible FROM "case" c WHERE c.id = $1`,
    params as never,
  );
  const row = rows[0];
  if (!row) throw new NotFound(`case ${caseId} not found`);
  if (!row.visible) throw new Forbidden('this case is outside your scope', { detailZh: '此案件不在您的办理范围内' });
}
