import { i18n } from '../../i18n/index.ts';

/** The citizen page's calls: public endpoints, with the device id the anonymous limits count by. */
const base = '/api/v1/public';

function deviceId(): string {
  let id = localStorage.getItem('citycase.device');
  if (!id) {
    id = crypto.randomUUID().replaceAll('-', '');
    localStorage.setItem('citycase.device', id);
  }
  return id;
}

export class CitizenApiError extends Error {
  constructor(readonly status: number, detail: string) {
    super(detail);
  }
}

export async function citizenCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': i18n.global.locale.value, 'x-device-id': deviceId() };
  const raw = body instanceof FormData;
  if (body !== undefined && !raw) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: body === undefined || raw ? (body as FormData | undefined) : JSON.stringify(body) });
  const data = (await res.json().catch(() => ({}))) as T & { detail?: string };
  if (!res.ok) throw new CitizenApiError(res.status, data.detail ?? res.statusText);
  return data;
}
