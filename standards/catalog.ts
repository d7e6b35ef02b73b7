import { Invalid, NotFound } from '../core/errors.ts';
import {
  areaGrades,
  type AreaGrade,
  type CatalogOverlayInfo,
  type ClassCaseRules,
  type ClassKind,
  type ClassQuery,
  type ClassRef,
  type CrosswalkEntry,
  type Deadline,
  type FilingCondition,
  type MajorClass,
  type SchemeId,
  type StandardClass,
  type StandardsCatalog,
} from '../core/ports/standards.ts';
import { checkCatalogFiles } from './catalog-checks.ts';
import {
  defaultDataRoot,
  readCatalogFiles,
  type CatalogFiles,
  type ConditionData,
  type RuleBodyData,
  type RuleSourceData,
} from './catalog-files.ts';
import { displayPath } from './validated-json.ts';

export interface LoadStandardsCatalogOptions {
  /** The data folder; `standards/datasets` by default. Schemas always come from `standards/schema`. */
  root?: string;
  /** A city overlay file (path relative to the working directory or absolute). */
  overlayFile?: string;
}

const kinds: readonly ClassKind[] = ['component', 'event'];
const classKey = (scheme: SchemeId, kind: ClassKind, code: string): string => `${scheme}/${kind}/${code}`;

interface RuleOrigin {
  city?: string;
  source: string;
}

function deadlinesOf(body: RuleBodyData): Record<AreaGrade, Deadline> {
  const byGrade = body.deadlineByGrade;
  // The schema and checks guarantee one of the two; a single deadline holds for every area grade.
  return Object.fromEntries(areaGrades.map((grade) => [grade, byGrade ? byGrade[grade] : body.deadline])) as Record<AreaGrade, Deadline>;
}

function toCondition(data: ConditionData, origin: RuleOrigin): FilingCondition {
  return {
    id: data.id,
    filingCondition: data.filingCondition,
    closingCondition: data.closingCondition,
    urgent: data.urgent,
    deadlines: deadlinesOf(data),
    departmentType: data.departmentType,
    ...(data.responsibleUnit === undefined ? {} : { responsibleUnit: data.responsibleUnit }),
    ...(data.supervisor === undefined ? {} : { supervisor: data.supervisor }),
    provenance: {
      ...origin,
      ...(data.sourceClass === undefined ? {} : { sourceClass: data.sourceClass }),
      ...(data.deadlineText === undefined ? {} : { deadlineText: data.deadlineText }),
      derived: data.derived ?? [],
      ...(data.note === undefined ? {} : { note: data.note }),
    },
  };
}

function defaultCondition(id: string, body: RuleBodyData, source: string, basis?: string): FilingCondition {
  return toCondition({ ...body, id, ...(basis === undefined ? {} : { derived: [basis] }) }, { source });
}

function originsBySource(sources: readonly RuleSourceData[] | undefined): Map<string, RuleOrigin> {
  return new Map((sources ?? []).map((source) => [source.id, { city: source.city, source: `${source.title} (${source.reference})` }]));
}

interface DocumentedRules {
  conditions: readonly FilingCondition[];
  alternatives: readonly FilingCondition[];
}

class LoadedStandardsCatalog implements StandardsCatalog {
  readonly overlay?: CatalogOverlayInfo;
  private readonly majors = new Map<string, MajorClass[]>();
  private readonly classIndex = new Map<string, Map<string, StandardClass>>();
  private readonly documented = new Map<string, DocumentedRules>();
  private readonly overrides = new Map<string, readonly FilingCondition[]>();
  private readonly defaults = new Map<string, FilingCondition>();
  private readonly crosswalkEntries: CrosswalkEntry[] = [];

  constructor(files: CatalogFiles) {
    this.addNational(files);
    if (files.overlay) this.overlay = this.applyOverlay(files);
  }

  private classesOf(scheme: SchemeId, kind: ClassKind): Map<string, StandardClass> {
    let classes = this.classIndex.get(`${scheme}/${kind}`);
    if (!classes) this.classIndex.set(`${scheme}/${kind}`, (classes = new Map()));
    return classes;
  }

  private majorsOf(scheme: SchemeId, kind: ClassKind): MajorClass[] {
    let majors = this.majors.get(`${scheme}/${kind}`);
    if (!majors) this.majors.set(`${scheme}/${kind}`, (majors = []));
    return majors;
  }

  private addNational(files: CatalogFiles): void {
    for (const { data } of files.classLists) {
      const { scheme, kind } = data;
      for (const major of data.majors) {
        this.majorsOf(scheme, kind).push({
          scheme,
          kind,
          code: major.code,
          nameZh: major.nameZh,
          ...(major.nameEn === undefined ? {} : { nameEn: major.nameEn }),
          nameStatus: major.nameStatus ?? 'explicit',
          origin: 'national',
        });
      }
      for (const entry of data.classes) {
        this.classesOf(scheme, kind).set(entry.code, { scheme, kind, ...entry, origin: 'national', disabled: false });
      }
    }
    for (const { data } of files.caseRules) {
      const origins = originsBySource(data.sources);
      for (const entry of data.classes) {
        const conditions = entry.conditions.map((condition) => toCondition(condition, origins.get(condition.source ?? '') ?? { source: 'unknown' }));
        // Several cities may document one class; the first city in cityPrecedence is in force.
        const inForce = data.cityPrecedence.find((city) => conditions.some((condition) => condition.provenance.city === city));
        this.documented.set(classKey(data.scheme, entry.kind, entry.code), {
          conditions: conditions.filter((condition) => condition.provenance.city === inForce),
          alternatives: conditions.filter((condition) => condition.provenance.city !== inForce),
        });
      }
    }
    const defaultsFile = displayPath(files.defaults.file);
    for (const entry of files.defaults.data.defaults) {
      this.defaults.set(classKey(entry.scheme, entry.kind, entry.majorCode), defaultCondition(`default-${entry.majorCode}`, entry, defaultsFile, entry.basis));
    }
    for (const { data } of files.crosswalks) {
      for (const entry of data.entries) {
        this.crosswalkEntries.push({
          kind: entry.kind,
          from: { scheme: data.from, code: entry.fromCode },
          to: { scheme: data.to, code: entry.toCode },
          match: entry.match,
          ...(entry.basis === undefined ? {} : { basis: entry.basis }),
        });
      }
    }
  }

  private applyOverlay(files: CatalogFiles): CatalogOverlayInfo | undefined {
    const loaded = files.overlay;
    if (!loaded) return undefined;
    const overlay = loaded.data;
    const { scheme } = overlay;
    const file = displayPath(loaded.file);
    const origins = originsBySource(overlay.sources);
    const originOf = (condition: ConditionData): RuleOrigin => origins.get(condition.source ?? '') ?? { city: overlay.city, source: file };
    for (const major of overlay.extensionMajors ?? []) {
      this.majorsOf(scheme, major.kind).push({
        scheme,
        kind: major.kind,
        code: major.code,
        nameZh: major.nameZh,
        ...(major.nameEn === undefined ? {} : { nameEn: major.nameEn }),
        nameStatus: 'explicit',
        origin: 'extension',
      });
      this.defaults.set(classKey(scheme, major.kind, major.code), defaultCondition(`default-${major.code}`, major.default, file));
    }
    for (const { conditions, ...extension } of overlay.extensions ?? []) {
      this.classesOf(scheme, extension.kind).set(extension.code, { scheme, ...extension, codeStatus: 'city-extension', origin: 'extension', disabled: false });
      if (conditions) {
        this.documented.set(classKey(scheme, extension.kind, extension.code), { conditions: conditions.map((condition) => toCondition(condition, originOf(condition))), alternatives: [] });
      }
    }
    const update = (kind: ClassKind, code: string, change: (current: StandardClass) => StandardClass): void => {
      const classes = this.classesOf(scheme, kind);
      const current = classes.get(code);
      if (current) classes.set(code, change(current));
    };
    for (const rename of overlay.renames ?? []) {
      update(rename.kind, rename.code, (current) => ({
        ...current,
        nameZh: rename.nameZh,
        officialNameZh: current.officialNameZh ?? current.nameZh,
        ...(rename.nameEn === undefined ? {} : { nameEn: rename.nameEn }),
      }));
    }
    for (const disabled of overlay.disabled ?? []) {
      update(disabled.kind, disabled.code, (current) => ({ ...current, disabled: true, disabledReason: disabled.reason }));
    }
    for (const override of overlay.ruleOverrides ?? []) {
      this.overrides.set(classKey(scheme, override.kind, override.code), override.conditions.map((condition) => toCondition(condition, originOf(condition))));
    }
    return {
      city: overlay.city,
      scheme,
      file,
      extensions: overlay.extensions?.length ?? 0,
      renames: overlay.renames?.length ?? 0,
      disabled: overlay.disabled?.length ?? 0,
      ruleOverrides: overlay.ruleOverrides?.length ?? 0,
    };
  }

  classes(scheme: SchemeId, kind: ClassKind, query: ClassQuery = {}): readonly StandardClass[] {
    const search = query.search?.trim().toLowerCase() ?? '';
    const matches = (entry: StandardClass): boolean =>
      search === '' ||
      entry.code.startsWith(search) ||
      entry.nameZh.includes(search) ||
      (entry.officialNameZh?.includes(search) ?? false) ||
      (entry.nameEn?.toLowerCase().includes(search) ?? false);
    return [...this.classesOf(scheme, kind).values()]
      .filter((entry) => (query.includeDisabled || !entry.disabled) && matches(entry))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  getClass(scheme: SchemeId, kind: ClassKind, code: string): StandardClass | undefined {
    return this.classesOf(scheme, kind).get(code);
  }

  majorClasses(scheme: SchemeId, kind: ClassKind): readonly MajorClass[] {
    return [...this.majorsOf(scheme, kind)].sort((a, b) => a.code.localeCompare(b.code));
  }

  majorOf(scheme: SchemeId, kind: ClassKind, code: string): MajorClass | undefined {
    const entry = this.getClass(scheme, kind, code);
    return entry && this.majorsOf(scheme, kind).find((major) => major.code === entry.majorCode);
  }

  caseRules(scheme: SchemeId, kind: ClassKind, code: string): ClassCaseRules {
    const entry = this.getClass(scheme, kind, code);
    if (!entry) throw new NotFound(`${scheme} ${kind} class ${code} is not in the standards catalogue`, { field: 'code' });
    return this.resolveRules(entry);
  }

  private resolveRules(entry: StandardClass): ClassCaseRules {
    const ref: ClassRef = { scheme: entry.scheme, kind: entry.kind, code: entry.code };
    const key = classKey(entry.scheme, entry.kind, entry.code);
    const documented = this.documented.get(key);
    const override = this.overrides.get(key);
    if (override) {
      const replaced = documented ? [...documented.conditions, ...documented.alternatives] : [];
      return { ...ref, origin: 'overlay', default: false, conditions: override, alternatives: replaced };
    }
    if (documented) return { ...ref, origin: 'documented', default: false, ...documented };
    const source = this.ruleSourceOf(entry);
    if (source) {
      const inherited = this.resolveRules(source);
      if (!inherited.default || entry.relatedComponentCode !== undefined) {
        return { ...inherited, ...ref, inheritedFrom: inherited.inheritedFrom ?? { scheme: source.scheme, kind: source.kind, code: source.code } };
      }
    }
    const fallback = this.defaults.get(classKey(entry.scheme, entry.kind, entry.majorCode));
    // checkCatalogFiles guarantees a default for every major class, national or extension.
    if (!fallback) throw new Error(`no default rule for ${entry.scheme} ${entry.kind} major class ${entry.majorCode}`);
    return { ...ref, origin: 'default', default: true, conditions: [fallback], alternatives: [] };
  }

  /**
   * A matter (事项) takes its component's rules. Rules are documented against GB/T 47678.5, so a legacy class takes
   * those of its same-name or synonym counterpart there.
   */
  private ruleSourceOf(entry: StandardClass): StandardClass | undefined {
    if (entry.relatedComponentCode !== undefined) return this.getClass(entry.scheme, 'component', entry.relatedComponentCode);
    if (entry.scheme !== 'legacy') return undefined;
    const counterpart = this.counterparts(entry.scheme, entry.kind, entry.code).find((candidate) => candidate.match !== 'partial');
    return counterpart && this.getClass(counterpart.to.scheme, entry.kind, counterpart.to.code);
  }

  rulesFor(scheme: SchemeId, code: string, kind?: ClassKind): readonly FilingCondition[] {
    if (kind) return this.caseRules(scheme, kind, code).conditions;
    const found = kinds.filter((candidate) => this.getClass(scheme, candidate, code)).map((candidate) => this.caseRules(scheme, candidate, code));
    const [first, second] = found;
    if (!first) throw new NotFound(`${scheme} class ${code} is not in the standards catalogue`, { field: 'code' });
    if (second && second.conditions !== first.conditions) {
      throw new Invalid(`${scheme} code ${code} names both a component and an event class; pass the kind`, { field: 'kind' });
    }
    return first.conditions;
  }

  crosswalk(from: SchemeId, to: SchemeId): readonly CrosswalkEntry[] {
    return this.crosswalkEntries.flatMap((entry) => {
      if (entry.from.scheme === from && entry.to.scheme === to) return [entry];
      if (entry.from.scheme === to && entry.to.scheme === from) return [{ ...entry, from: entry.to, to: entry.from }];
      return [];
    });
  }

  counterparts(scheme: SchemeId, kind: ClassKind, code: string): readonly CrosswalkEntry[] {
    const other: SchemeId = scheme === 'gbt47678' ? 'legacy' : 'gbt47678';
    return this.crosswalk(scheme, other).filter((entry) => entry.kind === kind && entry.from.code === code);
  }
}

/** Reads and checks every standards file (and the overlay); throws StandardsDataError naming file, JSON path and rule. */
export function loadStandardsCatalog(options: LoadStandardsCatalogOptions = {}): StandardsCatalog {
  const files = readCatalogFiles(options.root ?? defaultDataRoot, options.overlayFile);
  checkCatalogFiles(files);
  return new LoadedStandardsCatalog(files);
}
