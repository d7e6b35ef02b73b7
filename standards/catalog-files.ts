import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClassKind, DeadlineUnit, DepartmentType, SchemeId, CrosswalkMatch } from '../core/ports/standards.ts';
import { readValidatedJson } from './validated-json.ts';

/** The shapes below mirror `standards/schema/*.schema.json`; the schema is checked before a file is trusted. */

export interface DeadlineData {
  value: number;
  unit: DeadlineUnit;
}

export interface RuleBodyData {
  filingCondition: string;
  closingCondition: string;
  deadline?: DeadlineData;
  deadlineByGrade?: { A: DeadlineData; B: DeadlineData; C: DeadlineData };
  urgent: boolean;
  departmentType: DepartmentType;
}

export interface ConditionData extends RuleBodyData {
  id: string;
  source?: string;
  sourceClass?: { code: string; nameZh: string; match?: string; matchBy?: string };
  deadlineText?: string;
  responsibleUnit?: string;
  supervisor?: string;
  derived?: string[];
  note?: string;
}

export interface RuleSourceData {
  id: string;
  city: string;
  title: string;
  reference: string;
}

export interface MajorData {
  code: string;
  nameZh: string | null;
  nameEn?: string;
  nameStatus?: 'inferred' | 'unknown';
}

export interface ClassData {
  code: string;
  majorCode: string;
  nameZh: string;
  nameEn?: string;
  codeStatus: 'explicit-in-source' | 'derived-from-sequence';
  relatedComponentCode?: string;
  codeAsWritten?: string;
  note?: string;
}

export interface ClassListFile {
  scheme: SchemeId;
  kind: ClassKind;
  standard: string;
  sources: string[];
  majors: MajorData[];
  classes: ClassData[];
}

export interface CaseRulesFile {
  scheme: SchemeId;
  cityPrecedence: string[];
  sources: RuleSourceData[];
  classes: { kind: ClassKind; code: string; conditions: ConditionData[] }[];
}

export interface DefaultRuleData extends RuleBodyData {
  scheme: SchemeId;
  kind: ClassKind;
  majorCode: string;
  basis: string;
}

export interface DefaultsFile {
  defaults: DefaultRuleData[];
}

export interface CrosswalkFile {
  from: SchemeId;
  to: SchemeId;
  method: string;
  entries: { kind: ClassKind; fromCode: string; toCode: string; match: CrosswalkMatch; basis?: string }[];
}

export interface OverlayClassRef {
  kind: ClassKind;
  code: string;
}

export interface OverlayFile {
  city: string;
  scheme: SchemeId;
  description?: string;
  sources?: RuleSourceData[];
  extensionMajors?: { kind: ClassKind; code: string; nameZh: string; nameEn?: string; default: RuleBodyData }[];
  extensions?: (OverlayClassRef & { majorCode: string; nameZh: string; nameEn?: string; localCode?: string; note?: string; conditions?: ConditionData[] })[];
  renames?: (OverlayClassRef & { nameZh: string; nameEn?: string })[];
  disabled?: (OverlayClassRef & { reason: string })[];
  ruleOverrides?: (OverlayClassRef & { conditions: ConditionData[] })[];
}

/** A parsed file with the path it was read from, so later checks can name it. */
export interface Loaded<T> {
  file: string;
  data: T;
}

export interface CatalogFiles {
  classLists: Loaded<ClassListFile>[];
  caseRules: Loaded<CaseRulesFile>[];
  defaults: Loaded<DefaultsFile>;
  crosswalks: Loaded<CrosswalkFile>[];
  overlay?: Loaded<OverlayFile>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const defaultDataRoot = path.join(here, 'datasets');
const schemaFolder = path.join(here, 'schema');

/** Where each file sits under the data root; a city's overlay is named by the caller. */
export const catalogLayout = {
  classLists: ['gbt47678/components.json', 'gbt47678/events.json', 'legacy/components.json', 'legacy/events.json'],
  caseRules: ['case-rules/gbt47678.json'],
  defaults: 'case-rules/defaults.json',
  crosswalks: ['crosswalk/legacy-gbt47678.json'],
} as const;

function load<T>(file: string, schema: string): Loaded<T> {
  return { file, data: readValidatedJson<T>(file, path.join(schemaFolder, `${schema}.schema.json`)) };
}

/** Reads every catalogue file and checks it against its schema; throws StandardsDataError on the first problem. */
export function readCatalogFiles(root: string, overlayFile?: string): CatalogFiles {
  const under = (relative: string): string => path.join(root, relative);
  return {
    classLists: catalogLayout.classLists.map((file) => load<ClassListFile>(under(file), 'class-list')),
    caseRules: catalogLayout.caseRules.map((file) => load<CaseRulesFile>(under(file), 'case-rules')),
    defaults: load<DefaultsFile>(under(catalogLayout.defaults), 'case-rule-defaults'),
    crosswalks: catalogLayout.crosswalks.map((file) => load<CrosswalkFile>(under(file), 'crosswalk')),
    overlay: overlayFile === undefined ? undefined : load<OverlayFile>(path.resolve(overlayFile), 'overlay'),
  };
}
