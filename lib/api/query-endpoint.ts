import 'server-only';
import type { Auth } from '@/lib/auth/auth';
import { etagMatches, pickEncoding, Representation, type RepresentationCache } from '@/lib/cache/representations';
import { QueryRequestSchema } from '@/lib/contract/schemas';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import { answerPanel, type Answering } from '@/lib/service/service';
import { metrics } from '@/lib/metrics/registry';
import { asAppError, checkJsonHeaders, parseJson, readBody, recordRequest } from './handler';

/** POST /api/query as plain data, so the Next.js route and the Node.js front share one handler. */
export type RawRequest = {
  cookie: string | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
  ifNoneMatch: string | undefined;
  acceptEncoding: string | undefined;
  body: AsyncIterable<Uint8Array> | null;
  signal: AbortSignal;
};

export type RawResponse = { status: number; headers: Record<string, string>; body: Buffer | null };

/** The handler's parts, from the composition root (lib/runtime's getRuntime). */
export type QueryEndpointDeps = () => Promise<Answering & { representations: RepresentationCache; auth: Pick<Auth, 'userFromCookie'> }>;

/** How long a serialized answer is reused: meta.ageMs and meta.dataUntil are exact to this. */
const REUSE_MS = 1_000;

/** Where scripts/serve.mjs finds the handler once instrumentation.ts has published it. */
const QUERY_ENDPOINT = Symbol.for('pulseboard.serveQuery');

export function publishQueryEndpoint(deps: QueryEndpointDeps): void {
  (globalThis as Record<symbol, unknown>)[QUERY_ENDPOINT] = (req: RawRequest) => serveQuery(req, deps);
}

/**
 * The one handler of POST /api/query. A repeat of a body this tenant sent within the last
 * second is answered from its serialized, pre-compressed form (or 304 on a matching ETag)
 * after the same header and session checks as any other request.
 */
export async function serveQuery(req: RawRequest, deps: QueryEndpointDeps): Promise<RawResponse> {
  const started = performance.now();
  let res: RawResponse;
  try {
    res = await answer(req, deps);
  } catch (err) {
    if (req.signal.aborted) res = { status: 499, headers: {}, body: null };
    else {
      const error = asAppError(err, 'query');
      res = { status: error.status, headers: JSON_HEADERS, body: Buffer.from(JSON.stringify(error.toJSON())) };
    }
  }
  recordRequest('query', res.status, started);
  return res;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

async function answer(req: RawRequest, deps: QueryEndpointDeps): Promise<RawResponse> {
  checkJsonHeaders(req.contentType, req.contentLength);
  const rt = await deps();
  const user = await rt.auth.userFromCookie(req.cookie);
  const text = await readBody(req.body);
  const reuseKey = `${user.tenant}\n${text}`;
  const reused = rt.representations.get(reuseKey);
  // Replayed only while the tenant's data is where it was: newer data may move a live window.
  if (reused && (await rt.freshness.until(reused.basis.datasource as DatasourceId, user.tenant)) === reused.basis.dataUntil) {
    metrics().cacheRequests.inc({ result: 'hit' });
    return represent(reused, req);
  }
  const body = parseJson(text, QueryRequestSchema);
  const answered = await answerPanel(rt, { tenant: user.tenant, ...body, signal: req.signal });
  const rep = new Representation(Buffer.from(JSON.stringify(answered.response)), answered.version, answered.basis);
  // Only a hit is reused: its bytes then say "hit", as a fresh lookup would.
  if (answered.response.meta.cache === 'hit') rt.representations.set(reuseKey, rep, Math.min(REUSE_MS, answered.freshForMs));
  return represent(rep, req);
}

function represent(rep: Representation, req: RawRequest): RawResponse {
  if (etagMatches(req.ifNoneMatch, rep.etag)) return { status: 304, headers: { etag: rep.etag, 'cache-control': 'no-store' }, body: null };
  const encoding = pickEncoding(req.acceptEncoding, rep.identity.length);
  const headers: Record<string, string> = { ...JSON_HEADERS, etag: rep.etag, vary: 'accept-encoding' };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  return { status: 200, headers, body: rep.body(encoding) };
}
