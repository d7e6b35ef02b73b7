import { randomUUID } from 'node:crypto';
import { Conflict, Invalid, NotFound } from '../errors.ts';
import type { Sql } from '../ports/database.ts';
import type { StandardsCatalog } from '../ports/standards.ts';
import { checkDispatchRule } from './check-dispatch-rule.ts';
import { normalizeRule, type DispatchRule, type DispatchRuleInput } from './dispatch-rule.ts';
import { deleteDispatchRule, findDispatchRule, insertDispatchRule, replaceDispatchRule, sameRuleId } from './dispatch-rule-store.ts';

export type NewDispatchRule = Omit<DispatchRuleInput, 'id'> & { id?: string };
export type DispatchRuleChanges = Partial<Omit<DispatchRuleInput, 'id'>>;

async function assertValid(sql: Sql, catalog: StandardsCatalog, rule: DispatchRule): Promise<void> {
  const problem = await checkDispatchRule(sql, catalog, rule);
  if (problem) throw new Invalid(problem.detail, { field: problem.field });
  const twin = await sameRuleId(sql, rule);
  if (twin) throw new Conflict(`rule ${twin} already sends these cases in this area to ${rule.departmentId}`, { field: 'departmentId', extra: { ruleId: twin } });
}

/** An administrator's new rule; the id is generated when not given. */
export async function createDispatchRule(sql: Sql, catalog: StandardsCatalog, input: NewDispatchRule): Promise<DispatchRule> {
  const rule = normalizeRule({ ...input, id: input.id ?? `rule-${randomUUID()}` }, null);
  if (await findDispatchRule(sql, rule.id)) throw new Conflict(`dispatch rule ${rule.id} exists`, { field: 'id' });
  await assertValid(sql, catalog, rule);
  if (!(await insertDispatchRule(sql, rule))) throw new Conflict(`dispatch rule ${rule.id} was created meanwhile`, { field: 'id' });
  return rule;
}

/** Changes some fields; a rule seeded from a file that an administrator edits becomes the administrator's. */
export async function changeDispatchRule(sql: Sql, catalog: StandardsCatalog, id: string, changes: DispatchRuleChanges): Promise<DispatchRule> {
  const current = await findDispatchRule(sql, id, { forUpdate: true });
  if (!current) throw new NotFound(`dispatch rule ${id} not found`);
  const rule = normalizeRule({ ...current, ...changes }, null);
  await assertValid(sql, catalog, rule);
  await replaceDispatchRule(sql, rule);
  return rule;
}

export async function removeDispatchRule(sql: Sql, id: string): Promise<void> {
  if (!(await deleteDispatchRule(sql, id))) throw new NotFound(`dispatch rule ${id} not found`);
}
