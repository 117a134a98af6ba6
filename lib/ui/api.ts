/** The browser's side of the HTTP API: JSON in, JSON out, errors as ApiError with the API's code. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const STATUS_MESSAGES: Record<number, string> = {
  401: 'Your session has ended. Please sign in again.',
  429: 'Too many requests right now. Please retry in a moment.',
  503: 'The data engine is unavailable right now.',
  504: 'The query took too long. Try a shorter time range.',
};

/**
 * Answers this page holds, with their ETags, by request. Panels are POSTs, which the browser's HTTP
 * cache does not keep, so the client revalidates itself: it sends If-None-Match and, on 304,
 * hands React the answer it already has. Bounded: the oldest is forgotten first.
 */
const held = new Map<string, { etag: string; body: unknown }>();
const MAX_HELD = 200;

/** Where an embedded dashboard gets its embed token: the current one, or a new one after a 401. */
export type BearerSource = { current(): Promise<string>; renew(): Promise<string> };

let bearer: BearerSource | undefined;

/**
 * An embedded dashboard sends its embed token as `Authorization: Bearer` and no cookies; a 401 (an
 * expired token) asks for a new token once and repeats the request.
 */
export function setBearer(source: BearerSource | undefined): void {
  bearer = source;
}

type SendInit = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: string; signal?: AbortSignal; headers?: Record<string, string> };

/** One request with the page's credentials: the embed token when there is one (renewed once after a 401), else the cookie. */
async function send(path: string, init: SendInit): Promise<Response> {
  const attempt = (token: string | undefined) =>
    fetch(path, {
      method: init.method,
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: init.body,
      signal: init.signal,
      credentials: token ? 'omit' : 'same-origin',
    });
  try {
    const res = await attempt(await bearer?.current());
    return res.status === 401 && bearer ? await attempt(await bearer.renew()) : res;
  } catch (err) {
    if (init.signal?.aborted || err instanceof ApiError) throw err;
    throw new ApiError(0, 'network', 'Could not reach Pulseboard. Check your connection and retry.');
  }
}

/** The API's error body as an ApiError (a generic message by status when there is none). */
function apiError(status: number, answer: unknown): ApiError {
  const error = (answer as { error?: { code?: string; message?: string; path?: string } } | null)?.error;
  return new ApiError(status, error?.code ?? 'http_error', error?.message ?? STATUS_MESSAGES[status] ?? `The server answered ${status}.`, error?.path);
}

/** Opens an event stream (GET /api/stream), resuming after `lastEventId` when given. */
export function openEventStream(path: string, init: { lastEventId?: string; signal: AbortSignal }): Promise<Response> {
  return send(path, { method: 'GET', signal: init.signal, headers: { accept: 'text/event-stream', ...(init.lastEventId ? { 'last-event-id': init.lastEventId } : {}) } });
}

export async function apiFetch<T>(
  path: string,
  init: { method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: unknown; signal?: AbortSignal; ifMatch?: string } = {},
): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const key = `${method} ${path}\n${body ?? ''}`;
  const mine = held.get(key);
  const headers = { ...(mine ? { 'if-none-match': mine.etag } : {}), ...(init.ifMatch ? { 'if-match': init.ifMatch } : {}) };
  const res = await send(path, { method, body, signal: init.signal, headers });
  if (res.status === 304 && mine) {
    held.delete(key);
    held.set(key, mine);
    return mine.body as T;
  }
  const answer: unknown = await res.json().catch(() => null);
  if (res.ok) {
    const etag = res.headers.get('etag');
    held.delete(key);
    if (etag) {
      held.set(key, { etag, body: answer });
      if (held.size > MAX_HELD) held.delete(held.keys().next().value!);
    }
    return answer as T;
  }
  throw apiError(res.status, answer);
}

/** A file the API makes (POST /api/export): its bytes and the name the server gives it. */
export async function apiFile(path: string, body: unknown, signal?: AbortSignal): Promise<{ blob: Blob; name: string | undefined }> {
  const res = await send(path, { method: 'POST', body: JSON.stringify(body), signal });
  if (!res.ok) throw apiError(res.status, await res.json().catch(() => null));
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return { blob: await res.blob(), name };
}

export function isUnauthenticated(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}

/** Client errors will not go away by asking again; network blips and 5xx may. */
export function shouldRetry(failures: number, err: unknown): boolean {
  if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
  return failures < 2;
}
