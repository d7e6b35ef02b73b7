import { api } from './client.ts';

export type CaseSource = 'collector' | 'hotline' | 'citizen' | 'wechat' | 'video' | 'iot' | 'app';
export const caseSources: CaseSource[] = ['hotline', 'collector', 'citizen', 'wechat', 'video', 'iot', 'app'];
export const statusKinds = ['open', 'suspended', 'closed', 'voided'] as const;

export interface CaseSummary {
  id: string;
  caseNumber: string;
  source: CaseSource;
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
  /** The 部件 reported from its QR code. */
  componentId: string | null;
  urgency: 'normal' | 'urgent';
  status: string;
  statusKind: (typeof statusKinds)[number];
  statusLabelZh: string;
  statusLabelEn: string;
  departmentId: string | null;
  deadline: string | null;
  overdue: boolean;
  supervised: boolean;
  attachments: string[];
  reportedAt: string;
  closedAt: string | null;
}

export interface CaseEvent {
  id: number;
  at: string;
  actorName: string;
  actorRole: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  comment: string | null;
  attachments: string[];
}

export interface AllowedAction {
  action: string;
  labelZh: string;
  labelEn: string;
  taskKey?: string;
  elementId?: string;
  formId?: string;
}

export interface Remaining {
  milliseconds: number;
  workingHours: number;
  unit: 'working-hour' | 'hour';
}

export interface CaseDetail extends CaseSummary {
  remaining: Remaining | null;
  history: CaseEvent[];
  activeElementIds: string[];
  /** User tasks already passed: the path taken. */
  completedElementIds: string[];
  processId: string | null;
  processVersion: number | null;
  duplicates: Array<{ id: string; caseNumber: string; className?: string; address?: string | null }>;
  allowedActions: AllowedAction[];
  dispatchedAt: string | null;
}

export interface InboxTask {
  key: string;
  caseId: string;
  caseNumber: string;
  elementId: string;
  name: string;
  formId: string | null;
  assignee: string | null;
  dueAt: string | null;
  createdAt: string;
  overdue: boolean;
  case: { status: string; className: string; address: string | null; deadline: string | null; urgency: 'normal' | 'urgent' } | null;
}

export interface ClassEntry {
  code: string;
  majorCode: string;
  nameZh: string;
  nameEn: string | null;
  disabled: boolean;
}

/** A task form: JSON Schema 2020-12 with Chinese titles, English in x-title-en and the widget in x-widget. */
export interface FormField {
  type?: 'string' | 'boolean' | 'array' | 'number' | 'integer';
  title?: string;
  'x-title-en'?: string;
  'x-widget'?: string;
  'x-placeholder'?: string;
  enum?: Array<string | number | boolean>;
  oneOf?: Array<{ const: string | boolean; title: string; 'x-title-en'?: string }>;
  default?: unknown;
}

export interface FormSchema {
  title: string;
  'x-title-en'?: string;
  properties: Record<string, FormField>;
  required?: string[];
}

export interface NewReport {
  source: CaseSource;
  classKind: 'component' | 'event';
  classCode: string;
  description: string;
  location: { lng: number; lat: number; crs: 'WGS84' };
  address?: string;
  urgency: 'normal' | 'urgent';
  attachmentIds: string[];
}

export type CaseQuery = Record<string, string | number | boolean | undefined>;

export function queryString(query: CaseQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const cases = {
  report: (input: NewReport) => api.post<CaseSummary>('/cases', input),
  list: (query: CaseQuery) => api.get<{ items: CaseSummary[]; total: number }>(`/cases${queryString(query)}`),
  get: (id: string) => api.get<CaseDetail>(`/cases/${encodeURIComponent(id)}`),
  diagram: (id: string) => api.get<{ processId: string; version: number; xml: string }>(`/cases/${encodeURIComponent(id)}/diagram`),
  act: (id: string, action: string, body: Record<string, unknown>) =>
    api.post<CaseDetail>(`/cases/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, body),
  batch: (action: string, caseIds: string[], body: Record<string, unknown>) =>
    api.post<BatchOutcome>(`/cases/batch-actions/${encodeURIComponent(action)}`, { caseIds, body }),
};

/** What POST /cases/batch-actions/{action} answers: each case's outcome, a failed one with its problem. */
export interface BatchOutcome {
  succeeded: number;
  failed: number;
  results: Array<{ caseId: string; ok: boolean; status?: string; problem?: { status: number; title: string; detail?: string; field?: string } }>;
}

/** GET /approvals: a request waiting for the caller's decision, with its case and who asked why. */
export interface PendingApproval {
  request: string;
  task: InboxTask;
  case: {
    id: string;
    caseNumber: string | null;
    className: string | null;
    statusLabelZh: string | null;
    statusLabelEn: string | null;
    address: string | null;
    description: string | null;
    departmentId: string | null;
    deadline: string | null;
  };
  asked: { actorName: string | null; actorRole: string | null; comment: string | null; at: string; data: Record<string, unknown> } | null;
}

export const approvals = {
  list: async () => (await api.get<{ items: PendingApproval[] }>('/approvals')).items,
};

export const tasks = {
  // view=all: both mine and my groups', split on the page by assignee.
  list: () => api.get<{ items: InboxTask[]; total: number }>('/tasks?view=all'),
  claim: (key: string) => api.post<unknown>(`/tasks/${encodeURIComponent(key)}/claim`),
  unclaim: (key: string) => api.post<unknown>(`/tasks/${encodeURIComponent(key)}/unclaim`),
};

export const forms = {
  get: (formId: string) => api.get<FormSchema>(`/forms/${encodeURIComponent(formId)}`),
};

export const standards = {
  classes: async (kind: 'component' | 'event', q: string) =>
    (await api.get<{ items: ClassEntry[] }>(`/standards/classes${queryString({ scheme: 'gbt47678', kind, q })}`)).items,
};

export const processes = {
  xml: (processId: string, version: number) =>
    api.get<{ xml: string }>(`/processes/${encodeURIComponent(processId)}/versions/${version}`),
};

export interface ProcessVersion {
  version: number;
  resourceName: string;
  deployedAt: string;
  activeInstances: number;
  completedInstances: number;
  openIncidents: number;
}

export const processAdmin = {
  list: async () => (await api.get<{ items: Array<{ processId: string; versions: ProcessVersion[] }> }>('/processes')).items,
  deploy: (name: string, xml: string) => api.post<{ processId: string; version: number }>('/processes', { name, xml }),
};

/** GET /cases parameters in their JSON types, as a saved filter holds them (no paging). */
export type SavedQuery = Record<string, string | boolean | string[]>;

export interface SavedFilter {
  id: number;
  name: string;
  query: SavedQuery;
  /** 共享查询: the owner's colleagues see and apply it. */
  shared: boolean;
  mine: boolean;
  owner: { id: number; displayName: string };
  createdAt: string;
  updatedAt: string;
}

export const savedFilters = {
  list: async () => (await api.get<{ items: SavedFilter[] }>('/saved-filters')).items,
  create: (name: string, query: SavedQuery) => api.post<SavedFilter>('/saved-filters', { name, query }),
  change: (id: number, changes: { name?: string; query?: SavedQuery; shared?: boolean }) => api.patch<SavedFilter>(`/saved-filters/${id}`, changes),
  remove: (id: number) => api.delete(`/saved-filters/${id}`),
};
