// mixed: a realistic, seeded load on the built app (as `npm start` serves it, in its own process;
// this process only generates load) over 10M+ embedded rows with live data. Users of hundreds of
// tenants (drawn by Zipf: a few large, a long tail of small ones) open dashboards of 6–8 panels
// (the page, then every panel), refresh them live every 10 s, and about once a minute switch
// range, filter through the typeahead (POST /api/values) or open another dashboard; the alerts
// badge polls GET /api/alerts (bench/mixed-user.ts). BENCH_SEED fixes every choice.
// The load rises step by step; the figure is the highest rate served with p99 ≤ 100 ms and no
// errors, next to Health+'s 350 queries/s as the goal. Each step also reports the share of
// stale answers (meta.cache) and the p95 age of the data shown (arrival − meta.dataUntil).
// BENCH_NEW_VIEW_PER_REFRESH=0 keeps every user on one view (reported as mixed-steady-views).
// Needs `next build` first.
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { keyRing } from '@/lib/auth/keys';
import { SESSION_TTL_S, signSessionToken } from '@/lib/auth/session';
import { newSessionId } from '@/lib/auth/session-store';
import { loadDeclarations } from '@/lib/dashboards/config-files';
import { tenantCopiesOf } from '@/lib/ingest/sample-world';
import { MixedUser, REFRESH_MS, type RequestKind, type Send } from './mixed-user';
import { benchPort } from './ports';
import { percentile, report, round } from './report';
import { seededRandom, zipf } from './seeded';
import { scrapeMetrics, startApp } from './server';

const COPIES = Number(process.env.BENCH_TENANT_COPIES ?? 67); // × 3 sample tenants
const DAYS = Number(process.env.BENCH_DAYS ?? 8);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 20);
const RATES = (process.env.BENCH_RATES ?? '100,200,300,350,400,500').split(',').map(Number);
const GOAL_QPS = 350;
const P99_LIMIT_MS = 100;
/** Past this p99 (or at the first error) higher steps would only say the same, slower. */
const GIVE_UP_P99_MS = 1_000;
/** A user changes what they look at about once a minute. */
const NEW_VIEW_PER_REFRESH = Number(process.env.BENCH_NEW_VIEW_PER_REFRESH ?? 1 / 6);

const DASHBOARDS = loadDeclarations('config').dashboards.filter((d) => d.panels.length >= 6);
const SEED = Number(process.env.BENCH_SEED ?? 20);
const random = seededRandom(SEED);

const secret = randomBytes(24).toString('hex');
process.env.PULSE_SECRET = secret;
const tenants = tenantCopiesOf(COPIES);
// Customers differ in size: a few large tenants have many viewers, most have one or two.
const pickTenant = zipf(tenants.length, random, 1);
const app = await startApp(benchPort('mixed'), {
  PULSE_SECRET: secret,
  PULSE_LIVE: 'on',
  PULSE_SAMPLE_DAYS: String(DAYS),
  PULSE_SAMPLE_TENANT_COPIES: String(COPIES),
  ...(process.env.PULSE_MAX_RUNNING ? { PULSE_MAX_RUNNING: process.env.PULSE_MAX_RUNNING } : {}),
});
const agent = new Agent({ keepAlive: true, maxSockets: 512 });
const cookies = new Map<string, string>();
const keys = keyRing({ secret, previous: undefined });
for (const t of tenants) {
  const session = { id: newSessionId(), user: { email: t.users[0]!, tenant: t.id, tenantName: t.name, role: 'viewer' as const }, expiresAt: Date.now() + SESSION_TTL_S * 1000 };
  cookies.set(t.id, `pb_session=${await signSessionToken(keys, session)}`);
}

/** One answer as the load saw it; for a panel answer, whether it was stale and how old its data was. */
type Sample = { kind: RequestKind; ms: number; status: number; stale?: boolean; dataAgeMs?: number };
let samples: Sample[] = [];

/** Sends one request as a browser would (session cookie, compressed answers) and records it. */
const send: Send = (kind, method, path, cookie, body) =>
  new Promise((resolve) => {
    const started = performance.now();
    const headers = { cookie, 'accept-encoding': 'gzip, br', ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const into = samples;
    const req = request(`${app.url}${path}`, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const arrived = Date.now();
        const sample: Sample = { kind, ms: performance.now() - started, status: res.statusCode ?? 0 };
        let parsed: unknown;
        if (kind !== 'page' && sample.status === 200) {
          parsed = JSON.parse(decoded(Buffer.concat(chunks), res.headers['content-encoding']).toString());
          const meta = (parsed as { meta?: { cache: string; dataUntil: string } }).meta;
          if (kind === 'query' && meta) Object.assign(sample, { stale: meta.cache === 'stale', dataAgeMs: arrived - Date.parse(meta.dataUntil) });
        }
        into.push(sample);
        resolve({ status: sample.status, body: parsed });
      });
    });
    req.on('error', () => {
      into.push({ kind, ms: performance.now() - started, status: 0 });
      resolve({ status: 0 });
    });
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });

function decoded(bytes: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return brotliDecompressSync(bytes);
  if (encoding === 'gzip') return gunzipSync(bytes);
  return bytes;
}

async function counters() {
  const metric = await scrapeMetrics(app);
  return {
    hits: metric('pulse_cache_requests_total', 'result="hit"'),
    stale: metric('pulse_cache_requests_total', 'result="stale"'),
    lookups: metric('pulse_cache_requests_total'),
    engine: metric('pulse_engine_queries_total'),
    rssBytes: metric('pulse_process_resident_memory_bytes'),
  };
}

const panelsPerView = DASHBOARDS.reduce((s, d) => s + d.panels.length, 0) / DASHBOARDS.length;
const users: MixedUser[] = [];
const steps: { p99Ms: number; errors: number; qps: number; [k: string]: unknown }[] = [];
try {
  for (const [i, rate] of RATES.entries()) {
    // Users are added (never removed), each of a tenant drawn by size.
    const want = Math.round((rate * REFRESH_MS) / 1000 / panelsPerView);
    while (users.length < want) {
      const u = new MixedUser(cookies.get(tenants[pickTenant()]!.id)!, send, { dashboards: DASHBOARDS, random, changePerRefresh: NEW_VIEW_PER_REFRESH });
      users.push(u);
      u.start();
    }
    // New users open their dashboards within the first refresh period; measure once they refresh.
    await new Promise((r) => setTimeout(r, 2 * REFRESH_MS));
    const before = await counters();
    samples = [];
    const started = performance.now();
    await new Promise((r) => setTimeout(r, STEP_SECONDS * 1000));
    const measured = samples;
    const seconds = (performance.now() - started) / 1000;
    const after = await counters();
    const ms = measured.map((s) => s.ms);
    const answers = measured.filter((s) => s.kind === 'query' && s.status === 200);
    const byKind = Object.fromEntries(
      (['query', 'values', 'alerts', 'page'] as const).map((k) => {
        const of = measured.filter((s) => s.kind === k).map((s) => s.ms);
        return [k, { n: of.length, p50Ms: round(percentile(of, 0.5)), p99Ms: round(percentile(of, 0.99)) }];
      }),
    );
    const errors = measured.filter((s) => s.status !== 200).length;
    const statuses: Record<number, number> = {};
    for (const s of measured) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    const step = {
      targetQps: rate,
      users: users.length,
      qps: round(measured.length / seconds),
      p50Ms: round(percentile(ms, 0.5)),
      p95Ms: round(percentile(ms, 0.95)),
      p99Ms: round(percentile(ms, 0.99)),
      errors,
      statuses,
      byKind,
      // What the users saw: answers that said stale, and how far behind "now" their data ended.
      staleShare: round(answers.filter((s) => s.stale).length / Math.max(1, answers.length), 4),
      dataAgeP50Ms: round(percentile(answers.map((s) => s.dataAgeMs!), 0.5)),
      dataAgeP95Ms: round(percentile(answers.map((s) => s.dataAgeMs!), 0.95)),
      hitRatio: round((after.hits - before.hits) / Math.max(1, after.lookups - before.lookups), 3),
      // Hits plus stale answers served at once while a refresh runs behind them.
      fromCacheRatio: round((after.hits + after.stale - before.hits - before.stale) / Math.max(1, after.lookups - before.lookups), 3),
      engineQueriesPerRequest: round((after.engine - before.engine) / Math.max(1, measured.length), 3),
      rssMiB: Math.round(after.rssBytes / 2 ** 20),
    };
    steps.push(step);
    console.error(`[mixed] step ${i + 1}: ${JSON.stringify(step)}`);
    if (step.p99Ms > GIVE_UP_P99_MS || errors > 0) break;
  }
} finally {
  for (const u of users) u.stop();
  app.stop();
}

const held = steps.filter((s) => s.p99Ms <= P99_LIMIT_MS && s.errors === 0).at(-1);
const seeded = /"rows":(\d+)[^\n]*"msg":"sample data loaded"/.exec(app.startupOutput());
const rows = seeded ? Number(seeded[1]) : null;
report({
  name: NEW_VIEW_PER_REFRESH > 0 ? 'mixed' : 'mixed-steady-views',
  figure: held?.qps ?? 0,
  // p95 data age ≤ 2 s is part of the goal (issue 20): the held step's is in notes.heldStep.
  baseline: GOAL_QPS,
  unit: `requests/s held with p99 ≤ ${P99_LIMIT_MS} ms and no errors (baseline: Health+'s 350 queries/s, the goal; notes: stale share, p95 data age)`,
  better: 'higher',
  notes: { seed: SEED, tenants: tenants.length, rows, days: DAYS, newViewPerRefresh: round(NEW_VIEW_PER_REFRESH, 3), panelsPerDashboard: round(panelsPerView, 1), refreshSeconds: REFRESH_MS / 1000, heldStep: held, steps },
});
process.exit(0);
