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

export async function apiFetch<T>(
  path: string,
  init: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new ApiError(0, 'network', 'Could not reach Pulseboard. Check your connection and retry.');
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return body as T;
  const error = (body as { error?: { code?: string; message?: string; path?: string } } | null)?.error;
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
