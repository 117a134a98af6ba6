// hit-profile: the POST /api/query handler alone, in this process, answering cache hits for
// bodies spelled differently each time (bench/vary.ts), so a CPU profile shows where a hit's
// time goes without the server, the socket or the load generator in it:
//   node --conditions=react-server --import tsx --cpu-prof --cpu-prof-dir=DIR bench/hit-profile.ts [panel] [n]
//   npx tsx bench/cpu-profile.ts DIR/<the larger file>.cpuprofile
// Prints µs per hit on stderr (one process, no baseline: not a benchmark result).
import { serveQuery, type RawRequest } from '@/lib/api/query-endpoint';
import { getRuntime } from '@/lib/runtime/runtime';
import { getSite } from '@/lib/runtime/site';
import { spelling } from './vary';

process.env.PULSE_LIVE = 'off';
const rt = await getRuntime();
const site = getSite();
const cookie = `pb_session=${await rt.auth.issue({ email: 'demo@acme.test', tenant: 'acme', tenantName: 'Acme', role: 'viewer' })}`;
const panel = process.argv[2] ?? 'top_topics';
const view = panel === 'latency' ? { range: { last: 'P7D' }, tz: 'UTC', grain: 'PT1H' } : { range: { last: 'P1D' }, tz: 'UTC' };
const value = { dashboard: 'cluster-overview', panel, view };
const request = (text: string): RawRequest => ({
  cookie,
  authorization: undefined,
  contentType: 'application/json',
  contentLength: String(text.length),
  ifNoneMatch: undefined,
  acceptEncoding: 'gzip, deflate, br, zstd',
  requestId: undefined,
  origin: undefined,
  host: 'localhost',
  body: (async function* () {
    yield Buffer.from(text);
  })(),
  signal: new AbortController().signal,
});
const deps = () => Promise.resolve(rt);
const first = await serveQuery(request(JSON.stringify(value)), deps, site);
if (first.status !== 200) throw new Error(`the first answer was ${first.status}`);
const n = Number(process.argv[3] ?? 20_000);
const t = performance.now();
for (let i = 1; i <= n; i++) await serveQuery(request(spelling(value, i)), deps, site);
console.error(`${(((performance.now() - t) * 1000) / n).toFixed(1)} µs per hit (${panel}, ${n} bodies)`);
process.exit(0);
