import type { CaseStatus, StatusKind } from './statuses.ts';

/** Who did something to a case: a user (id from app_user) or the system (a timer, a worker). */
export interface Actor {
  id?: number | null;
  name: string;
  role: string;
}

export const systemActor: Actor = { id: null, name: 'system', role: 'system' };

export type CaseSource = 'collector' | 'hotline' | 'citizen' | 'wechat' | 'video' | 'iot' | 'app';
export type AreaGrade = 'A' | 'B' | 'C';
export type Urgency = 'normal' | 'urgent';

/** The case projection as stored in the "case" table. Times are ISO-8601 strings. */
export interface CaseRecord {
  id: string;
  caseNumber: string;
  source: CaseSource;
  classScheme: string;
  classCode: string;
  className: string;
  classKind: 'component' | 'event';
  description: string;
  lng: number;
  lat: number;
  address: string | null;
  gridCode: string | null;
  street: string | null;
  community: string | null;
  areaGrade: AreaGrade;
  urgency: Urgency;
  status: CaseStatus;
  statusKind: StatusKind;
  duplicateOf: string | null;
  /** The 部件 the report was made from (its QR code), when there was one. */
  componentId: string | null;
  departmentId: string | null;
  deadline: string | null;
  deadlineApproximate: boolean;
  remainingMinutes: number | null;
  overdue: boolean;
  supervised: boolean;
  returnCount: number;
  extensionCount: number;
  reworkCount: number;
  suspensionCount: number;
  dispatchCount: number;
  suspendedAt: string | null;
  suspendedSeconds: number;
  reporter: Record<string, unknown>;
  attachments: string[];
  reportedAt: string;
  registeredAt: string | null;
  dispatchedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
}
