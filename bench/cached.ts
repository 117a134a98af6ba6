// cached: throughput of a cache-hit POST /api/query (real session, real view) through the app
// versus a bare node:http server returning the same bytes, both driven by autocannon on
// loopback with the same connections and duration, in the same run. Needs `next build` first.
import autocannon from 'autocannon';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { report, round } from './report';
import { login, startApp } from './server';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

const app = await startApp(3311);
try {
  const cookie = await login(app.url);
  const body = JSON.stringify({ dashboard: 'cluster-overview', panel: 'top_topics', view: { range: { last: 'P1D' }, tz: 'UTC' } });
  const headers = { 'content-type': 'application/json', cookie };
  const warm = await fetch(`${app.url}/api/query`, { method: 'POST', headers, body });
  const bytes = Buffer.from(await warm.arrayBuffer());

  const run = (url: string) =>
    autocannon({ url, method: 'POST', headers, body, connections: CONNECTIONS, duration: DURATION }) as Promise<autocannon.Result>;

  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length }).end(bytes));
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareResult = await run(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/api/query`);
  bare.close();
  const appResult = await run(`${app.url}/api/query`);
  if (appResult.non2xx > 0) throw new Error(`${appResult.non2xx} non-2xx answers from the app`);

  report({
    name: 'cached',
    figure: round(appResult.requests.average),
    baseline: round(bareResult.requests.average),
    unit: 'requests/s (cache hit, POST /api/query)',
    better: 'higher',
    notes: { connections: CONNECTIONS, seconds: DURATION, bodyBytes: bytes.length, appP99Ms: appResult.latency.p99, bareP99Ms: bareResult.latency.p99 },
  });
} finally {
  app.stop();
}
process.exit(0);
