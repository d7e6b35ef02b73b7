import type { ComponentState, StaffComponent } from '../../../core/components/component-view.ts';
import type { ImportResult, RowError } from '../../../core/components/import-components.ts';
import type { CoordinateSystem } from '../../../core/grids/coordinates.ts';
import type { ManagedWaterloggingPoint } from '../../../core/public-services/waterlogging-points.ts';
import type { PointKind } from '../../../core/public-services/waterlogging.ts';
import type { SchemeId } from '../../../core/ports/standards.ts';
import { i18n } from '../i18n/index.ts';
import { api, ApiError, fetchBlob, request } from './client.ts';
import { session } from './session.ts';

export type { ComponentState, ImportResult, ManagedWaterloggingPoint, PointKind, RowError, StaffComponent };

export interface ComponentFilter {
  street?: string;
  community?: string;
  grid?: string;
  classCode?: string;
  state?: ComponentState;
  q?: string;
}

export interface ComponentPage {
  items: StaffComponent[];
  total: number;
  limit: number;
  offset: number;
}

/** Only the filters that are set: the API refuses an empty street code as a malformed one. */
const queryOf = (values: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '').map(([k, v]) => [k, String(v)]));

/** A rejected import: the problem, and each bad row the API listed (the first 200 of errorCount). */
export class ImportRejected extends ApiError {
  constructor(
    problem: ApiError,
    readonly rows: RowError[],
    readonly errorCount: number,
  ) {
    super(problem.status, problem.title, problem.detail, problem.field);
  }
}

export type ImportEncoding = 'utf-8' | 'gb18030';

export interface ImportOptions {
  scheme: SchemeId;
  crs: CoordinateSystem;
  /** Of a CSV file: Excel in Chinese saves CSV as GBK (GB18030 reads it). */
  encoding: ImportEncoding;
}

const contentTypeOf = (file: File, encoding: ImportEncoding) =>
  /\.csv$/i.test(file.name) || file.type === 'text/csv' ? `text/csv; charset=${encoding}` : 'application/geo+json';

/**
 * Sends the file's own bytes, which the client's `request` cannot (it sends JSON or a multipart form), so that the
 * API numbers CSV lines as the file has them; a 422 lists the bad rows in an extension member ApiError does not keep.
 */
async function postInventoryFile(file: File, options: ImportOptions): Promise<ImportResult> {
  const path = `/api/v1/components/import?${queryOf({ scheme: options.scheme, crs: options.crs })}`;
  const post = () =>
    fetch(path, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'accept-language': i18n.global.locale.value,
        'content-type': contentTypeOf(file, options.encoding),
        authorization: `Bearer ${session.value?.accessToken ?? ''}`,
      },
      body: file,
    });
  let res: Response;
  try {
    res = await post();
    // An expired access token: any request through the client renews the session (sharing one refresh with the
    // rest of the page), and the file is sent again with the new token.
    if (res.status === 401) {
      await api.get('/me');
      res = await post();
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, 'Network error', (error as Error).message);
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.ok) return body as unknown as ImportResult;
  const problem = new ApiError(res.status, String(body.title ?? res.statusText), String(body.detail ?? ''), body.field as string | undefined);
  const rows = Array.isArray(body.errors) ? (body.errors as RowError[]) : [];
  throw new ImportRejected(problem, rows, Number(body.errorCount ?? rows.length));
}

export const components = {
  list: (filter: ComponentFilter, page: { limit: number; offset: number }) => api.get<ComponentPage>(`/components?${queryOf({ ...filter, ...page })}`),
  import: postInventoryFile,
  /** The printable sheet (HTML) of one street's or community's QR codes; 422 when there are too many for one sheet. */
  qrSheet: (where: { street: string; community?: string; classCode?: string }) => fetchBlob(`/components/qr-sheet?${queryOf(where)}`),
  /** Public images (the QR codes point to the public report page), so a plain link opens them. */
  qrUrl: (code: string, format: 'png' | 'svg') => `/api/v1/public/components/${encodeURIComponent(code)}/qr.${format}`,
};

export interface WaterloggingPointInput {
  nameZh: string;
  kind: PointKind;
  address: string | null;
  location: { lng: number; lat: number; crs: CoordinateSystem };
  sensorId: string | null;
  waterloggedDepthCm: number;
  severeDepthCm: number;
  maxReadingAgeMinutes: number;
}

export const waterloggingPoints = {
  list: async () => (await api.get<{ items: ManagedWaterloggingPoint[] }>('/waterlogging-points')).items,
  create: (input: WaterloggingPointInput & { code: string }) => api.post<ManagedWaterloggingPoint>('/waterlogging-points', input),
  replace: (code: string, input: WaterloggingPointInput) => request<ManagedWaterloggingPoint>('PUT', `/waterlogging-points/${encodeURIComponent(code)}`, input),
  remove: (code: string, force: boolean) => api.delete(`/waterlogging-points/${encodeURIComponent(code)}${force ? '?force=true' : ''}`),
};
