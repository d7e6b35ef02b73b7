import type { ClassKind, SchemeId } from '../core/ports/standards.ts';
import type { CatalogFiles, ConditionData, Loaded, OverlayClassRef, RuleBodyData } from './catalog-files.ts';
import { displayPath, StandardsDataError } from './validated-json.ts';

/** Rules a JSON Schema cannot express: codes against each other, across files, and against the overlay. */

const codeLength: Record<SchemeId, number> = { gbt47678: 5, legacy: 4 };

type Key = `${SchemeId}/${ClassKind}`;
const keyOf = (scheme: SchemeId, kind: ClassKind): Key => `${scheme}/${kind}`;

function fail(loaded: Loaded<unknown>, jsonPath: string, rule: string, detail: string): never {
  throw new StandardsDataError(displayPath(loaded.file), jsonPath, rule, detail);
}

/** Codes known so far, per scheme and kind. */
class CodeIndex {
  private readonly majors = new Map<Key, Set<string>>();
  private readonly classes = new Map<Key, Set<string>>();

  private static set(map: Map<Key, Set<string>>, key: Key): Set<string> {
    let codes = map.get(key);
    if (!codes) map.set(key, (codes = new Set()));
    return codes;
  }
  majorCodes(scheme: SchemeId, kind: ClassKind): Set<string> {
    return CodeIndex.set(this.majors, keyOf(scheme, kind));
  }
  classCodes(scheme: SchemeId, kind: ClassKind): Set<string> {
    return CodeIndex.set(this.classes, keyOf(scheme, kind));
  }
  majorKeys(): Key[] {
    return [...this.majors.keys()];
  }
}

interface NewClass {
  code: string;
  majorCode: string;
}

function addMajor(index: CodeIndex, loaded: Loaded<unknown>, at: string, scheme: SchemeId, kind: ClassKind, code: string): void {
  const majors = index.majorCodes(scheme, kind);
  if (majors.has(code)) fail(loaded, `${at}/code`, 'code-unique', `major class ${code} is already defined for ${scheme} ${kind}`);
  majors.add(code);
}

function addClass(index: CodeIndex, loaded: Loaded<unknown>, at: string, scheme: SchemeId, kind: ClassKind, entry: NewClass): void {
  if (entry.code.length !== codeLength[scheme]) {
    fail(loaded, `${at}/code`, 'code-format', `${scheme} codes have ${codeLength[scheme]} digits, got "${entry.code}"`);
  }
  if (!index.majorCodes(scheme, kind).has(entry.majorCode)) {
    fail(loaded, `${at}/majorCode`, 'parent-exists', `major class ${entry.majorCode} is not defined for ${scheme} ${kind}`);
  }
  if (!entry.code.startsWith(entry.majorCode)) {
    fail(loaded, `${at}/code`, 'minor-starts-with-major', `${entry.code} does not start with its major class code ${entry.majorCode}`);
  }
  const classes = index.classCodes(scheme, kind);
  if (classes.has(entry.code)) fail(loaded, `${at}/code`, 'code-unique', `${scheme} ${kind} ${entry.code} is already defined`);
  classes.add(entry.code);
}

function requireClass(index: CodeIndex, loaded: Loaded<unknown>, at: string, scheme: SchemeId, ref: OverlayClassRef): void {
  if (!index.classCodes(scheme, ref.kind).has(ref.code)) {
    fail(loaded, at, 'class-exists', `${scheme} ${ref.kind} ${ref.code} is not a class of the catalogue`);
  }
}

function checkRuleBody(loaded: Loaded<unknown>, at: string, body: RuleBodyData): void {
  if ((body.deadline === undefined) === (body.deadlineByGrade === undefined)) {
    fail(loaded, at, 'deadline-exactly-one', 'give either deadline (every area grade) or deadlineByGrade, not both or neither');
  }
  const deadlines = body.deadline ? [['deadline', body.deadline] as const] : Object.entries(body.deadlineByGrade ?? {}).map(([grade, deadline]) => [`deadlineByGrade/${grade}`, deadline] as const);
  for (const [where, deadline] of deadlines) {
    if (body.urgent !== (deadline.unit === '小时')) {
      fail(loaded, `${at}/${where}/unit`, 'urgent-unit', body.urgent ? 'an urgent deadline runs on a continuous clock: unit 小时' : 'unit 小时 (continuous clock) is for urgent conditions only');
    }
  }
}

function checkConditions(loaded: Loaded<unknown>, at: string, conditions: readonly ConditionData[], sourceIds: ReadonlySet<string>): void {
  const ids = new Set<string>();
  conditions.forEach((condition, i) => {
    const here = `${at}/${i}`;
    if (ids.has(condition.id)) fail(loaded, `${here}/id`, 'condition-id-unique', `condition id ${condition.id} repeats within the class`);
    ids.add(condition.id);
    if (condition.source !== undefined && !sourceIds.has(condition.source)) {
      fail(loaded, `${here}/source`, 'source-exists', `source ${condition.source} is not listed in this file's sources`);
    }
    checkRuleBody(loaded, here, condition);
  });
}

function checkOverlay(index: CodeIndex, files: CatalogFiles): void {
  const loaded = files.overlay;
  if (!loaded) return;
  const { scheme } = loaded.data;
  const sourceIds = new Set((loaded.data.sources ?? []).map((source) => source.id));
  loaded.data.extensionMajors?.forEach((major, i) => {
    addMajor(index, loaded, `/extensionMajors/${i}`, scheme, major.kind, major.code);
    checkRuleBody(loaded, `/extensionMajors/${i}/default`, major.default);
  });
  loaded.data.extensions?.forEach((extension, i) => {
    addClass(index, loaded, `/extensions/${i}`, scheme, extension.kind, extension);
    if (extension.conditions) checkConditions(loaded, `/extensions/${i}/conditions`, extension.conditions, sourceIds);
  });
  const sections = [
    ['renames', loaded.data.renames],
    ['disabled', loaded.data.disabled],
    ['ruleOverrides', loaded.data.ruleOverrides],
  ] as const;
  for (const [section, entries] of sections) {
    const seen = new Set<string>();
    entries?.forEach((entry, i) => {
      requireClass(index, loaded, `/${section}/${i}/code`, scheme, entry);
      const key = `${entry.kind}/${entry.code}`;
      if (seen.has(key)) fail(loaded, `/${section}/${i}/code`, 'overlay-unique', `${entry.kind} ${entry.code} appears twice in ${section}`);
      seen.add(key);
    });
  }
  loaded.data.ruleOverrides?.forEach((override, i) => checkConditions(loaded, `/ruleOverrides/${i}/conditions`, override.conditions, sourceIds));
}

/** Throws StandardsDataError (file, JSON path, rule) on the first broken rule. */
export function checkCatalogFiles(files: CatalogFiles): void {
  const index = new CodeIndex();
  const lists = new Set<Key>();
  for (const loaded of files.classLists) {
    const { scheme, kind } = loaded.data;
    if (lists.has(keyOf(scheme, kind))) fail(loaded, '/kind', 'scheme-kind-unique', `a second class list for ${scheme} ${kind}`);
    lists.add(keyOf(scheme, kind));
    loaded.data.majors.forEach((major, i) => {
      addMajor(index, loaded, `/majors/${i}`, scheme, kind, major.code);
      if ((major.nameZh === null) !== (major.nameStatus === 'unknown')) {
        fail(loaded, `/majors/${i}/nameZh`, 'major-name', 'nameZh is null exactly when nameStatus is "unknown"');
      }
    });
    loaded.data.classes.forEach((entry, i) => addClass(index, loaded, `/classes/${i}`, scheme, kind, entry));
  }
  for (const loaded of files.classLists) {
    loaded.data.classes.forEach((entry, i) => {
      if (entry.relatedComponentCode !== undefined) {
        requireClass(index, loaded, `/classes/${i}/relatedComponentCode`, loaded.data.scheme, { kind: 'component', code: entry.relatedComponentCode });
      }
    });
  }
  for (const loaded of files.crosswalks) {
    loaded.data.entries.forEach((entry, i) => {
      requireClass(index, loaded, `/entries/${i}/fromCode`, loaded.data.from, { kind: entry.kind, code: entry.fromCode });
      requireClass(index, loaded, `/entries/${i}/toCode`, loaded.data.to, { kind: entry.kind, code: entry.toCode });
    });
  }
  for (const loaded of files.caseRules) {
    const { scheme, cityPrecedence } = loaded.data;
    loaded.data.sources.forEach((source, i) => {
      if (!cityPrecedence.includes(source.city)) fail(loaded, `/sources/${i}/city`, 'city-precedence', `${source.city} is missing from cityPrecedence`);
    });
    const sourceIds = new Set(loaded.data.sources.map((source) => source.id));
    const seen = new Set<string>();
    loaded.data.classes.forEach((entry, i) => {
      requireClass(index, loaded, `/classes/${i}/code`, scheme, entry);
      if (seen.has(`${entry.kind}/${entry.code}`)) fail(loaded, `/classes/${i}/code`, 'code-unique', `rules for ${entry.kind} ${entry.code} are listed twice`);
      seen.add(`${entry.kind}/${entry.code}`);
      checkConditions(loaded, `/classes/${i}/conditions`, entry.conditions, sourceIds);
    });
  }
  const defaults = files.defaults;
  const covered = new Set<string>();
  defaults.data.defaults.forEach((entry, i) => {
    if (!index.majorCodes(entry.scheme, entry.kind).has(entry.majorCode)) {
      fail(defaults, `/defaults/${i}/majorCode`, 'parent-exists', `major class ${entry.majorCode} is not defined for ${entry.scheme} ${entry.kind}`);
    }
    const key = `${entry.scheme}/${entry.kind}/${entry.majorCode}`;
    if (covered.has(key)) fail(defaults, `/defaults/${i}`, 'code-unique', `a second default for ${key}`);
    covered.add(key);
    checkRuleBody(defaults, `/defaults/${i}`, entry);
  });
  for (const key of index.majorKeys()) {
    const [scheme, kind] = key.split('/') as [SchemeId, ClassKind];
    for (const major of index.majorCodes(scheme, kind)) {
      if (!covered.has(`${key}/${major}`)) fail(defaults, '/defaults', 'default-missing', `no default rule for ${scheme} ${kind} major class ${major}`);
    }
  }
  checkOverlay(index, files);
}
