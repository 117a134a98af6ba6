// refresh: "last 7 days, hourly" refreshed a minute later, incremental (only buckets that can
// still change) versus a full query, on the same engine and data in one process.
import { BucketStore } from '@/lib/cache/bucket-store';
import { findDashboard, findPanel } from '@/lib/dashboards/registry';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import { seedSample } from '@/lib/ingest/sample-world';
import { planPanel } from '@/lib/query/plan';
import { runPlan } from '@/lib/service/run';
import { ViewSchema } from '@/lib/view/schema';
import { percentile, report, round } from './report';

const SCALE = Number(process.env.PULSE_SAMPLE_SCALE ?? 12);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const anchorSec = Math.floor(Date.now() / 1000);
const engine = await EmbeddedEngine.create();
const conn = await engine.connect();
await seedSample(conn, { anchorSec, days: 30, scale: SCALE, tiers: false });

const dashboard = findDashboard('cluster-overview')!;
const panel = findPanel(dashboard, 'throughput')!;
const view = ViewSchema.parse({ range: { last: 'P7D' }, grain: 'PT1H', split: null, tz: 'UTC' });
const opts = { timeoutMs: 60_000, queryId: 'refresh', tz: 'UTC' };
const rowsIn = async (start: number, end: number) =>
  Number((await conn.runAndReadAll(`SELECT COUNT(*) FROM cluster_metrics WHERE tenant = 'acme' AND ts >= $1::TIMESTAMPTZ AND ts < $2::TIMESTAMPTZ`, [new Date(start).toISOString(), new Date(end).toISOString()])).getRowsJS()[0]![0]);

const full: number[] = [];
const incremental: number[] = [];
let fullRows = 0;
let incRows = 0;
for (let i = 0; i < ROUNDS; i++) {
  // Each round: the dashboard was open a minute ago (store warm), and now refreshes.
  const before = anchorSec * 1000 - (ROUNDS - i) * 120_000;
  const now = before + 60_000;
  const store = new BucketStore(64 << 20);
  await runPlan(engine, planPanel({ dashboard, panel, view, tenant: 'acme', dataUntil: before }), opts, { store, key: 's', dataUntil: before });
  const plan = planPanel({ dashboard, panel, view, tenant: 'acme', dataUntil: now });

  let t = performance.now();
  const a = await runPlan(engine, plan, opts);
  full.push(performance.now() - t);
  t = performance.now();
  const b = await runPlan(engine, plan, opts, { store, key: 's', dataUntil: now });
  incremental.push(performance.now() - t);
  if (JSON.stringify(a.rows) !== JSON.stringify(b.rows)) throw new Error('incremental answer differs from the full one');
  if (i === 0) {
    fullRows = await rowsIn(plan.interval.start, plan.interval.end);
    const closed = Math.floor((now - 120_000) / 3_600_000) * 3_600_000;
    incRows = await rowsIn(Math.min(closed, plan.interval.end), plan.interval.end);
  }
}
report({
  name: `refresh-scale${SCALE}`,
  figure: round(percentile(incremental, 0.5), 3),
  baseline: round(percentile(full, 0.5), 3),
  unit: 'ms engine time per refresh (p50)',
  better: 'lower',
  notes: { rowsScannedIncremental: incRows, rowsScannedFull: fullRows, rowsRatio: round(incRows / fullRows, 4), rounds: ROUNDS },
});
process.exit(0);
