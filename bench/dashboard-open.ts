// dashboard-open: a dashboard opened on a new view, every panel answered cold (no cached answer,
// no stored buckets), on the mixed benchmark's 38.3 M rows (8 days, 201 tenants): with the
// rollup tiers vs the same engine and data with tiers off (the ingest grain only). Each open is
// a new view (a tenant, range, zone and dashboard not asked before in that round); rounds
// alternate which side goes first. The figure is the p95 time until all panels are answered.
// BENCH_DAYS / BENCH_TENANT_COPIES / PULSE_SAMPLE_SCALE set the data size.
import type { EmbeddedEngine } from '@/lib/engines/embedded';
import { listDashboards } from '@/lib/dashboards/registry';
import { getRuntime } from '@/lib/runtime/runtime';
import { answerPanel } from '@/lib/service/service';
import { ViewSchema } from '@/lib/view/schema';
import { median, percentile, report, round } from './report';

process.env.PULSE_LIVE = 'off';
// Tiers built (the app's default is off); each open then picks a side by the engine's `tiered` flag.
process.env.PULSE_TIERS = 'on';
process.env.PULSE_SAMPLE_DAYS ??= process.env.BENCH_DAYS ?? '8';
process.env.PULSE_SAMPLE_TENANT_COPIES ??= process.env.BENCH_TENANT_COPIES ?? '67';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RANGES = ['PT6H', 'P1D', 'P7D'] as const;
const ZONES = ['UTC', 'Europe/Berlin', 'Asia/Kolkata'];

const t0 = performance.now();
const rt = await getRuntime();
const startupMs = performance.now() - t0;
if (rt.engine.name !== 'embedded') throw new Error('the dashboard-open benchmark runs on the embedded engine');
const embedded = rt.engine as EmbeddedEngine;
const rows = Number((await embedded.query({ sql: `SELECT (SELECT COUNT(*) FROM cluster_metrics) + (SELECT COUNT(*) FROM logins) + (SELECT COUNT(*) FROM sensor_readings) + (SELECT COUNT(*) FROM alerts) + (SELECT COUNT(*) FROM api_requests)`, params: [] }, { timeoutMs: 60_000, queryId: 'count', tz: 'UTC' }))[0]![0]);
const tenants = [...new Set((await embedded.query({ sql: 'SELECT DISTINCT tenant FROM cluster_metrics ORDER BY 1', params: [] }, { timeoutMs: 60_000, queryId: 'tenants', tz: 'UTC' })).map((r) => String(r[0])))];

/** Every panel of the dashboard at once, cold; ms until the last is answered. */
async function open(dashboard: ReturnType<typeof listDashboards>[number], tenant: string, range: string, tz: string): Promise<number> {
  rt.cache.clear();
  rt.buckets.clear();
  const view = ViewSchema.parse({ ...dashboard.defaultView, range: { last: range }, grain: 'auto', tz });
  const t = performance.now();
  await Promise.all(dashboard.panels.map((p) => answerPanel(rt, { tenant, locked: [], dashboard: dashboard.id, panel: p.id, view })));
  return performance.now() - t;
}

const times = { on: [] as number[], off: [] as number[] };
const ratios: number[] = [];
let n = 0;
for (let r = 0; r < ROUNDS; r++) {
  const roundTimes = { on: [] as number[], off: [] as number[] };
  for (const d of listDashboards()) {
    for (const range of RANGES) {
      for (const tz of ZONES) {
        // A tenant per open, so neither side finds the other's data in DuckDB's buffers first.
        const tenant = tenants[(n++ * 7919) % tenants.length]!;
        const sides = r % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const);
        for (const side of sides) {
          embedded.tiered = side === 'on';
          roundTimes[side].push(await open(d, tenant, range, tz));
        }
      }
    }
  }
  times.on.push(...roundTimes.on);
  times.off.push(...roundTimes.off);
  ratios.push(percentile(roundTimes.on, 0.95) / percentile(roundTimes.off, 0.95));
}
const [load] = (await import('node:os')).loadavg();
report({
  name: 'dashboard-open-tiers',
  figure: round(percentile(times.on, 0.95)),
  baseline: round(percentile(times.off, 0.95)),
  unit: 'ms until every panel is answered (p95, cold, new view; baseline: tiers off)',
  better: 'lower',
  notes: {
    rows,
    tenants: tenants.length,
    startupMs: Math.round(startupMs),
    opens: times.on.length,
    rounds: ROUNDS,
    ratioMin: round(Math.min(...ratios), 3),
    ratioMax: round(Math.max(...ratios), 3),
    tiersP50: round(median(times.on)),
    tiersP99: round(percentile(times.on, 0.99)),
    offP50: round(median(times.off)),
    offP99: round(percentile(times.off, 0.99)),
    loadAvg1m: round(load ?? NaN),
  },
});
await rt.engine.close();
process.exit(0);
