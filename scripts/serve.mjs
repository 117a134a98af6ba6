// The production server: Next.js for pages and most routes, with POST /api/query handed straight
// to the app's own handler (lib/api/query-endpoint.ts, published by instrumentation.ts). Next.js
// routing costs more than a cached answer, and panels ask for cached answers most of the time.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import next from 'next';
import { answerTransportError, responseHeaders } from './transport-errors.mjs';

const QUERY_ENDPOINT = Symbol.for('pulseboard.serveQuery');
/** lib/runtime/shutdown.ts: drain (readiness 503) and close the runtime. */
const SHUTDOWN = Symbol.for('pulseboard.shutDown');
/** In-flight requests get this long to finish once the server stops taking new ones; open event streams are cut then (they reconnect elsewhere). */
const FINISH_MS = 5_000;
const UNROUTED = Symbol.for('pulseboard.answerUnrouted');
/** The methods Next.js routes to a route file's exports (lib/api/methods.ts ROUTED_METHODS). */
const ROUTED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

export async function serve({ port }) {
  const app = next({ dev: false, dir: process.cwd() });
  const nextHandler = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    // The one client address nobody can forge (lib/auth/client-address.ts reads it): always overwritten.
    req.headers['x-pulse-peer-address'] = req.socket.remoteAddress ?? '';
    const path = req.url?.split('?')[0] ?? '';
    const serveQuery = globalThis[QUERY_ENDPOINT];
    // Until start-up has published the handler, Next.js routes the request to the same handler.
    if (serveQuery && req.method === 'POST' && path === '/api/query') return answerQuery(serveQuery, req, res);
    // Next.js answers TRACE, QUERY and other methods it does not route with a plain-text 500 or 400.
    if (path.startsWith('/api/') && !ROUTED_METHODS.has(req.method)) return answerUnrouted(req, res, path);
    nextHandler(req, res);
  });
  // Dashboards refresh every 10 s: idle connections stay open past that, so a refresh never
  // races the server closing the socket it reuses (Node's default closes after 5 s).
  server.keepAliveTimeout = 65_000;
  server.on('clientError', answerTransportError);
  await new Promise((resolve) => server.listen(Number(port), resolve));
  console.log(`[pulseboard] listening on http://localhost:${port}`);
  stopOnSignals(server);
  return server;
}

/**
 * SIGTERM or SIGINT: answer not-ready for PULSE_DRAIN_MS (load balancers move away), stop taking
 * requests, let those under way finish, then stop background work and close the database. A
 * second signal, or a stop that hangs, exits at once.
 */
function stopOnSignals(server) {
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) process.exit(1);
    stopping = true;
    const hooks = globalThis[SHUTDOWN];
    const drainMs = hooks?.drainMs ?? 0;
    setTimeout(() => process.exit(1), drainMs + FINISH_MS + 15_000).unref();
    console.log(`[pulseboard] ${signal}: stopping${drainMs ? ` after ${drainMs} ms of draining` : ''}`);
    hooks?.drain();
    await new Promise((resolve) => setTimeout(resolve, drainMs));
    await new Promise((resolve) => {
      server.close(resolve);
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), FINISH_MS).unref();
    });
    await hooks?.close().catch((err) => console.error(`[pulseboard] closing: ${err.message}`));
    console.log('[pulseboard] stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function answerQuery(serveQuery, req, res) {
  const client = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) client.abort();
  });
  serveQuery({
    cookie: req.headers.cookie,
    authorization: req.headers.authorization,
    contentType: req.headers['content-type'],
    contentLength: req.headers['content-length'],
    ifNoneMatch: req.headers['if-none-match'],
    acceptEncoding: req.headers['accept-encoding'],
    requestId: req.headers['x-request-id'],
    origin: req.headers.origin,
    host: req.headers.host,
    body: req,
    signal: client.signal,
  }).then(
    (answer) => res.writeHead(answer.status, answer.headers).end(answer.body ?? undefined),
    () => sendError(res, 500, 'internal', 'Something went wrong on our side.'),
  );
}

function answerUnrouted(req, res, path) {
  const answer = globalThis[UNROUTED];
  if (!answer) return sendError(res, 503, 'engine_unavailable', 'Pulseboard is starting. Please retry shortly.', { 'retry-after': '1' });
  req.resume();
  const r = answer(req.method, path, req.headers['x-request-id']);
  res.writeHead(r.status, r.headers).end(r.body);
}

function sendError(res, status, code, message, headers = {}) {
  const requestId = randomUUID();
  res.writeHead(status, { ...responseHeaders(), 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-request-id': requestId, ...headers });
  res.end(JSON.stringify({ error: { code, message, requestId } }));
}
