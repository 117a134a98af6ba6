import 'server-only';
import type { z } from 'zod';
import { metrics } from '@/lib/metrics/registry';
import { AppError, invalid, isAppError } from '@/lib/errors/app-error';

const MAX_BODY_BYTES = 64 * 1024;

type Handler = (req: Request) => Promise<Response>;

/**
 * Every API route goes through here: one place maps errors to JSON with a code and status,
 * counts and times requests, and makes sure no stack trace or engine message leaves.
 */
export function route(name: string, handler: Handler): Handler {
  return async (req) => {
    const started = performance.now();
    let res: Response;
    try {
      res = await handler(req);
    } catch (err) {
      // The client went away (its query was cancelled with it): nobody to answer, nothing to log.
      res = req.signal.aborted ? new Response(null, { status: 499 }) : errorResponse(err, name);
    }
    recordRequest(name, res.status, started);
    return res;
  };
}

export function recordRequest(routeName: string, status: number, startedAt: number): void {
  metrics().httpRequests.inc({ route: routeName, status: String(status) });
  metrics().httpSeconds.observe({ route: routeName }, (performance.now() - startedAt) / 1000);
}

export function errorResponse(err: unknown, routeName: string): Response {
  const appError = asAppError(err, routeName);
  const headers = appError.retryAfterS === undefined ? undefined : { 'retry-after': String(appError.retryAfterS) };
  return json(appError.toJSON(), { status: appError.status, headers });
}

/** Unknown failures become a plain 500 for the client; their details go to the log only. */
export function asAppError(err: unknown, routeName: string): AppError {
  if (isAppError(err)) return err;
  console.error(`[${routeName}] unexpected error`, err);
  return new AppError('internal', 'Something went wrong on our side.');
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', headers.get('cache-control') ?? 'no-store');
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** Reads a bounded JSON body and validates it; any failure is a 4xx with the offending path. */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  checkJsonHeaders(req.headers.get('content-type'), req.headers.get('content-length'));
  return parseJson(await readBody(req.body as AsyncIterable<Uint8Array> | null), schema);
}

/** The request headers' part of parseBody, checked before any of the body is read. */
export function checkJsonHeaders(contentType: string | null | undefined, contentLength: string | null | undefined): void {
  if (!/^application\/json\b/i.test(contentType ?? '')) throw new AppError('unsupported_media_type', 'Send the body as application/json.');
  if (Number(contentLength ?? 0) > MAX_BODY_BYTES) throw new AppError('payload_too_large', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
}

export function parseJson<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid('The body is not valid JSON.');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // An unknown key is named in the path itself, so a typo is easy to spot.
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
    throw invalid(issue.message, path.map(String).join('.') || undefined);
  }
  return parsed.data;
}

/** Reads a web or Node.js body stream, stopping at the size limit. */
export async function readBody(body: AsyncIterable<Uint8Array> | null): Promise<string> {
  if (!body) return '';
  const parts: Uint8Array[] = [];
  let size = 0;
  // Iterated by hand: leaving a for-await early would destroy a Node.js request, and with it
  // the socket the 413 answer has to go out on. The server discards what is left unread.
  const chunks = body[Symbol.asyncIterator]();
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    size += next.value.byteLength;
    if (size > MAX_BODY_BYTES) throw new AppError('payload_too_large', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
    parts.push(next.value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(parts));
  } catch {
    throw invalid('The body is not valid UTF-8.');
  }
}
