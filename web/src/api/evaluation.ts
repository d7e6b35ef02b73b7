import { api, fetchBlob } from './client.ts';

/** As the API takes it: staff is one subject, a role picks whose ranking. */
export type Subject = 'department' | 'collector' | 'region' | 'staff';
export type StaffRole = 'acceptor' | 'shift-leader' | 'dispatcher';
/** As the indicators data keys them: a subject per staff role. */
export type IndicatorSubject = Exclude<Subject, 'staff'> | StaffRole;
export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type RegionLevel = 'grid' | 'community' | 'street';
export type ReportKind = 'morning' | 'weekly' | 'monthly';

export interface IndicatorInfo {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: 'count' | 'union' | 'rate';
  definition: string;
  source: string;
}

export interface IndicatorSet {
  grades: { grade: string; minScore: number }[];
  subjects: Record<IndicatorSubject, { nameZh: string; indicators: IndicatorInfo[]; score: { terms: { indicator: string; weight: number }[] } }>;
}

export interface EvaluationRow {
  id: string;
  name: string;
  indicators: Record<string, number | null>;
  score: number | null;
  rank: number | null;
  grade: string | null;
}

export interface Evaluation {
  subject: IndicatorSubject;
  period: { kind: PeriodKind; from: string; to: string };
  rows: EvaluationRow[];
}

export interface DrillDownCase {
  id: string;
  caseNumber: string;
  className: string;
  status: string;
}

export interface DrillDown {
  indicator: { id: string; nameZh: string; kind: IndicatorInfo['kind'] };
  cases: DrillDownCase[];
  denominatorCases?: DrillDownCase[];
}

export interface EvaluationQuery {
  subject: Subject;
  period: PeriodKind;
  date: string;
  level: RegionLevel;
  role: StaffRole;
}

/** Whose indicators a query shows. */
export const indicatorSubjectOf = (query: EvaluationQuery): IndicatorSubject => (query.subject === 'staff' ? query.role : query.subject);

export interface ArchivedReport {
  id: string;
  kind: ReportKind;
  date: string;
  period: { from: string; to: string };
  generatedAt: string;
  generatedBy: number | null;
  hasPdf: boolean;
}

const queryString = (query: EvaluationQuery, extra: Record<string, string> = {}) =>
  new URLSearchParams({
    subject: query.subject,
    period: query.period,
    date: query.date,
    ...(query.subject === 'region' ? { level: query.level } : {}),
    ...(query.subject === 'staff' ? { role: query.role } : {}),
    ...extra,
  }).toString();

export const evaluation = {
  indicators: () => api.get<IndicatorSet>('/evaluation/indicators'),
  rank: (query: EvaluationQuery) => api.get<Evaluation>(`/evaluation?${queryString(query)}`),
  drillDown: (query: EvaluationQuery, id: string, indicator: string) => api.get<DrillDown>(`/evaluation/drill-down?${queryString(query, { id, indicator })}`),
};

export const reports = {
  list: (kind?: ReportKind) => api.get<{ items: ArchivedReport[] }>(`/reports${kind ? `?kind=${kind}` : ''}`),
  generate: (kind: ReportKind, date: string) => api.post<ArchivedReport>('/reports', { kind, date }),
  html: async (id: string) => (await fetchBlob(`/reports/${id}.html`)).text(),
  pdf: (id: string) => fetchBlob(`/reports/${id}.pdf`),
};

/** The Beijing date (YYYY-MM-DD) of an instant, whatever the browser's time zone; today's by default. */
export function beijingDate(instant: number = Date.now()): string {
  return new Date(instant + 8 * 3_600_000).toISOString().slice(0, 10);
}
