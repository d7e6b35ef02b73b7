import type { Sql } from '../ports/database.ts';
import type { ClassKind, SchemeId } from '../ports/standards.ts';
import { areaEntry, type DispatchRule, type RuleArea } from './dispatch-rule.ts';

export interface RuleRow {
  id: string;
  class_scheme: SchemeId;
  class_kind: ClassKind;
  class_code: string | null;
  major_code: string | null;
  grid_code: string | null;
  community_id: string | null;
  street_id: string | null;
  district_id: string | null;
  department_id: string;
  auto_dispatch: boolean;
  priority: number;
  note: string | null;
  source: string | null;
}

export const ruleColumns = `r.id, r.class_scheme, r.class_kind, r.class_code, r.major_code, r.grid_code, r.community_id, r.street_id,
  r.district_id, r.department_id, r.auto_dispatch, r.priority, r.note, r.source`;

function areaOf(row: RuleRow): RuleArea {
  if (row.grid_code !== null) return { gridCode: row.grid_code };
  if (row.community_id !== null) return { communityId: row.community_id };
  if (row.street_id !== null) return { streetId: row.street_id };
  if (row.district_id !== null) return { districtId: row.district_id };
  return null;
}

export function ruleOfRow(row: RuleRow): DispatchRule {
  return {
    id: row.id,
    classScheme: row.class_scheme,
    classKind: row.class_kind,
    classCode: row.class_code,
    majorCode: row.major_code,
    area: areaOf(row),
    departmentId: row.department_id,
    autoDispatch: row.auto_dispatch,
    priority: row.priority,
    note: row.note,
    source: row.source,
  };
}

/** The rule's values in column order: id, scheme, kind, class, major, grid, community, street, district, department, auto, priority, note, source. */
function columnValues(rule: DispatchRule): (string | number | boolean | null)[] {
  const entry = areaEntry(rule.area);
  const areaValue = (field: string) => (entry?.field === field ? entry.value : null);
  return [
    rule.id, rule.classScheme, rule.classKind, rule.classCode, rule.majorCode,
    areaValue('gridCode'), areaValue('communityId'), areaValue('streetId'), areaValue('districtId'),
    rule.departmentId, rule.autoDispatch, rule.priority, rule.note, rule.source,
  ];
}

export interface RuleFilter {
  classScheme?: SchemeId;
  classKind?: ClassKind;
  departmentId?: string;
}

export async function listDispatchRules(sql: Sql, filter: RuleFilter = {}): Promise<DispatchRule[]> {
  const { rows } = await sql.query<RuleRow>(
    `SELECT ${ruleColumns} FROM dispatch_rule r
     WHERE ($1::text IS NULL OR r.class_scheme = $1) AND ($2::text IS NULL OR r.class_kind = $2) AND ($3::text IS NULL OR r.department_id = $3)
     ORDER BY r.class_scheme, r.class_kind, r.class_code NULLS LAST, r.major_code NULLS LAST, r.id`,
    [filter.classScheme ?? null, filter.classKind ?? null, filter.departmentId ?? null],
  );
  return rows.map(ruleOfRow);
}

export async function findDispatchRule(sql: Sql, id: string, options: { forUpdate?: boolean } = {}): Promise<DispatchRule | undefined> {
  const { rows } = await sql.query<RuleRow>(`SELECT ${ruleColumns} FROM dispatch_rule r WHERE r.id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  const row = rows[0];
  return row && ruleOfRow(row);
}

/** The id of another rule with the same class selector, area and department, if any. */
export async function sameRuleId(sql: Sql, rule: DispatchRule): Promise<string | undefined> {
  const { rows } = await sql.query<{ id: string }>(
    `SELECT id FROM dispatch_rule WHERE id <> $1 AND class_scheme = $2 AND class_kind = $3
       AND class_code IS NOT DISTINCT FROM $4 AND major_code IS NOT DISTINCT FROM $5
       AND grid_code IS NOT DISTINCT FROM $6 AND community_id IS NOT DISTINCT FROM $7
       AND street_id IS NOT DISTINCT FROM $8 AND district_id IS NOT DISTINCT FROM $9 AND department_id = $10`,
    columnValues(rule).slice(0, 10),
  );
  return rows[0]?.id;
}

/** Inserts the rule unless its id or its selector and department are taken; true when it was inserted. */
export async function insertDispatchRule(sql: Sql, rule: DispatchRule): Promise<boolean> {
  const result = await sql.query(
    `INSERT INTO dispatch_rule (id, class_scheme, class_kind, class_code, major_code, grid_code, community_id, street_id,
       district_id, department_id, auto_dispatch, priority, note, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING`,
    columnValues(rule),
  );
  return result.affectedRows > 0;
}

export async function replaceDispatchRule(sql: Sql, rule: DispatchRule): Promise<void> {
  await sql.query(
    `UPDATE dispatch_rule SET class_scheme = $2, class_kind = $3, class_code = $4, major_code = $5, grid_code = $6,
       community_id = $7, street_id = $8, district_id = $9, department_id = $10, auto_dispatch = $11, priority = $12,
       note = $13, source = $14, updated_at = now()
     WHERE id = $1`,
    columnValues(rule),
  );
}

export async function deleteDispatchRule(sql: Sql, id: string): Promise<boolean> {
  return (await sql.query('DELETE FROM dispatch_rule WHERE id = $1', [id])).affectedRows > 0;
}
