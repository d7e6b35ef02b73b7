import { fileURLToPath } from 'node:url';
import { displayPath, readValidatedJson, StandardsDataError } from '../../standards/validated-json.ts';
import type { Sql } from '../ports/database.ts';
import type { StandardsCatalog } from '../ports/standards.ts';
import { checkDispatchRule } from './check-dispatch-rule.ts';
import { normalizeRule, type DispatchRuleInput } from './dispatch-rule.ts';
import { insertDispatchRule } from './dispatch-rule-store.ts';

export const dispatchRulesSchemaFile = fileURLToPath(new URL('../../standards/schema/dispatch-rules.schema.json', import.meta.url));
export const dispatchRulesDataDir = fileURLToPath(new URL('../../standards/datasets/dispatch-rules', import.meta.url));

interface DispatchRulesFile {
  city: string;
  description?: string;
  rules: DispatchRuleInput[];
}

export interface SeedDispatchRulesResult {
  /** Rules in the file. */
  total: number;
  /** Rules added now; the others were there already (same id, or same class, area and department). */
  inserted: number;
}

/**
 * Loads a city's dispatch rules from a data file (schema, then the catalogue, departments and areas in the
 * database), adding the ones not there yet. Rules already present are left as they are, so an administrator's
 * later edits survive a second seed. Throws StandardsDataError naming the file, the JSON path and the rule.
 */
export async function seedDispatchRules(sql: Sql, file: string, catalog: StandardsCatalog): Promise<SeedDispatchRulesResult> {
  const shown = displayPath(file);
  const data = readValidatedJson<DispatchRulesFile>(file, dispatchRulesSchemaFile);
  const seen = new Map<string, number>();
  const rules = data.rules.map((input, index) => {
    const earlier = seen.get(input.id);
    if (earlier !== undefined) throw new StandardsDataError(shown, `/rules/${index}/id`, 'unique-id', `${input.id} is already the id of /rules/${earlier}`);
    seen.set(input.id, index);
    return normalizeRule(input, shown);
  });
  for (const [index, rule] of rules.entries()) {
    const problem = await checkDispatchRule(sql, catalog, rule);
    if (problem) throw new StandardsDataError(shown, `/rules/${index}/${problem.field.replaceAll('.', '/')}`, problem.rule, problem.detail);
  }
  let inserted = 0;
  for (const rule of rules) if (await insertDispatchRule(sql, rule)) inserted += 1;
  return { total: rules.length, inserted };
}
