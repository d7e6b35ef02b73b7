import type { ClassKind, SchemeId } from '../ports/standards.ts';

/** Where a rule holds: one unit grid, community, street or district; null is the whole city. */
export type RuleArea =
  | { readonly districtId: string }
  | { readonly streetId: string }
  | { readonly communityId: string }
  | { readonly gridCode: string }
  | null;

/** An auto-dispatch rule: cases of a class (or major class, or any class) in an area go to one department. */
export interface DispatchRule {
  readonly id: string;
  readonly classScheme: SchemeId;
  readonly classKind: ClassKind;
  /** One class; when both codes are null the rule holds for any class of the kind. */
  readonly classCode: string | null;
  readonly majorCode: string | null;
  readonly area: RuleArea;
  readonly departmentId: string;
  readonly autoDispatch: boolean;
  readonly priority: number;
  readonly note: string | null;
  /** The data file a seeded rule came from; null for a rule an administrator made. */
  readonly source: string | null;
}

/** A rule as written in a data file or a request: optional fields may be left out. */
export interface DispatchRuleInput {
  id: string;
  classScheme: SchemeId;
  classKind: ClassKind;
  classCode?: string | null;
  majorCode?: string | null;
  area: RuleArea;
  departmentId: string;
  autoDispatch: boolean;
  priority?: number;
  note?: string | null;
}

export const areaFields = ['gridCode', 'communityId', 'streetId', 'districtId'] as const;
export type AreaField = (typeof areaFields)[number];

/** The area's one field and value, or undefined for the whole city. */
export function areaEntry(area: RuleArea): { field: AreaField; value: string } | undefined {
  if (!area) return undefined;
  for (const field of areaFields) {
    const value = (area as Partial<Record<AreaField, string>>)[field];
    if (value !== undefined) return { field, value };
  }
  return undefined;
}

/**
 * How specific a rule is, as [class level, area level]: the class counts first, so "gas manhole covers anywhere"
 * beats "any municipal facility in this street" — the kind of problem decides the trade, the place only narrows it.
 */
export function specificityOf(rule: Pick<DispatchRule, 'classCode' | 'majorCode' | 'area'>): readonly [number, number] {
  const classLevel = rule.classCode ? 2 : rule.majorCode ? 1 : 0;
  const entry = areaEntry(rule.area);
  const areaLevel = entry ? areaFields.length - areaFields.indexOf(entry.field) : 0;
  return [classLevel, areaLevel];
}

export function normalizeRule(input: DispatchRuleInput, source: string | null): DispatchRule {
  return {
    id: input.id,
    classScheme: input.classScheme,
    classKind: input.classKind,
    classCode: input.classCode ?? null,
    majorCode: input.majorCode ?? null,
    area: areaEntry(input.area) ? input.area : null,
    departmentId: input.departmentId,
    autoDispatch: input.autoDispatch,
    priority: input.priority ?? 0,
    note: input.note ?? null,
    source,
  };
}
