/**
 * The standards catalogue: national component (部件) and event (事件/事项) classes, their case rules
 * (立案条件 → 处置时限 → 结案条件) and the cross-walk between schemes, with one city's overlay applied.
 * Data lives in `standards/datasets`; this port keeps the domain free of files and schema libraries.
 */

/** `gbt47678` = GB/T 47678.5-2026 (5-digit codes); `legacy` = CJ/T 214 / GB/T 30428.2 lineage (4-digit codes). */
export type SchemeId = 'gbt47678' | 'legacy';
export type ClassKind = 'component' | 'event';
/** 区域类别: A core area, B general area, C outskirts. */
export type AreaGrade = 'A' | 'B' | 'C';
export const areaGrades: readonly AreaGrade[] = ['A', 'B', 'C'];
/** 工作时 / 工作日 count the business calendar; 小时 is a continuous clock, used for urgent conditions. */
export type DeadlineUnit = '工作时' | '工作日' | '小时';
export type DepartmentType = 'city-department' | 'district-department' | 'utility-company' | 'street-office';
export type CrosswalkMatch = 'same-name' | 'synonym' | 'partial';

export interface Deadline {
  readonly value: number;
  readonly unit: DeadlineUnit;
}

export interface ClassRef {
  readonly scheme: SchemeId;
  readonly kind: ClassKind;
  readonly code: string;
}

export interface MajorClass {
  readonly scheme: SchemeId;
  readonly kind: ClassKind;
  readonly code: string;
  /** null when no source names this major class. */
  readonly nameZh: string | null;
  readonly nameEn?: string;
  readonly nameStatus: 'explicit' | 'inferred' | 'unknown';
  readonly origin: 'national' | 'extension';
}

export interface StandardClass extends ClassRef {
  readonly majorCode: string;
  /** The name in force: the official name unless the city overlay renames the class. */
  readonly nameZh: string;
  readonly nameEn?: string;
  /** Set when the overlay renamed the class. */
  readonly officialNameZh?: string;
  readonly codeStatus: 'explicit-in-source' | 'derived-from-sequence' | 'city-extension';
  readonly origin: 'national' | 'extension';
  /** For a GB/T 47678.5 component-related matter (事项), the component it is about. */
  readonly relatedComponentCode?: string;
  /** A legacy code as the source prints it, e.g. "01-10". */
  readonly codeAsWritten?: string;
  /** The city's own code for an extension class. */
  readonly localCode?: string;
  readonly disabled: boolean;
  readonly disabledReason?: string;
  readonly note?: string;
}

export interface RuleProvenance {
  /** The city whose document the rule comes from; absent for catalogue defaults. */
  readonly city?: string;
  /** The document or data file the rule comes from. */
  readonly source: string;
  /** The class as that document names and codes it, and how it was matched to this class. */
  readonly sourceClass?: { readonly code: string; readonly nameZh: string; readonly match?: string; readonly matchBy?: string };
  /** The deadline as printed. */
  readonly deadlineText?: string;
  /** Which fields were derived rather than copied, and how. */
  readonly derived: readonly string[];
  readonly note?: string;
}

/** One 立案条件 with its 结案条件, deadline per area grade and default responsible department type. */
export interface FilingCondition {
  readonly id: string;
  readonly filingCondition: string;
  readonly closingCondition: string;
  readonly urgent: boolean;
  readonly deadlines: Readonly<Record<AreaGrade, Deadline>>;
  readonly departmentType: DepartmentType;
  readonly responsibleUnit?: string;
  readonly supervisor?: string;
  readonly provenance: RuleProvenance;
}

export interface ClassCaseRules extends ClassRef {
  /** documented = from a city standard; overlay = the city's override; default = no documented rule yet. */
  readonly origin: 'documented' | 'overlay' | 'default';
  /** True when the conditions are the catalogue default for the class's major class: a city should override them. */
  readonly default: boolean;
  /** Set when the rules come from another class: a matter's component, or a legacy class's GB/T 47678.5 counterpart. */
  readonly inheritedFrom?: ClassRef;
  readonly conditions: readonly FilingCondition[];
  /** Conditions other cities document for the class; not in force, kept for reference. */
  readonly alternatives: readonly FilingCondition[];
}

export interface CrosswalkEntry {
  readonly kind: ClassKind;
  readonly from: { readonly scheme: SchemeId; readonly code: string };
  readonly to: { readonly scheme: SchemeId; readonly code: string };
  readonly match: CrosswalkMatch;
  readonly basis?: string;
}

export interface ClassQuery {
  /** Matches a code prefix, or part of the Chinese (current or official) or English name. */
  readonly search?: string;
  /** Disabled classes are left out unless asked for. */
  readonly includeDisabled?: boolean;
}

export interface CatalogOverlayInfo {
  readonly city: string;
  readonly scheme: SchemeId;
  readonly file: string;
  readonly extensions: number;
  readonly renames: number;
  readonly disabled: number;
  readonly ruleOverrides: number;
}

export interface StandardsCatalog {
  readonly overlay?: CatalogOverlayInfo;
  /** Classes ordered by code. */
  classes(scheme: SchemeId, kind: ClassKind, query?: ClassQuery): readonly StandardClass[];
  /** A class by code, disabled ones included (old cases still refer to them); undefined when unknown. */
  getClass(scheme: SchemeId, kind: ClassKind, code: string): StandardClass | undefined;
  majorClasses(scheme: SchemeId, kind: ClassKind): readonly MajorClass[];
  /** The major class of a class; undefined when the class is unknown. */
  majorOf(scheme: SchemeId, kind: ClassKind, code: string): MajorClass | undefined;
  /** The case rules in force for a class, overlay applied; throws NotFound for an unknown class. */
  caseRules(scheme: SchemeId, kind: ClassKind, code: string): ClassCaseRules;
  /**
   * The filing conditions in force for a class. Without `kind`, a code that names a component and an event
   * with different rules is ambiguous and throws Invalid; an unknown class throws NotFound.
   */
  rulesFor(scheme: SchemeId, code: string, kind?: ClassKind): readonly FilingCondition[];
  /** Cross-walk entries from one scheme to another (either direction of the stored cross-walk). */
  crosswalk(from: SchemeId, to: SchemeId): readonly CrosswalkEntry[];
  /** The counterparts of one class in the other scheme. */
  counterparts(scheme: SchemeId, kind: ClassKind, code: string): readonly CrosswalkEntry[];
}
