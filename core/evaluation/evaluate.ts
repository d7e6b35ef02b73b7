import type { Database } from '../ports/database.ts';
import type { WorkingCalendar } from '../ports/calendar.ts';
import { NotFound } from '../errors.ts';
import type { IndicatorDefinition, IndicatorSet, Subject } from './indicator-definitions.ts';
import { periodOf, type Period, type PeriodKind } from './period.ts';
import { replayHistory, type FactsBySubject, type RegionLevel, type SubjectFacts } from './history-replay.ts';
import { meanRatingsByDepartment, withReviews } from './third-party-review-score.ts';

export interface EvaluationRequest {
  subject: Subject;
  period: PeriodKind;
  date: string;
  regionLevel?: RegionLevel;
}

export interface EvaluationDeps {
  db: Database;
  calendar: WorkingCalendar;
  indicators: IndicatorSet;
  /** Replays kept by period for the life of these deps: see sharingReplays. */
  replays?: Map<string, Promise<FactsBySubject>>;
}

/**
 * Deps whose evaluations of one period share one replay of the history, whatever the subject or region level: for
 * a report or a page that shows several evaluations of the same moment. Not for a long-lived service, whose
 * figures must follow new history.
 */
export function sharingReplays(deps: EvaluationDeps): EvaluationDeps {
  return { ...deps, replays: new Map() };
}

/** A count, or a rate as a fraction (null when its denominator is zero). */
export type IndicatorValue = number | null;

export interface EvaluationRow {
  id: string;
  name: string;
  indicators: Record<string, IndicatorValue>;
  /** 综合指标值 out of 100, two decimals; null when no score term has a denominator. */
  score: number | null;
  rank: number | null;
  grade: string | null;
}

export interface Evaluation {
  subject: Subject;
  period: { kind: PeriodKind; from: string; to: string };
  rows: EvaluationRow[];
}

/** Each case once. */
type CaseSets = Map<string, readonly string[]>;

/** The case ids behind every count and union indicator, in file order (unions refer only to indicators above). */
function caseSetsOf(definitions: IndicatorDefinition[], facts: SubjectFacts | undefined): CaseSets {
  const sets: CaseSets = new Map();
  for (const indicator of definitions) {
    if (indicator.kind === 'count') sets.set(indicator.id, facts?.measures.get(indicator.measure) ?? []);
    if (indicator.kind === 'union') sets.set(indicator.id, [...new Set(indicator.of.flatMap((id) => sets.get(id) ?? []))]);
  }
  return sets;
}

function valuesOf(definitions: IndicatorDefinition[], sets: CaseSets): Record<string, IndicatorValue> {
  const size = (id: string) => sets.get(id)?.length ?? 0;
  return Object.fromEntries(
    definitions.map((indicator) => {
      if (indicator.kind !== 'rate') return [indicator.id, size(indicator.id)];
      const denominator = size(indicator.denominator);
      return [indicator.id, denominator === 0 ? null : size(indicator.numerator) / denominator];
    }),
  );
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The weighted mean of the score terms in points; a term whose rate has no denominator (nothing to judge) is
 * left out and the other weights keep their proportions. A department's mean 第三方考评 rating is folded in by
 * the share the indicators data gives it.
 */
export function compositeScore(indicators: IndicatorSet, subject: Subject, values: Record<string, IndicatorValue>, meanRating?: number): number | null {
  let points = 0;
  let weights = 0;
  for (const term of indicators.subjects[subject].score.terms) {
    const rate = values[term.indicator];
    if (rate === null || rate === undefined) continue;
    const bounded = Math.min(1, Math.max(0, rate));
    points += term.weight * 100 * (term.better === 'higher' ? bounded : 1 - bounded);
    weights += term.weight;
  }
  const score = withReviews(indicators.thirdPartyReview, weights === 0 ? null : points / weights, meanRating);
  return score === null ? null : round2(score);
}

export function gradeOf(indicators: IndicatorSet, score: number | null): string | null {
  if (score === null) return null;
  return indicators.grades.find((band) => score >= band.minScore)?.grade ?? null;
}

/** Best score first; equal scores share a rank and the next rank skips (1, 1, 3); unscored rows come last, unranked. */
export function rankRows(rows: EvaluationRow[]): EvaluationRow[] {
  const sorted = [...rows].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.id.localeCompare(b.id));
  return sorted.map((row, index) => {
    if (row.score === null) return { ...row, rank: null };
    const first = sorted.findIndex((other) => other.score === row.score);
    return { ...row, rank: first === index ? index + 1 : first + 1 };
  });
}

// Collectors, communities and streets are named in the history and the case itself; departments and grids by code.
const nameTables: Partial<Record<string, string>> = {
  department: 'SELECT id, name_zh FROM department',
  grid: 'SELECT code AS id, name_zh FROM unit_grid WHERE name_zh IS NOT NULL',
};

async function subjectNames(deps: EvaluationDeps, request: EvaluationRequest): Promise<Map<string, string>> {
  const query = nameTables[request.subject === 'region' ? (request.regionLevel ?? 'grid') : request.subject];
  if (!query) return new Map();
  const { rows } = await deps.db.query<{ id: string; name_zh: string }>(query);
  return new Map(rows.map((row) => [row.id, row.name_zh]));
}

async function factsOf(deps: EvaluationDeps, request: EvaluationRequest): Promise<{ period: Period; facts: Map<string, SubjectFacts> }> {
  const period = periodOf(request.period, request.date);
  const key = `${period.from.toISOString()}/${period.to.toISOString()}`;
  let replay = deps.replays?.get(key);
  if (!replay) {
    replay = deps.db.transaction((sql) => replayHistory(sql, period, deps));
    deps.replays?.set(key, replay);
  }
  const all = await replay;
  return { period, facts: request.subject === 'region' ? all.region[request.regionLevel ?? 'grid'] : all[request.subject] };
}

/** Every subject with something to count in the period, with its indicators, score, rank and grade. */
export async function evaluate(deps: EvaluationDeps, request: EvaluationRequest): Promise<Evaluation> {
  const { period, facts } = await factsOf(deps, request);
  return evaluationOf(deps, request, period, facts);
}

async function evaluationOf(deps: EvaluationDeps, request: EvaluationRequest, period: Period, facts: Map<string, SubjectFacts>): Promise<Evaluation> {
  const definitions = deps.indicators.subjects[request.subject].indicators;
  const names = await subjectNames(deps, request);
  const ratings = request.subject === 'department' && deps.indicators.thirdPartyReview ? await meanRatingsByDepartment(deps.db, period) : new Map<string, number>();
  const rows = [...facts.values()].map((subjectFacts): EvaluationRow => {
    const values = valuesOf(definitions, caseSetsOf(definitions, subjectFacts));
    const score = compositeScore(deps.indicators, request.subject, values, ratings.get(subjectFacts.id));
    return { id: subjectFacts.id, name: names.get(subjectFacts.id) ?? subjectFacts.name, indicators: values, score, rank: null, grade: gradeOf(deps.indicators, score) };
  });
  return { subject: request.subject, period: { kind: period.kind, from: period.from.toISOString(), to: period.to.toISOString() }, rows: rankRows(rows) };
}

export interface DrillDownCase {
  id: string;
  caseNumber: string;
  className: string;
  status: string;
}

export interface DrillDown {
  indicator: { id: string; nameZh: string; kind: IndicatorDefinition['kind'] };
  /** The cases behind a count; for a rate, the numerator's cases. */
  cases: DrillDownCase[];
  /** For a rate only: the denominator's cases. */
  denominatorCases?: DrillDownCase[];
}

async function describeCases(deps: EvaluationDeps, ids: readonly string[] | undefined): Promise<DrillDownCase[]> {
  if (!ids || ids.length === 0) return [];
  const { rows } = await deps.db.query<{ id: string; case_number: string; class_name: string; status: string }>(
    'SELECT id, case_number, class_name, status FROM "case" WHERE id = ANY($1::text[]) ORDER BY case_number',
    [ids],
  );
  return rows.map((row) => ({ id: row.id, caseNumber: row.case_number, className: row.class_name, status: row.status }));
}

/** The cases behind one number of one subject's row. */
export async function drillDown(deps: EvaluationDeps, request: EvaluationRequest & { id: string; indicator: string }): Promise<DrillDown> {
  const definitions = deps.indicators.subjects[request.subject].indicators;
  const indicator = definitions.find((candidate) => candidate.id === request.indicator);
  if (!indicator) throw new NotFound(`no ${request.subject} indicator "${request.indicator}"`);
  const { facts } = await factsOf(deps, request);
  const sets = caseSetsOf(definitions, facts.get(request.id));
  const summary = { id: indicator.id, nameZh: indicator.nameZh, kind: indicator.kind };
  if (indicator.kind !== 'rate') return { indicator: summary, cases: await describeCases(deps, sets.get(indicator.id)) };
  return {
    indicator: summary,
    cases: await describeCases(deps, sets.get(indicator.numerator)),
    denominatorCases: await describeCases(deps, sets.get(indicator.denominator)),
  };
}

/**
 * The evaluation and, for every subject of the period, the cases behind one indicator (a rate: its numerator),
 * from one replay of the history: what a report listing the cases of every department needs, without a
 * drill-down (and a replay) per row.
 */
export async function evaluateWithCases(
  deps: EvaluationDeps,
  request: EvaluationRequest,
  indicatorId: string,
): Promise<{ evaluation: Evaluation; casesBehind: Map<string, DrillDownCase[]> }> {
  const definitions = deps.indicators.subjects[request.subject].indicators;
  const indicator = definitions.find((candidate) => candidate.id === indicatorId);
  if (!indicator) throw new NotFound(`no ${request.subject} indicator "${indicatorId}"`);
  const { period, facts } = await factsOf(deps, request);
  const setId = indicator.kind === 'rate' ? indicator.numerator : indicator.id;
  const bySubject = [...facts.values()].map((subject) => [subject.id, caseSetsOf(definitions, subject).get(setId) ?? []] as const);
  const described = new Map((await describeCases(deps, [...new Set(bySubject.flatMap(([, ids]) => ids))])).map((c) => [c.id, c]));
  const casesBehind = new Map(
    bySubject
      .filter(([, ids]) => ids.length > 0)
      .map(([id, ids]) => [id, [...ids].flatMap((caseId) => described.get(caseId) ?? []).sort((a, b) => a.caseNumber.localeCompare(b.caseNumber))]),
  );
  return { evaluation: await evaluationOf(deps, request, period, facts), casesBehind };
}
