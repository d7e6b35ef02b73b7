import type { Sql } from '../ports/database.ts';
import type { StandardsCatalog } from '../ports/standards.ts';
import { areaEntry, type AreaField, type DispatchRule } from './dispatch-rule.ts';

/** What is wrong with a rule: the field (dotted), the rule it breaks and a sentence for the user. */
export interface RuleProblem {
  field: string;
  rule: string;
  detail: string;
}

const organisationKindOf: Record<Exclude<AreaField, 'gridCode'>, string> = {
  communityId: 'community',
  streetId: 'street',
  districtId: 'district',
};

async function areaProblem(sql: Sql, rule: DispatchRule): Promise<RuleProblem | undefined> {
  const entry = areaEntry(rule.area);
  if (!entry) return undefined;
  const field = `area.${entry.field}`;
  if (entry.field === 'gridCode') {
    const { rows } = await sql.query('SELECT 1 FROM unit_grid WHERE code = $1', [entry.value]);
    return rows.length > 0 ? undefined : { field, rule: 'area-exists', detail: `unit grid ${entry.value} does not exist` };
  }
  const kind = organisationKindOf[entry.field];
  const { rows } = await sql.query('SELECT 1 FROM organisation WHERE id = $1 AND kind = $2', [entry.value, kind]);
  return rows.length > 0 ? undefined : { field, rule: 'area-exists', detail: `there is no ${kind} ${entry.value}` };
}

function classProblem(catalog: StandardsCatalog, rule: DispatchRule): RuleProblem | undefined {
  const { classScheme: scheme, classKind: kind } = rule;
  if (rule.classCode !== null && rule.majorCode !== null) {
    return { field: 'majorCode', rule: 'one-class-selector', detail: 'give classCode or majorCode, not both' };
  }
  if (rule.classCode !== null && !catalog.getClass(scheme, kind, rule.classCode)) {
    return { field: 'classCode', rule: 'class-exists', detail: `${scheme} ${kind} class ${rule.classCode} is not in the standards catalogue` };
  }
  if (rule.majorCode !== null && !catalog.majorClasses(scheme, kind).some((major) => major.code === rule.majorCode)) {
    return { field: 'majorCode', rule: 'major-class-exists', detail: `${scheme} ${kind} major class ${rule.majorCode} is not in the standards catalogue` };
  }
  return undefined;
}

/** Checks what a schema cannot: the class, the department and the area exist. Returns the first problem. */
export async function checkDispatchRule(sql: Sql, catalog: StandardsCatalog, rule: DispatchRule): Promise<RuleProblem | undefined> {
  const problem = classProblem(catalog, rule);
  if (problem) return problem;
  const { rows } = await sql.query('SELECT 1 FROM department WHERE id = $1', [rule.departmentId]);
  if (rows.length === 0) return { field: 'departmentId', rule: 'department-exists', detail: `department ${rule.departmentId} does not exist` };
  return areaProblem(sql, rule);
}
