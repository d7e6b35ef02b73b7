import { i18n } from '../i18n/index.ts';
import { saveSession, session, storedRefreshToken, type Session } from './session.ts';

const base = '/api/v1';

/** An RFC 9457 problem from the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail || title);
  }
}

let onSignedOut: () => void = () => {};

/** What to do when the session ends under a request (the router sends the user to the login page). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

async function send(method: string, path: string, body: unknown, token: string | undefined): Promise<Response> {
  // Problems come back in the language the screen is in, not the browser's.
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': i18n.global.locale.value };
  if (token) headers.authorization = `Bearer ${token}`;
  // A FormData body sets its own multipart content type, boundary included.
  const raw = body instanceof FormData;
  if (body !== undefined && !raw) headers['content-type'] = 'application/json';
  try {
    return await fetch(base + path, { method, headers, body: body === undefined || raw ? (body as FormData | undefined) : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, 'Network error', (error as Error).message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  const data: unknown = text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined;
  if (res.ok) return data as T;
  const problem = (data ?? {}) as { title?: string; detail?: string; field?: string };
  throw new ApiError(res.status, problem.title ?? res.statusText, problem.detail ?? '', problem.field);
}

let refreshing: Promise<Session | null> | null = null;

async function refreshSession(spent: string): Promise<Session | null> {
  const res = await send('POST', '/auth/refresh', { refreshToken: spent }, undefined);
  if (res.ok) return parse<Session>(res);
  // Refresh tokens work once: if another tab rotated ours first, its new session is in storage.
  const stored = storedRefreshToken();
  if (stored && stored !== spent) return session.value;
  return null;
}

/** Refresh tokens rotate, so concurrent 401s must share one refresh instead of each spending the token. */
function renewSession(): Promise<Session | null> {
  const spent = storedRefreshToken();
  if (!spent) return Promise.resolve(null);
  refreshing ??= refreshSession(spent)
    .then((next) => {
      saveSession(next);
      if (!next) onSignedOut();
      return next;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function authorised(method: string, path: string, body?: unknown): Promise<Response> {
  const res = await send(method, path, body, session.value?.accessToken);
  if (res.status === 401 && session.value && !path.startsWith('/auth/')) {
    const renewed = await renewSession();
    if (renewed) return send(method, path, body, renewed.accessToken);
  }
  return res;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  return parse<T>(await authorised(method, path, body));
}

/** A file the API answers with (a CSV export, a photo), fetched with the session's token. */
export async function fetchBlob(path: string): Promise<Blob> {
  const res = await authorised('GET', path);
  if (!res.ok) await parse(res);
  return res.blob();
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
  upload: <T>(path: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<T>('POST', path, form);
  },
};

export async function signIn(username: string, password: string): Promise<Session> {
  const next = await request<Session>('POST', '/auth/login', { username, password });
  saveSession(next);
  return next;
}

export async function signOut(): Promise<void> {
  const refreshToken = storedRefreshToken();
  saveSession(null);
  // The local session is gone either way; revoking the refresh token is best effort (the server may be down).
  if (refreshToken) await request('POST', '/auth/logout', { refreshToken }).catch(() => undefined);
}
