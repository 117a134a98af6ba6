// The production server: Next.js for pages and most routes, with POST /api/query handed straight
// to the app's own handler (lib/api/query-endpoint.ts, published by instrumentation.ts). Next.js
// routing costs more than a cached answer, and panels ask for cached answers most of the time.
import { createServer } from 'node:http';
import next from 'next';

const QUERY_ENDPOINT = Symbol.for('pulseboard.serveQuery');

export async function serve({ port }) {
  const app = next({ dev: false, dir: process.cwd() });
  const nextHandler = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    // The one client address nobody can forge (lib/auth/client-address.ts reads it): always overwritten.
    req.headers['x-pulse-peer-address'] = req.socket.remoteAddress ?? '';
    const serveQuery = globalThis[QUERY_ENDPOINT];
    // Until start-up has published the handler, Next.js routes the request to the same handler.
    if (serveQuery && req.method === 'POST' && req.url?.split('?')[0] === '/api/query') return answerQuery(serveQuery, req, res);
    nextHandler(req, res);
  });
  // Dashboards refresh every 10 s: idle connections stay open past that, so a refresh never
  // races the server closing the socket it reuses (Node's default closes after 5 s).
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve) => server.listen(Number(port), resolve));
  console.log(`[pulseboard] listening on http://localhost:${port}`);
  return server;
}

function answerQuery(serveQuery, req, res) {
  const client = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) client.abort();
  });
  serveQuery({
    cookie: req.headers.cookie,
    contentType: req.headers['content-type'],
    contentLength: req.headers['content-length'],
    ifNoneMatch: req.headers['if-none-match'],
    acceptEncoding: req.headers['accept-encoding'],
    body: req,
    signal: client.signal,
  }).then(
    (answer) => res.writeHead(answer.status, answer.headers).end(answer.body ?? undefined),
    () => res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"internal","message":"Something went wrong on our side."}}'),
  );
}
