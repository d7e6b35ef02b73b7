import type { Area, AreaKind } from '../../../core/grids/areas.ts';
import { api } from './client.ts';

export type { Area, AreaKind };

export const areas = {
  find: (query: { kind: AreaKind; parentId?: string; q?: string }) => {
    const params = new URLSearchParams({ kind: query.kind, ...(query.parentId ? { parentId: query.parentId } : {}), ...(query.q ? { q: query.q } : {}) });
    return api.get<{ items: Area[] }>(`/areas?${params}`).then((result) => result.items);
  },
};
