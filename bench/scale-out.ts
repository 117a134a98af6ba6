// scale-out: two app instances (as `npm start` runs them) sharing one Redis (Debian's
// redis-server, started here). Identical concurrent requests to both must run one engine query
// set; and the cache-hit throughput of both instances together against one alone, driven by
// autocannon with the same total connections. Needs `next build` first.
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { startRedis } from '@/lib/testing/redis-server';
import { report, round } from './report';
import { benchPort } from './ports';
import { login, scrapeMetrics, startApp, type App } from './server';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

const redis = await startRedis();
const env = { PULSE_REDIS_URL: redis.url, PULSE_SECRET: randomBytes(24).toString('hex') };
const apps = [await startApp(benchPort('scaleOut'), env), await startApp(benchPort('scaleOutSecond'), env)];
try {
  const cookie = await login(apps[0]!.url); // valid on both: they share the session secret
  const headers = { 'content-type': 'application/json', cookie, 'accept-encoding': 'gzip, br' };
  const engineQueries = async (app: App) => (await scrapeMetrics(app))('pulse_engine_queries_total');
  const totalEngineQueries = async () => (await Promise.all(apps.map(engineQueries))).reduce((a, b) => a + b, 0);

  // What one cold request costs the engine, then a burst of identical cold requests spread over both instances.
  const coldIn = (tz: string) => JSON.stringify({ dashboard: 'security-logins', panel: 'kpis', view: { range: { last: 'P7D' }, tz, compare: 'previous' } });
  let before = await totalEngineQueries();
  await fetch(`${apps[0]!.url}/api/query`, { method: 'POST', headers, body: coldIn('Asia/Seoul') });
  const singleEngineQueries = (await totalEngineQueries()) - before;
  const cold = coldIn('Asia/Tokyo');
  before = await totalEngineQueries();
  const burst = await Promise.all(apps.flatMap((a) => Array.from({ length: 20 }, () => fetch(`${a.url}/api/query`, { method: 'POST', headers, body: cold }))));
  if (burst.some((r) => r.status !== 200)) throw new Error('a burst request failed');
  const burstEngineQueries = (await totalEngineQueries()) - before;

  const body = JSON.stringify({ dashboard: 'cluster-overview', panel: 'top_topics', view: { range: { last: 'P1D' }, tz: 'UTC' } });
  for (const a of apps) for (let i = 0; i < 2; i++) await fetch(`${a.url}/api/query`, { method: 'POST', headers, body });
  const load = (url: string, connections: number) =>
    autocannon({ url: `${url}/api/query`, method: 'POST', headers, body, connections, duration: DURATION }) as Promise<autocannon.Result>;
  const one = await load(apps[0]!.url, CONNECTIONS);
  const both = await Promise.all(apps.map((a) => load(a.url, CONNECTIONS / 2)));
  if ([one, ...both].some((r) => r.non2xx > 0)) throw new Error('non-2xx answers under load');

  report({
    name: 'scale-out',
    figure: round(both.reduce((s, r) => s + r.requests.average, 0)),
    baseline: round(one.requests.average),
    unit: 'requests/s (cache hit), two instances sharing Redis vs one instance',
    better: 'higher',
    notes: { burst: { requests: burst.length, instances: 2, engineQueries: burstEngineQueries, engineQueriesForOneRequest: singleEngineQueries }, connections: CONNECTIONS, seconds: DURATION },
  });
} finally {
  for (const a of apps) a.stop();
  await redis.stop();
}
process.exit(0);
