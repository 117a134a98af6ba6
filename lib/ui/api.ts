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

/** A request with the embed token when there is one (asking for a new one once on a 401), else with the session cookie. */
async function authorizedFetch(path: string, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
  const send = (token: string | undefined) =>
    fetch(path, { ...init, headers: { ...init.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, credentials: token ? 'omit' : 'same-origin' });
  const res = await send(await bearer?.current());
  return res.status === 401 && bearer ? send(await bearer.renew()) : res;
}

/** Opens an event stream (GET /api/stream), resuming after `lastEventId` when given. */
export function openEventStream(path: string, init: { lastEventId?: string; signal: AbortSignal }): Promise<Response> {
  return authorizedFetch(path, { headers: { accept: 'text/event-stream', ...(init.lastEventId ? { 'last-event-id': init.lastEventId } : {}) }, signal: init.signal });
}

export async function apiFetch<T>(
  path: string,
  init: { method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: unknown; signal?: AbortSignal; ifMatch?: string } = {},
): Promise<T> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  const key = `${method} ${path}\n${body ?? ''}`;
  const mine = held.get(key);
  let res: Response;
  try {
    res = await authorizedFetch(path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(mine ? { 'if-none-match': mine.etag } : {}),
        ...(init.ifMatch ? { 'if-match': init.ifMatch } : {}),
      },
      body,
      signal: init.signal,
    });
  } catch (err) {
    if (init.signal?.aborted || err instanceof ApiError) throw err;
    throw new ApiError(0, 'network', 'Could not reach Pulseboard. Check your connection and retry.');
  }
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
  const error = (answer as { error?: { code?: string; message?: string; path?: string } } | null)?.error;
  throw new ApiError(
    res.status,
    error?.code ?? 'http_error',
    error?.message ?? STATUS_MESSAGES[res.status] ?? `The server answered ${res.status}.`,
    error?.path,
  );
}

export function isUnauthenticated(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}

/** Client errors will not go away by asking again; network blips and 5xx may. */
export function shouldRetry(failures: number, err: unknown): boolean {
  if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
  return failures < 2;
}
