import { specificityOf, type DispatchRule } from './dispatch-rule.ts';

export interface DispatchSuggestion {
  /** The department to dispatch to; null when no rule matches or the best matches disagree. */
  departmentId: string | null;
  /** True only when one department is suggested and its rule is marked for automatic dispatch. */
  autoDispatch: boolean;
  /** The deciding rule, when there is one. */
  rule?: DispatchRule;
  /** The equally specific matching rules, best priority first: the dispatcher's choice when ambiguous. */
  candidates: DispatchRule[];
}

const compare = (a: readonly [number, number], b: readonly [number, number]): number => a[0] - b[0] || a[1] - b[1];

/**
 * Picks among the rules that match one case: the most specific tier, then its highest priority. Two departments
 * left at the top are ambiguous and nothing is suggested, so a dispatcher decides instead of a coin toss.
 */
export function chooseRule(matches: readonly DispatchRule[]): DispatchSuggestion {
  if (matches.length === 0) return { departmentId: null, autoDispatch: false, candidates: [] };
  const best = matches.map(specificityOf).reduce((top, next) => (compare(next, top) > 0 ? next : top));
  const tier = matches
    .filter((rule) => compare(specificityOf(rule), best) === 0)
    .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  const topPriority = tier[0]?.priority;
  const top = tier.filter((rule) => rule.priority === topPriority);
  const [first] = top;
  if (!first || top.some((rule) => rule.departmentId !== first.departmentId)) {
    return { departmentId: null, autoDispatch: false, candidates: tier };
  }
  return { departmentId: first.departmentId, autoDispatch: top.every((rule) => rule.autoDispatch), rule: first, candidates: tier };
}
