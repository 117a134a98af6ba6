import 'server-only';
import { AppError } from '@/lib/errors/app-error';
import { errorReply, errorResponse, route } from './handler';
import { openApiDocument, type ApiPath } from './openapi';
import type { RawResponse } from './query-endpoint';
import { RequestContext } from './request-context';
import type { Site } from './site';

/** The methods Next.js routes to a route file's exports; it answers any other with its own 400/500. */
export const ROUTED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;
export type RoutedMethod = (typeof ROUTED_METHODS)[number];

const UNDECLARED = Symbol.for('pulseboard.undeclaredMethod');

/** What a documented path answers, as sent in Allow: its operations, and HEAD wherever GET is. */
export function allowedMethods(path: ApiPath): string[] {
  const methods = Object.keys(openApiDocument().paths[path]).map((m) => m.toUpperCase());
  return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
}

function notAllowed(method: string, path: ApiPath): AppError {
  return new AppError('method_not_allowed', `${method} is not allowed here; use ${allowedMethods(path).join(', ')}.`);
}

/**
 * A JSON 405 with Allow for every routed method the document does not declare on `path`; a route
 * file exports the ones it does not handle itself (`export const { PUT, PATCH } = undeclared(...)`).
 * Next.js would answer them itself, without a body or an Allow header.
 */
export function undeclared(name: string, path: ApiPath): Record<RoutedMethod, (req: Request) => Promise<Response>> {
  const handler = Object.assign(
    route(name, async (req, ctx) => errorResponse(notAllowed(req.method, path), ctx, { allow: allowedMethods(path).join(', ') })),
    { [UNDECLARED]: true },
  );
  return Object.fromEntries(ROUTED_METHODS.map((m) => [m, handler])) as Record<RoutedMethod, typeof handler>;
}

export function isUndeclaredHandler(fn: unknown): boolean {
  return typeof fn === 'function' && UNDECLARED in fn;
}

/** The documented path a request path falls under, if any. */
export function documentedPath(pathname: string): ApiPath | undefined {
  return (Object.keys(openApiDocument().paths) as ApiPath[]).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+').replaceAll('.', '\\.')}$`).test(pathname));
}

/**
 * For the Node.js front (scripts/serve.mjs): an /api request whose method Next.js does not route
 * (TRACE, QUERY, …) is 405 with Allow on a documented path, 404 elsewhere, in the API's own format.
 */
export function answerUnrouted(method: string, pathname: string, requestId: string | undefined, site: Pick<Site, 'headers'>): RawResponse {
  const path = documentedPath(pathname);
  const ctx = new RequestContext(path ?? 'unknown', method, requestId);
  const r = path
    ? errorReply(notAllowed(method, path), ctx, { ...site.headers, allow: allowedMethods(path).join(', ') })
    : errorReply(new AppError('not_found', 'There is no such API endpoint.'), ctx, site.headers);
  ctx.finish(r.status);
  return { status: r.status, headers: r.headers, body: Buffer.from(r.body) };
}

const UNROUTED = Symbol.for('pulseboard.answerUnrouted');
/** The headers scripts/serve.mjs puts on the answers it writes itself (its own 500, 503, transport errors). */
const RESPONSE_HEADERS = Symbol.for('pulseboard.responseHeaders');

/** Called from instrumentation.ts, like publishQueryEndpoint. */
export function publishUnrouted(site: Pick<Site, 'headers'>): void {
  const g = globalThis as Record<symbol, unknown>;
  g[UNROUTED] = (method: string, pathname: string, requestId: string | undefined) => answerUnrouted(method, pathname, requestId, site);
  g[RESPONSE_HEADERS] = site.headers;
}
