import { api } from '../../api/client.ts';

/** GET /api/v1/dashboard (api/routes/dashboard.routes.ts). */
export interface DayFigures {
  date: string;
  reported: number;
  registered: number;
  dispatched: number;
  closed: number;
}

export interface TodayFigures extends DayFigures {
  closureRate: number | null;
  onTimeRate: number | null;
  overdueNow: number;
  suspendedNow: number;
  supervisedNow: number;
}

export interface RankingRow {
  id: string;
  name: string;
  indicators: Record<string, number | null>;
  score: number | null;
  rank: number | null;
  grade: string | null;
}

export interface Dashboard {
  asOf: string;
  today: TodayFigures;
  trend: DayFigures[];
  ranking: {
    period: { from: string; to: string };
    columns: Array<{ indicator: string; nameZh: string; nameEn: string }>;
    rows: RankingRow[];
  };
}

export const dailySteps = ['reported', 'registered', 'dispatched', 'closed'] as const;

export const fetchDashboard = () => api.get<Dashboard>('/dashboard');

/** A rate as a percentage with one decimal; a rate with nothing to measure is a dash, not 0 %. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
