import { fileURLToPath } from 'node:url';
import type { ClassKind, SchemeId, StandardsCatalog } from '../ports/standards.ts';
import { displayPath, readValidatedJson, StandardsDataError } from '../../standards/validated-json.ts';

export const citizenRulesFile = fileURLToPath(new URL('../../standards/datasets/citizen-points/rules.json', import.meta.url));
const schemaFile = fileURLToPath(new URL('../../standards/schema/citizen-points.schema.json', import.meta.url));

export interface CitizenClass {
  kind: ClassKind;
  classCode: string;
  plainZh: string;
  plainEn: string;
  points?: number;
}

export interface CitizenLimits {
  reportsPerDevicePerHour: number;
  reportsPerAddressPerHour: number;
  uploadsPerAddressPerHour: number;
  uploadClaimMinutes: number;
  duplicateRadiusMetres: number;
  duplicateWindowMinutes: number;
}

interface CitizenRulesFile {
  scheme: SchemeId;
  points: { byKind: Record<ClassKind, number>; dailyCap: number };
  limits: CitizenLimits;
  classes: CitizenClass[];
}

export interface CitizenRules {
  scheme: SchemeId;
  /** The picker, in the file's order. */
  classes: readonly CitizenClass[];
  /** The picker entry for a code; undefined for a class citizens do not report. */
  classOf(classCode: string): CitizenClass | undefined;
  /** The points a registered report of this class earns before the daily cap, and the rule that says so. */
  pointsFor(classCode: string, kind: ClassKind): { points: number; rule: string };
  dailyCap: number;
  limits: CitizenLimits;
}

/**
 * Loads the citizen programme's data file. Every class must exist (and be in use) in the catalogue, so a typo or a
 * class a city disabled fails at start-up instead of at a citizen's first report; a class listed twice is an error.
 */
export function loadCitizenRules(catalog: StandardsCatalog, file = citizenRulesFile): CitizenRules {
  const data = readValidatedJson<CitizenRulesFile>(file, schemaFile);
  const byCode = new Map<string, CitizenClass>();
  data.classes.forEach((entry, index) => {
    const where = `/classes/${index}/classCode`;
    if (byCode.has(entry.classCode)) throw new StandardsDataError(displayPath(file), where, 'unique-class', `class ${entry.classCode} is listed twice`);
    const known = catalog.getClass(data.scheme, entry.kind, entry.classCode);
    if (!known || known.disabled) {
      throw new StandardsDataError(displayPath(file), where, 'known-class', `${data.scheme} ${entry.kind} class ${entry.classCode} is unknown or disabled`);
    }
    byCode.set(entry.classCode, entry);
  });
  return {
    scheme: data.scheme,
    classes: data.classes,
    classOf: (code) => byCode.get(code),
    pointsFor(code, kind) {
      const own = byCode.get(code)?.points;
      return own === undefined ? { points: data.points.byKind[kind], rule: `kind:${kind}` } : { points: own, rule: `class:${code}` };
    },
    dailyCap: data.points.dailyCap,
    limits: data.limits,
  };
}
