import 'server-only';
import type { z } from 'zod';
import type { User } from '@/lib/auth/users';
import { AppError, ERROR_STATUS, RETRY_AFTER_S, invalid, invalidFromIssues, isAppError } from '@/lib/errors/app-error';
import { logger } from '@/lib/metrics/log';
import { RequestContext } from './request-context';

export const MAX_BODY_BYTES = 64 * 1024;

type Handler = (req: Request, ctx: RequestContext) => Promise<Response>;

/**
 * Every API route goes through here: one place maps errors to JSON with a code, status and the
 * request id, logs and times the request, and makes sure no stack trace or engine message leaves.
 */
export function route(name: string, handler: Handler): (req: Request) => Promise<Response> {
  return async (req) => {
    const ctx = new RequestContext(name, req.method, req.headers.get('x-request-id'));
    let res: Response;
    try {
      res = await handler(req, ctx);
    } catch (err) {
      // The client went away (its query was cancelled with it): nobody to answer.
      res = req.signal.aborted ? new Response(null, { status: 499 }) : errorResponse(err, ctx);
    }
    res.headers.set('x-request-id', ctx.id);
    ctx.finish(res.status);
    return res;
  };
}

/** The signed-in user or embed principal (verified by the route, lib/runtime/session.ts), named on the request's log line. */
export function signedIn<T extends Pick<User, 'tenant'>>(who: T, ctx: RequestContext): T {
  ctx.note({ tenant: who.tenant });
  return who;
}

export type ErrorReply = { status: number; headers: Record<string, string>; body: string };

/** The one error answer: `{error: {code, message, path?, requestId}}`, Retry-After on 429 and 503. */
export function errorReply(err: unknown, ctx: RequestContext, headers: Record<string, string> = {}): ErrorReply {
  const e = asAppError(err, ctx);
  const retryAfter = e.retryAfterS ?? RETRY_AFTER_S[e.code];
  return {
    status: ERROR_STATUS[e.code],
    headers: { ...JSON_HEADERS, ...(retryAfter ? { 'retry-after': String(retryAfter) } : {}), ...headers, 'x-request-id': ctx.id },
    body: JSON.stringify({ error: { code: e.code, message: e.message, ...(e.path ? { path: e.path } : {}), requestId: ctx.id } }),
  };
}

export function errorResponse(err: unknown, ctx: RequestContext, headers?: Record<string, string>): Response {
  const r = errorReply(err, ctx, headers);
  return new Response(r.body, { status: r.status, headers: r.headers });
}

/** Unknown failures become a plain 500 for the client; their details go to the log only. */
function asAppError(err: unknown, ctx: RequestContext): AppError {
  if (isAppError(err)) return err;
  logger().error({ err, requestId: ctx.id, route: ctx.route }, 'unexpected error');
  return new AppError('internal', 'Something went wrong on our side.');
}

export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } as const;

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', JSON_HEADERS['content-type']);
  headers.set('cache-control', headers.get('cache-control') ?? JSON_HEADERS['cache-control']);
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** Reads a bounded JSON body and validates it; any failure is a 4xx with the offending path. */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  checkJsonHeaders(req.headers.get('content-type'), req.headers.get('content-length'));
  return parseJson(await readBody(req.body as AsyncIterable<Uint8Array> | null), schema);
}

/**
 * JSON exactly: `application/json`, optionally with `charset=utf-8` (the one encoding JSON has),
 * case-insensitive, spaces around the `;` allowed. `application/jsonx`, `application/json-patch+json`
 * and any other parameter are not ours to guess at.
 */
const JSON_MEDIA_TYPE = /^application\/json[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*(?:utf-8|"utf-8")[ \t]*)?$/i;

/** The request headers' part of parseBody, checked before any of the body is read. */
export function checkJsonHeaders(contentType: string | null | undefined, contentLength: string | null | undefined): void {
  if (!JSON_MEDIA_TYPE.test(contentType ?? '')) throw new AppError('unsupported_media_type', 'Send the body as application/json (charset utf-8, if any).');
  if (Number(contentLength ?? 0) > MAX_BODY_BYTES) throw new AppError('payload_too_large', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
}

export function parseJson<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid('The body is not valid JSON.');
  }
  return validate(data, schema);
}

/** The URL's query parameters (each given once), validated; errors name the parameter. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  return validate(Object.fromEntries(new URL(req.url).searchParams), schema);
}

function validate<S extends z.ZodType>(data: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
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
