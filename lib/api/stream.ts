import 'server-only';
import { answerScope, assertDashboard, type Principal } from '@/lib/auth/principal';
import { StreamParamsSchema } from '@/lib/contract/stream';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import { AppError, invalid, isAppError } from '@/lib/errors/app-error';
import { answerPanel, dashboardFor, freshness, type Answering } from '@/lib/service/service';
import type { StreamEvent, StreamHub, StreamSource } from '@/lib/service/stream-hub';
import { decodeView, encodeView, urlParameterFor } from '@/lib/view/codec';
import type { View } from '@/lib/view/schema';
import { parseQuery } from './handler';
import type { RequestContext } from './request-context';

/** Comments keep proxies from closing a quiet stream; browsers reconnect after `retry` ms. */
const HEARTBEAT_MS = 15_000;
const RETRY_MS = 2_000;
/**
 * A stream ends after this long and the browser reconnects (resuming from its last event): a
 * revoked session stops receiving within it; an embed token's stream ends when the token expires.
 */
const LIFETIME_MS = 5 * 60_000;

const encoder = new TextEncoder();
const frame = (e: StreamEvent) => encoder.encode(`id: ${e.id}\nevent: update\ndata: ${JSON.stringify({ updates: e.updates })}\n\n`);

/** `?dashboard=<id>&` + the view as the page URL writes it (lib/view/codec.ts); 400 at the parameter at fault. */
export function streamRequest(req: Request): { dashboard: string; view: View } {
  const { dashboard } = parseQuery(req, StreamParamsSchema);
  const params = new URL(req.url).searchParams;
  params.delete('dashboard');
  const decoded = decodeView(params, { tz: 'UTC' });
  if (!decoded.ok) throw invalid(decoded.error.message, decoded.error.path);
  return { dashboard, view: decoded.view };
}

/**
 * GET /api/stream: a dashboard's answers to a view as Server-Sent Events. The first event holds
 * every panel's answer (or, after a reconnect with Last-Event-ID, what was missed); each later one
 * what changed. One computation per (tenant, locked filters, view), shared by everyone watching.
 */
export async function serveStream(
  rt: Answering & { streams: StreamHub },
  principal: Principal,
  req: Request,
  ctx: RequestContext,
): Promise<Response> {
  const { dashboard: id, view } = streamRequest(req);
  ctx.note({ dashboard: id });
  assertDashboard(principal, id);
  const dashboard = await dashboardFor(rt, principal.tenant, id);
  const tenant = principal.tenant;
  const source = (): StreamSource => ({
    dataUntil: () => freshness(rt, dashboard.datasource as DatasourceId, tenant),
    answers: () =>
      Promise.all(
        dashboard.panels.map(async (p) => [p.id, (await answerPanel(rt, { tenant, locked: principal.locked, dashboard: id, panel: p.id, view })).response] as const),
      ),
  });

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = () => {};
  const close = () => {
    if (closed) return;
    closed = true;
    timers.forEach(clearInterval);
    unsubscribe();
    try {
      controller.close();
    } catch {
      // already closed by the client going away
    }
  };
  // A client gone between its last read and the abort reaching us must not throw in a timer.
  const send = (bytes: Uint8Array) => {
    if (closed) return;
    try {
      controller.enqueue(bytes);
    } catch {
      close();
    }
  };
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
      c.enqueue(encoder.encode(`retry: ${RETRY_MS}\n\n`));
    },
    cancel: close,
  });
  const key = `${answerScope(principal)}|${id}@${dashboard.version}|${encodeView(view)}`;
  try {
    unsubscribe = await rt.streams.subscribe(key, tenant, source, (e) => send(frame(e)), req.headers.get('last-event-id') ?? undefined);
  } catch (err) {
    // The view came as the query string: a fault in it is named by its parameter.
    throw isAppError(err) && err.path ? new AppError(err.code, err.message, urlParameterFor(err.path), err.retryAfterS) : err;
  }
  timers.push(setInterval(() => send(encoder.encode(': heartbeat\n\n')), HEARTBEAT_MS));
  timers.push(setTimeout(close, Math.max(0, Math.min(LIFETIME_MS, principal.kind === 'embed' ? principal.expiresAt - Date.now() : LIFETIME_MS))));
  req.signal.addEventListener('abort', close, { once: true });
  if (req.signal.aborted) close();
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform: nothing on the way (Next.js' compression included) may buffer the events.
      'cache-control': 'no-store, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
