import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { errorResponse } from '@/lib/api/handler';
import { RequestContext } from '@/lib/api/request-context';
import { checkOrigin, type Site } from '@/lib/api/site';
import { embedFrameAncestors } from '@/lib/runtime/embed';
import { getSite } from '@/lib/runtime/site';

/**
 * In front of everything Next.js serves (pages, API routes, 404s, static files): the security
 * headers, a fresh CSP nonce for each page (Next.js reads it from the request's CSP header and
 * puts it on its scripts), and the Origin check of state-changing API requests.
 * scripts/serve.mjs answers POST /api/query without Next.js; lib/api/query-endpoint.ts does the same there.
 */
export async function proxy(req: NextRequest): Promise<Response> {
  const site = getSite();
  const path = req.nextUrl.pathname;
  if (path.startsWith('/api/')) return apiRequest(req, site);
  if (path.startsWith('/_next/static/') || /\.\w+$/.test(path)) return withHeaders(NextResponse.next(), site.headers);
  const nonce = randomBytes(16).toString('base64');
  const headers = site.pageHeaders(nonce, await embedAncestors(path));
  const forward = new Headers(req.headers);
  forward.set('content-security-policy', headers['content-security-policy']!);
  return withHeaders(NextResponse.next({ request: { headers: forward } }), headers);
}

/**
 * /embed/<tenant>/<dashboard> may be framed by the tenant's allowed origins (none for a tenant that
 * does not embed); every other page keeps the deployment's frame-ancestors ('none' by default).
 */
async function embedAncestors(path: string): Promise<string | undefined> {
  const tenant = /^\/embed\/([^/]+)\//.exec(path)?.[1];
  if (tenant === undefined) return undefined;
  try {
    return await embedFrameAncestors(decodeURIComponent(tenant));
  } catch {
    return "'none'";
  }
}

function apiRequest(req: NextRequest, site: Site): Response {
  try {
    checkOrigin(site, req.method, req.headers.get('origin'), req.headers.get('host'));
  } catch (err) {
    const ctx = new RequestContext('origin', req.method, req.headers.get('x-request-id'));
    const res = errorResponse(err, ctx, site.headers);
    ctx.finish(res.status);
    return res;
  }
  return withHeaders(NextResponse.next(), site.headers);
}

function withHeaders(res: NextResponse, headers: Readonly<Record<string, string>>): NextResponse {
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  return res;
}
