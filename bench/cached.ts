// cached: throughput of a cache-hit POST /api/query (real session, real view) through the app
// versus a bare node:http server returning the same bytes, both driven by autocannon on
// loopback with the same connections and duration, in the same run. Needs `next build` first.
import autocannon from 'autocannon';
import { createServer, request, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { report, round } from './report';
import { login, startApp } from './server';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

// A small top-N answer, and a 7-day hourly series split by broker that is sent compressed.
const CASES = [
  { name: 'cached', panel: 'top_topics', view: { range: { last: 'P1D' }, tz: 'UTC' } },
  { name: 'cached-series', panel: 'latency', view: { range: { last: 'P7D' }, tz: 'UTC', grain: 'PT1H' } },
];

const app = await startApp(3311);
try {
  const cookie = await login(app.url);
  // What a browser sends: the session cookie and the encodings it accepts.
  const headers = { 'content-type': 'application/json', cookie, 'accept-encoding': 'gzip, deflate, br, zstd' };
  const run = (url: string, body: string) =>
    autocannon({ url, method: 'POST', headers, body, connections: CONNECTIONS, duration: DURATION }) as Promise<autocannon.Result>;

  for (const c of CASES) {
    const body = JSON.stringify({ dashboard: 'cluster-overview', panel: c.panel, view: c.view });
    await capture(`${app.url}/api/query`, headers, body); // miss
    const warm = await capture(`${app.url}/api/query`, headers, body); // hit: the bytes every later request gets
    if (warm.status !== 200) throw new Error(`warm-up of ${c.panel} answered ${warm.status}`);

    const bare = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, warm.headers).end(warm.body));
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    const bareResult = await run(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/api/query`, body);
    bare.close();
    const appResult = await run(`${app.url}/api/query`, body);
    if (appResult.non2xx > 0) throw new Error(`${appResult.non2xx} non-2xx answers from the app`);

    report({
      name: c.name,
      figure: round(appResult.requests.average),
      baseline: round(bareResult.requests.average),
      unit: `requests/s (cache hit, POST /api/query ${c.panel})`,
      better: 'higher',
      notes: {
        connections: CONNECTIONS,
        seconds: DURATION,
        bodyBytes: warm.body.length,
        encoding: warm.headers['content-encoding'] ?? 'identity',
        appP99Ms: appResult.latency.p99,
        bareP99Ms: bareResult.latency.p99,
      },
    });
  }
} finally {
  app.stop();
}
process.exit(0);

/** One request with its raw (still compressed) body and the headers worth repeating. */
function capture(url: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; headers: OutgoingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = res.headers;
        resolve({ status: res.statusCode ?? 0, headers: rest, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
