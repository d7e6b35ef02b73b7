import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayPath, readValidatedJson, StandardsDataError } from '../../standards/validated-json.ts';
import type { ThirdPartyReviewSettings } from './third-party-review-score.ts';

/** The command-centre roles assessed as staff (人员考评), each with indicators of its own. */
export const staffRoles = ['acceptor', 'shift-leader', 'dispatcher'] as const;
export type StaffRole = (typeof staffRoles)[number];
export type Subject = 'department' | 'collector' | 'region' | StaffRole;
export const subjects: readonly Subject[] = ['department', 'collector', 'region', ...staffRoles];

/** The counts the history replay produces for each subject; count indicators in the data name one of them. */
export const measuresOf = {
  department: ['handled', 'handledOnTime', 'handledLate', 'overduePending', 'reworked', 'returned', 'extended', 'suspended', 'closed', 'closedOnTime'],
  collector: ['reported', 'validReports', 'missedReports', 'confirmed', 'confirmedOnTime', 'verified', 'verifiedOnTime'],
  region: ['occurred', 'registered', 'closed', 'closedOnTime', 'overduePending'],
  acceptor: ['accepted', 'confirmationsSent', 'confirmationsSentOnTime'],
  'shift-leader': ['registered', 'registeredOnTime', 'registeredAccurately', 'closed', 'closedOnTime'],
  dispatcher: ['dispatched', 'dispatchedOnTime', 'dispatchedAccurately'],
} as const satisfies Record<Subject, readonly string[]>;

interface IndicatorBase {
  id: string;
  nameZh: string;
  nameEn: string;
  definition: string;
  source: string;
}
export type IndicatorDefinition =
  | (IndicatorBase & { kind: 'count'; measure: string })
  | (IndicatorBase & { kind: 'union'; of: string[] })
  | (IndicatorBase & { kind: 'rate'; numerator: string; denominator: string });

export interface ScoreTerm {
  indicator: string;
  weight: number;
  better: 'higher' | 'lower';
}

export interface SubjectDefinition {
  nameZh: string;
  indicators: IndicatorDefinition[];
  score: { source: string; note?: string; terms: ScoreTerm[] };
}

export interface IndicatorSet {
  city: string;
  sources: Record<string, string>;
  grades: { grade: string; minScore: number }[];
  parameters: {
    confirmationLimit: string;
    verificationLimit: string;
    /** 发核实 by the acceptor, from the report. */
    confirmationRequestLimit: string;
    /** 立案 by the shift leader, from the report or the on-site confirmation. */
    registrationLimit: string;
    /** 派遣 by the dispatcher, from the registration or the approved return. */
    dispatchLimit: string;
    /** 结案 by the shift leader, from the passing verification. */
    closingLimit: string;
    /** 高发预警 threshold; without it no period raises an alert. */
    hotSpotAlert?: { factor: number; previousPeriods: number; minCases: number };
  };
  subjects: Record<Subject, SubjectDefinition>;
  /** 第三方考评; without it ratings do not enter any score. */
  thirdPartyReview?: ThirdPartyReviewSettings;
}

const standardsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../standards');
export const defaultIndicatorFile = path.join(standardsDir, 'datasets/indicators/default.json');
const schemaFile = path.join(standardsDir, 'schema/indicators.schema.json');

/** Reads an indicator file and checks what the schema cannot: references between indicators, sources, bands. */
export function loadIndicatorSet(file: string = defaultIndicatorFile): IndicatorSet {
  const set = readValidatedJson<IndicatorSet>(file, schemaFile);
  const fail = (jsonPath: string, rule: string, detail: string) => new StandardsDataError(displayPath(file), jsonPath, rule, detail);
  set.grades.forEach((band, index) => {
    const previous = set.grades[index - 1];
    if (previous && previous.minScore <= band.minScore) throw fail(`/grades/${index}`, 'descending', 'grade bands must be listed best first with falling minScore');
  });
  if (set.grades.at(-1)?.minScore !== 0) throw fail(`/grades/${set.grades.length - 1}`, 'complete', 'the last grade band must start at 0');
  for (const subject of subjects) {
    const { indicators, score } = set.subjects[subject];
    const at = `/subjects/${subject}`;
    const known = new Map<string, IndicatorDefinition>();
    indicators.forEach((indicator, index) => {
      const where = `${at}/indicators/${index}`;
      if (known.has(indicator.id)) throw fail(`${where}/id`, 'unique', `indicator "${indicator.id}" is defined twice`);
      if (!Object.hasOwn(set.sources, indicator.source)) throw fail(`${where}/source`, 'source', `unknown source "${indicator.source}"`);
      if (indicator.kind === 'count' && !(measuresOf[subject] as readonly string[]).includes(indicator.measure)) {
        throw fail(`${where}/measure`, 'measure', `"${indicator.measure}" is not a ${subject} measure (${measuresOf[subject].join(', ')})`);
      }
      // Indicators refer only to those above them, so evaluation is one pass in file order.
      const references = indicator.kind === 'union' ? indicator.of : indicator.kind === 'rate' ? [indicator.numerator, indicator.denominator] : [];
      for (const reference of references) {
        const target = known.get(reference);
        if (!target || target.kind === 'rate') throw fail(where, 'reference', `"${reference}" must be a count or union indicator defined above`);
      }
      known.set(indicator.id, indicator);
    });
    if (!Object.hasOwn(set.sources, score.source)) throw fail(`${at}/score/source`, 'source', `unknown source "${score.source}"`);
    score.terms.forEach((term, index) => {
      if (known.get(term.indicator)?.kind !== 'rate') throw fail(`${at}/score/terms/${index}/indicator`, 'reference', `"${term.indicator}" is not a rate indicator`);
    });
  }
  const review = set.thirdPartyReview;
  if (review) {
    if (!Object.hasOwn(set.sources, review.source)) throw fail('/thirdPartyReview/source', 'source', `unknown source "${review.source}"`);
    review.scale.forEach((step, index) => {
      if (review.scale.findIndex((other) => other.level === step.level) !== index) {
        throw fail(`/thirdPartyReview/scale/${index}/level`, 'unique', `rating level "${step.level}" is listed twice`);
      }
    });
  }
  return set;
}
