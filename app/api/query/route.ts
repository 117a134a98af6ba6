import { undeclared } from '@/lib/api/methods';
import { serveQuery } from '@/lib/api/query-endpoint';
import { getRuntime } from '@/lib/runtime/runtime';
import { getSite } from '@/lib/runtime/site';

export const dynamic = 'force-dynamic';

/** Reached through `next dev` and tests; `npm start` sends these requests to serveQuery directly. */
export async function POST(req: Request): Promise<Response> {
  const h = (name: string) => req.headers.get(name) ?? undefined;
  const res = await serveQuery({
    cookie: h('cookie'),
    authorization: h('authorization'),
    contentType: h('content-type'),
    contentLength: h('content-length'),
    ifNoneMatch: h('if-none-match'),
    acceptEncoding: h('accept-encoding'),
    requestId: h('x-request-id'),
    origin: h('origin'),
    host: h('host'),
    body: req.body as AsyncIterable<Uint8Array> | null,
    signal: req.signal,
  }, getRuntime, getSite());
  return new Response(res.body && new Uint8Array(res.body), { status: res.status, headers: res.headers });
}

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = undeclared('query', '/api/query');
