import 'server-only';
import type { Auth } from '@/lib/auth/auth';
import { answerScope, assertDashboard } from '@/lib/auth/principal';
import { etagMatches, pickEncoding, Representation, type RepresentationCache } from '@/lib/cache/representations';
import { QueryRequestSchema } from '@/lib/contract/schemas';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import { metrics } from '@/lib/metrics/registry';
import { answerPanel, type Answering } from '@/lib/service/service';
import { JSON_HEADERS, checkJsonHeaders, errorReply, parseJson, readBody } from './handler';
import { RequestContext } from './request-context';
import { checkOrigin, type Site } from './site';

/** POST /api/query as plain data, so the Next.js route and the Node.js front share one handler. */
export type RawRequest = {
  cookie: string | undefined;
  /** `Bearer <embed token>`: then the cookie is not read. */
  authorization: string | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
  ifNoneMatch: string | undefined;
  acceptEncoding: string | undefined;
  /** The caller's x-request-id, kept when it is a plain token. */
  requestId: string | undefined;
  /** Origin and Host, for the cross-site check (lib/api/site.ts checkOrigin). */
  origin: string | undefined;
  host: string | undefined;
  body: AsyncIterable<Uint8Array> | null;
  signal: AbortSignal;
};

export type RawResponse = { status: number; headers: Record<string, string>; body: Buffer | null };

/** The handler's parts, from the composition root (lib/runtime's getRuntime). */
export type QueryEndpointDeps = () => Promise<Answering & { representations: RepresentationCache; auth: Pick<Auth, 'principal'> }>;

/** How long a serialized answer is reused: meta.ageMs and meta.dataUntil are exact to this. */
const REUSE_MS = 1_000;

/** Where scripts/serve.mjs finds the handler once instrumentation.ts has published it. */
const QUERY_ENDPOINT = Symbol.for('pulseboard.serveQuery');

export function publishQueryEndpoint(deps: QueryEndpointDeps, site: Site): void {
  (globalThis as Record<symbol, unknown>)[QUERY_ENDPOINT] = (req: RawRequest) => serveQuery(req, deps, site);
}

/**
 * The one handler of POST /api/query. A repeat of a body this tenant sent within the last
 * second is answered from its serialized, pre-compressed form (or 304 on a matching ETag)
 * after the same header and session checks as any other request.
 */
export async function serveQuery(req: RawRequest, deps: QueryEndpointDeps, site: Site): Promise<RawResponse> {
  const ctx = new RequestContext('query', 'POST', req.requestId);
  let res: RawResponse;
  try {
    checkOrigin(site, 'POST', req.origin, req.host);
    res = await answer(req, deps, ctx);
  } catch (err) {
    if (req.signal.aborted) res = { status: 499, headers: {}, body: null };
    else {
      const r = errorReply(err, ctx);
      res = { ...r, body: Buffer.from(r.body) };
    }
  }
  // The security headers come first: nothing of the answer's own can replace them.
  res.headers = { ...res.headers, ...site.headers, 'x-request-id': ctx.id };
  ctx.finish(res.status);
  return res;
}

async function answer(req: RawRequest, deps: QueryEndpointDeps, ctx: RequestContext): Promise<RawResponse> {
  checkJsonHeaders(req.contentType, req.contentLength);
  const rt = await deps();
  const principal = await rt.auth.principal({ authorization: req.authorization, cookie: req.cookie });
  const { tenant, locked } = principal;
  ctx.note({ tenant });
  const text = await readBody(req.body);
  // The same body answers differently under different locked filters: they are part of the key.
  const reuseKey = `${answerScope(principal)}\n${text}`;
  const reused = rt.representations.get(reuseKey);
  // Replayed only while the tenant's data is where it was: newer data may move a live window.
  if (reused && (await rt.freshness.until(reused.basis.datasource as DatasourceId, tenant)) === reused.basis.dataUntil) {
    // Only bodies that parsed are reused, so these two fields are there.
    const { dashboard, panel } = JSON.parse(text) as { dashboard: string; panel: string };
    assertDashboard(principal, dashboard);
    metrics().cacheRequests.inc({ result: 'hit' });
    ctx.note({ dashboard, panel, cache: 'hit' });
    return represent(reused, req);
  }
  const body = parseJson(text, QueryRequestSchema);
  ctx.note({ dashboard: body.dashboard, panel: body.panel });
  assertDashboard(principal, body.dashboard);
  const answered = await answerPanel(rt, { tenant, locked, ...body, signal: req.signal });
  const { cache, queryMs } = answered.response.meta;
  ctx.note({ cache, ...(cache === 'miss' ? { engineMs: queryMs } : {}) });
  // Only a hit is reused: its bytes then say "hit", as a fresh lookup would. A tenant's own
  // dashboard is not: an edit must never be answered from the bytes of its old definition.
  const make = () => new Representation(Buffer.from(JSON.stringify(answered.response)), answered.version, answered.basis);
  if (answered.response.meta.cache !== 'hit' || answered.tenantOwned) return represent(make(), req);
  // A hit on an entry another body (another spelling, another client) was answered from within
  // the second is written from the same bytes and compressed forms: serializing and compressing
  // cost more than the lookup. The version names the entry (tenant and bound view in its key).
  const rep = rt.representations.shared(`version\n${answered.version}`, reuseKey, Math.min(REUSE_MS, answered.freshForMs), make);
  return represent(rep, req);
}

/** The client may keep an answer but asks again each time, sending its ETag (lib/ui/api.ts). */
const REVALIDATE = 'private, no-cache';

function represent(rep: Representation, req: RawRequest): RawResponse {
  if (etagMatches(req.ifNoneMatch, rep.etag)) return { status: 304, headers: { etag: rep.etag, 'cache-control': REVALIDATE }, body: null };
  const encoding = pickEncoding(req.acceptEncoding, rep.identity.length);
  const headers: Record<string, string> = { ...JSON_HEADERS, 'cache-control': REVALIDATE, etag: rep.etag, vary: 'accept-encoding' };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  return { status: 200, headers, body: rep.body(encoding) };
}
