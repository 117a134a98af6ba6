import 'server-only';
import type { z } from 'zod';
import { metrics } from '@/lib/server/metrics';
import { AppError, invalid } from './errors';

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
    metrics().httpRequests.inc({ route: name, status: String(res.status) });
    metrics().httpSeconds.observe({ route: name }, (performance.now() - started) / 1000);
    return res;
  };
}

export function errorResponse(err: unknown, routeName: string): Response {
  const appError = err instanceof AppError ? err : new AppError('internal', 'Something went wrong on our side.');
  if (!(err instanceof AppError)) console.error(`[${routeName}] unexpected error`, err);
  return json(appError.toJSON(), { status: appError.status });
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', headers.get('cache-control') ?? 'no-store');
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** Reads a bounded JSON body and validates it; any failure is a 4xx with the offending path. */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new AppError('unsupported_media_type', 'Send the body as application/json.');
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new AppError('payload_too_large', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
  const text = await readLimited(req);
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

async function readLimited(req: Request): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new AppError('payload_too_large', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw invalid('The body is not valid UTF-8.');
  }
}
