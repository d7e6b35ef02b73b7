import { Invalid } from '../errors.ts';
import type { TimeLimit, TimeLimitUnit } from '../ports/calendar.ts';
import type { DeadlineUnit, FilingCondition, SchemeId, StandardClass, StandardsCatalog } from '../ports/standards.ts';
import type { AreaGrade, Urgency } from './case-types.ts';
import type { CaseClassRules, ClassKind, ClassRef } from './deps.ts';

const units: Record<DeadlineUnit, TimeLimitUnit> = { 工作时: 'working-hour', 工作日: 'working-day', 小时: 'hour' };
const kinds: readonly ClassKind[] = ['component', 'event'];

/**
 * Which filing condition sets the deadline until the register step records one: an urgent case takes the
 * class's urgent condition when it has one, any other case its first ordinary condition.
 */
function conditionFor(conditions: readonly FilingCondition[], urgency: Urgency): FilingCondition | undefined {
  const wanted = urgency === 'urgent';
  return conditions.find((condition) => condition.urgent === wanted) ?? conditions[0];
}

/** The case domain's view of the standards catalogue. */
export function caseClassRules(catalog: StandardsCatalog): CaseClassRules {
  return {
    resolveClass(scheme, code, kind) {
      if (scheme !== 'gbt47678' && scheme !== 'legacy') throw new Invalid(`unknown class scheme "${scheme}"`, { field: 'classScheme' });
      const found = (kind ? [kind] : kinds)
        .map((k) => catalog.getClass(scheme, k, code))
        .filter((cls): cls is StandardClass => cls !== undefined);
      const [cls, other] = found;
      if (!cls) throw new Invalid(`unknown class ${scheme}/${code}`, { field: 'classCode' });
      if (other) throw new Invalid(`class code ${code} names both a component and an event class: say which`, { field: 'classKind' });
      if (cls.disabled) throw new Invalid(`class ${code} ${cls.nameZh} is no longer in use`, { field: 'classCode' });
      return { scheme, kind: cls.kind, code: cls.code, name: cls.nameZh };
    },
    deadlineLimit(cls: ClassRef, areaGrade: AreaGrade, urgency: Urgency): TimeLimit | null {
      const condition = conditionFor(catalog.rulesFor(cls.scheme as SchemeId, cls.code, cls.kind), urgency);
      if (!condition) return null;
      const deadline = condition.deadlines[areaGrade];
      return { amount: deadline.value, unit: units[deadline.unit] };
    },
  };
}
