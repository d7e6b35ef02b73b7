import { Invalid, NotFound } from '../errors.ts';
import type { Sql } from '../ports/database.ts';
import type { ClassKind, SchemeId, StandardsCatalog } from '../ports/standards.ts';
import { chooseRule, type DispatchSuggestion } from './choose-rule.ts';
import { ruleColumns, ruleOfRow, type RuleRow } from './dispatch-rule-store.ts';

export type { DispatchSuggestion } from './choose-rule.ts';

export interface SuggestInput {
  classScheme: string;
  classKind: string;
  classCode: string;
  /** The class's major class; rules by major class only match when it is given. */
  majorCode?: string | null;
  /** The case's unit grid; without one only whole-city rules match. */
  gridCode?: string | null;
}

/**
 * The department a case of this class in this unit grid goes to, by the most specific matching dispatch rule.
 * The grid's community, street and district are its ancestors among the organisation rows. Rules that send
 * cases to an inactive department are passed over: such a department cannot be dispatched to.
 */
export async function suggestDepartment(sql: Sql, input: SuggestInput): Promise<DispatchSuggestion> {
  const { rows } = await sql.query<RuleRow>(
    `WITH RECURSIVE place (id) AS (
       SELECT community_id FROM unit_grid WHERE code = $5::text
       UNION
       SELECT o.parent_id FROM organisation o JOIN place p ON o.id = p.id WHERE o.parent_id IS NOT NULL
     )
     SELECT ${ruleColumns} FROM dispatch_rule r JOIN department d ON d.id = r.department_id AND d.active
     WHERE r.class_scheme = $1 AND r.class_kind = $2
       AND (r.class_code = $3::text OR r.major_code = $4::text OR (r.class_code IS NULL AND r.major_code IS NULL))
       AND (r.grid_code = $5::text
         OR r.community_id IN (SELECT id FROM place) OR r.street_id IN (SELECT id FROM place) OR r.district_id IN (SELECT id FROM place)
         OR num_nonnulls(r.grid_code, r.community_id, r.street_id, r.district_id) = 0)`,
    [input.classScheme, input.classKind, input.classCode, input.majorCode ?? null, input.gridCode ?? null],
  );
  return chooseRule(rows.map(ruleOfRow));
}

/** The suggestion for a case on record: its class, the class's major class in the catalogue, and its grid. */
export async function suggestDepartmentForCase(sql: Sql, catalog: StandardsCatalog, caseId: string): Promise<DispatchSuggestion> {
  const { rows } = await sql.query<{ class_scheme: SchemeId; class_kind: ClassKind; class_code: string; grid_code: string | null }>(
    'SELECT class_scheme, class_kind, class_code, grid_code FROM "case" WHERE id = $1',
    [caseId],
  );
  const found = rows[0];
  if (!found) throw new NotFound(`case ${caseId} not found`);
  return suggestDepartment(sql, {
    classScheme: found.class_scheme,
    classKind: found.class_kind,
    classCode: found.class_code,
    majorCode: catalog.getClass(found.class_scheme, found.class_kind, found.class_code)?.majorCode ?? null,
    gridCode: found.grid_code,
  });
}

/**
 * The suggestion for a case not yet reported: what the rules would do with this class in this unit grid, so an
 * administrator can try rules out. Unknown classes and grids are refused, not matched city-wide.
 */
export async function suggestDepartmentFor(
  sql: Sql,
  catalog: StandardsCatalog,
  input: { classScheme: SchemeId; classKind: ClassKind; classCode: string; gridCode?: string },
): Promise<DispatchSuggestion> {
  const found = catalog.getClass(input.classScheme, input.classKind, input.classCode);
  if (!found) throw new Invalid(`no ${input.classKind} class ${input.classCode} in ${input.classScheme}`, { field: 'classCode' });
  if (input.gridCode) {
    const grid = await sql.query('SELECT 1 FROM unit_grid WHERE code = $1', [input.gridCode]);
    if (grid.rows.length === 0) throw new Invalid(`no unit grid ${input.gridCode}`, { field: 'gridCode' });
  }
  return suggestDepartment(sql, { ...input, majorCode: found.majorCode ?? null, gridCode: input.gridCode ?? null });
}
