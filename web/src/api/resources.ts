import type { ReviewerKind } from '../../../core/identity/roles.ts';
import type { DispatchRule } from '../../../core/dispatch/dispatch-rule.ts';
import type { ClassKind, MajorClass, SchemeId } from '../../../core/ports/standards.ts';
import type { FeatureCollection, Geometry } from 'geojson';
import { api } from './client.ts';
import type { ClassEntry } from './cases.ts';
import type { Role } from './session.ts';
import type { ApiKeyChannel, DepartmentType } from './vocabulary.ts';

export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  departmentId?: string;
  gridCodes?: string[];
  reviewerKind?: ReviewerKind;
  active: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  departmentId: string | null;
  gridCodes: string[];
  reviewerKind: ReviewerKind | null;
}

export type UserChanges = Partial<Omit<NewUser, 'username'> & { active: boolean }>;


export interface Department {
  id: string;
  nameZh: string;
  nameEn: string | null;
  type: DepartmentType;
  parentId: string | null;
  districtId: string | null;
  phone: string | null;
  active: boolean;
}


export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  channel: ApiKeyChannel;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export type GridKind = 'unit' | 'responsibility';

export interface GridProperties {
  code: string;
  nameZh: string | null;
  areaGrade?: 'A' | 'B' | 'C';
  communityId?: string;
  areaM2?: number | null;
  departmentId?: string | null;
}

export type GridCollection = FeatureCollection<Geometry, GridProperties>;

export interface GridPlace {
  gridCode: string;
  gridName: string | null;
  areaGrade: string;
  communityName: string | null;
  streetName: string | null;
  districtName: string | null;
  responsibilityGrids: Array<{ code: string; nameZh: string; departmentId: string | null }>;
  wgs84: { lng: number; lat: number };
}

export const users = {
  list: async () => (await api.get<{ items: User[] }>('/users')).items,
  create: (input: NewUser) => api.post<User>('/users', input),
  update: (id: number, changes: UserChanges) => api.patch<User>(`/users/${id}`, changes),
};

export const departments = {
  list: async () => (await api.get<{ items: Department[] }>('/departments')).items,
  create: (input: Department) => api.post<Department>('/departments', input),
  update: (id: string, changes: Partial<Omit<Department, 'id'>>) => api.patch<Department>(`/departments/${encodeURIComponent(id)}`, changes),
};

export const apiKeys = {
  list: async () => (await api.get<{ items: ApiKey[] }>('/api-keys')).items,
  create: (input: { name: string; channel: ApiKeyChannel }) => api.post<ApiKey & { key: string }>('/api-keys', input),
  revoke: (id: number) => api.delete(`/api-keys/${id}`),
};

export const grids = {
  list: (kind: GridKind) => api.get<GridCollection>(`/grids?kind=${kind}`),
  locate: (lng: number, lat: number) => api.get<GridPlace>(`/grids/locate?lng=${lng}&lat=${lat}&crs=WGS84`),
  import: (kind: GridKind, collection: unknown) => api.post<{ kind: GridKind; imported: number }>(`/grids/import?kind=${kind}`, collection),
};

/** Class catalogue of one scheme and kind: the shape GET /standards/classes answers, majors included. */
export interface ClassCatalogue {
  majors: MajorClass[];
  items: ClassEntry[];
}

export const classCatalogue = {
  // Disabled classes are asked for too: a rule may still name one the city switched off, and the table must name it.
  list: (scheme: SchemeId, kind: ClassKind, q = '') =>
    api.get<ClassCatalogue>(`/standards/classes?${new URLSearchParams({ scheme, kind, q, includeDisabled: 'true' })}`),
};

/** A rule as the admin API takes it: the id is generated when left out; `source` is the server's to set. */
/** The department the most specific matching rule names (null when none matches or the best ones disagree). */
export interface DispatchSuggestion {
  departmentId: string | null;
  autoDispatch: boolean;
  rule: DispatchRule | null;
  candidates: DispatchRule[];
}

export type DispatchRuleInput = Omit<DispatchRule, 'id' | 'source'> & { id?: string };

export const dispatchRules = {
  list: async () => (await api.get<{ items: DispatchRule[] }>('/dispatch-rules')).items,
  create: (input: DispatchRuleInput) => api.post<DispatchRule>('/dispatch-rules', input),
  update: (id: string, changes: Omit<DispatchRuleInput, 'id'>) => api.patch<DispatchRule>(`/dispatch-rules/${encodeURIComponent(id)}`, changes),
  remove: (id: string) => api.delete(`/dispatch-rules/${encodeURIComponent(id)}`),
  /** What the rules would do with a case of this class in this unit grid. */
  suggest: ({ gridCode, ...query }: { classScheme: SchemeId; classKind: ClassKind; classCode: string; gridCode?: string }) =>
    api.get<DispatchSuggestion>(`/dispatch-rules/suggest?${new URLSearchParams({ ...query, ...(gridCode ? { gridCode } : {}) })}`),
};
