import { api, fetchBlob } from './client.ts';
import type { PeriodKind } from './evaluation.ts';

export interface ReviewLevel {
  level: string;
  nameZh: string;
  nameEn: string;
  points: number;
}

export interface ReviewSettings {
  scale: ReviewLevel[];
  share: number;
}

export interface ReviewRound {
  id: number;
  name: string;
  period: { kind: PeriodKind; from: string; to: string };
  reviewersPerCase: number;
  status: 'open' | 'sampled' | 'closed';
  openedAt: string;
  progress: { cases: number; assignments: number; rated: number };
}

export interface ReviewAssignment {
  id: number;
  round: { id: number; name: string; status: ReviewRound['status'] };
  case: { caseNumber: string; className: string; description: string; address: string | null; departmentName: string; reportedAt: string; closedAt: string };
  beforePhotoIds: string[];
  afterPhotoIds: string[];
  rating: { level: string; points: number; comment: string | null; ratedAt: string } | null;
}

export interface DepartmentReviewResult {
  departmentId: string;
  departmentName: string;
  cases: number;
  assignments: number;
  rated: number;
  meanPoints: number | null;
  levels: Record<string, number>;
  comments: { caseNumber: string; level: string; comment: string }[];
}

export const review = {
  settings: () => api.get<ReviewSettings>('/review/settings'),
  rounds: () => api.get<{ items: ReviewRound[] }>('/review/rounds'),
  open: (input: { name: string; period: PeriodKind; date: string }) => api.post<ReviewRound>('/review/rounds', input),
  sample: (id: number) => api.post<ReviewRound>(`/review/rounds/${id}/sample`, {}),
  close: (id: number) => api.post<ReviewRound>(`/review/rounds/${id}/close`, {}),
  results: (id: number) => api.get<{ departments: DepartmentReviewResult[] }>(`/review/rounds/${id}/results`),
  assignments: () => api.get<{ items: ReviewAssignment[] }>('/review/assignments'),
  photo: (assignmentId: number, photoId: string) => fetchBlob(`/review/assignments/${assignmentId}/photos/${photoId}`),
  rate: (assignmentId: number, input: { level: string; comment?: string }) => api.post<ReviewAssignment>(`/review/assignments/${assignmentId}/rating`, input),
};
