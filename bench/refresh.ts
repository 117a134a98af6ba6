// refresh: "last 7 days, hourly" refreshed a minute later, incremental (time series: only buckets
// that can still change; KPI, top-N and table: stored partial aggregates merged with the open
// edge's) versus a full query, on the same engine and data in one process. Rows scanned are the
// engine's own count: every query each path sent is replayed once on a profiling connection and
// DuckDB's `cumulative_rows_scanned` (rows its table scans read after zone-map pruning) summed.
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BucketStore } from '@/lib/cache/bucket-store';
import { findDashboard, findPanel } from '@/lib/dashboards/registry';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import { seedSample } from '@/lib/ingest/sample-world';
import { planPanel } from '@/lib/query/plan';
import { runPlan } from '@/lib/service/run';
import type { CompiledQuery } from '@/lib/sql/query';
import { exactly, rowsAgree } from '@/lib/testing/conformance';
import { recordingEngine } from '@/lib/testing/recording-engine';
import { ViewSchema } from '@/lib/view/schema';
import { percentile, report, round } from './report';

const SCALE = Number(process.env.PULSE_SAMPLE_SCALE ?? 12);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const anchorSec = Math.floor(Date.now() / 1000);
const engine = await EmbeddedEngine.create();
const conn = await engine.connect();
const seeded = await seedSample(conn, { anchorSec, days: 30, scale: SCALE, tiers: false });

// A connection that writes each query's profile as JSON, read back after the query.
const profile = join(mkdtempSync(join(tmpdir(), 'pulse-refresh-')), 'profile.json');
await conn.run(`PRAGMA enable_profiling='json'`);
await conn.run(`PRAGMA profiling_output='${profile}'`);
await conn.run(`SET custom_profiling_settings='{"CUMULATIVE_ROWS_SCANNED": "true"}'`);
async function rowsScanned(queries: CompiledQuery[]): Promise<number> {
  let rows = 0;
  for (const q of queries) {
    await conn.runAndReadAll(q.sql, q.params.map((p) => p.value));
    rows += Number(JSON.parse(readFileSync(profile, 'utf8')).cumulative_rows_scanned);
  }
  return rows;
}

/** The engine, keeping what it is asked in `sent`. */
const sent: CompiledQuery[] = [];
const recording = recordingEngine(engine, sent);

const view = ViewSchema.parse({ range: { last: 'P7D' }, grain: 'PT1H', split: null, tz: 'UTC' });
const opts = { timeoutMs: 60_000, queryId: 'refresh', tz: 'UTC' };
const PANELS = [
  { dashboard: 'cluster-overview', panel: 'throughput', name: `refresh-scale${SCALE}`, what: 'time series' },
  { dashboard: 'cluster-overview', panel: 'kpis', name: `refresh-kpi-scale${SCALE}`, what: 'KPI (sums, an average)' },
  { dashboard: 'cluster-overview', panel: 'top_topics', name: `refresh-topn-scale${SCALE}`, what: 'top-N' },
  { dashboard: 'cluster-overview', panel: 'brokers', name: `refresh-table-scale${SCALE}`, what: 'table (sums, an average, a max)' },
  { dashboard: 'security-logins', panel: 'kpis', name: `refresh-kpi-distinct-scale${SCALE}`, what: 'KPI (counts, a ratio, a distinct count)' },
  { dashboard: 'building-sensors', panel: 'kpis', name: `refresh-kpi-quantile-scale${SCALE}`, what: 'KPI (a count, an average, a max, a quantile)' },
];

for (const { dashboard: dashboardId, panel: id, name, what } of PANELS) {
  const dashboard = findDashboard(dashboardId)!;
  const panel = findPanel(dashboard, id)!;
  const full: number[] = [];
  const incremental: number[] = [];
  const scanned = { full: 0, incremental: 0 };
  for (let i = 0; i < ROUNDS; i++) {
    // Each round: the dashboard was open a minute ago (store warm), and now refreshes.
    const before = anchorSec * 1000 - (ROUNDS - i) * 120_000;
    const now = before + 60_000;
    const store = new BucketStore(64 << 20);
    await runPlan(engine, planPanel({ dashboard, panel, view, tenant: 'acme', dataUntil: before }), opts, { store, key: 's', dataUntil: before });
    const plan = planPanel({ dashboard, panel, view, tenant: 'acme', dataUntil: now });

    sent.length = 0;
    let t = performance.now();
    const a = await runPlan(recording, plan, opts);
    full.push(performance.now() - t);
    const fullQueries = [...sent];
    sent.length = 0;
    t = performance.now();
    const b = await runPlan(recording, plan, opts, { store, key: 's', dataUntil: now });
    incremental.push(performance.now() - t);
    // Exact but for sums of doubles added in another order (their last bits).
    const differs = rowsAgree(exactly(plan.main.measures), plan.columns, b.rows, a.rows);
    if (differs) throw new Error(`${id}: incremental answer differs from the full one: ${differs}`);
    if (i === 0) {
      scanned.full = await rowsScanned(fullQueries);
      scanned.incremental = await rowsScanned(sent);
    }
  }
  const [inc, base] = [percentile(incremental, 0.5), percentile(full, 0.5)];
  report({
    name,
    figure: round(inc, 3),
    baseline: round(base, 3),
    unit: `ms engine time per refresh of a ${what} (p50)`,
    better: 'lower',
    notes: {
      panel: `${dashboard.id}/${id}`,
      rowsScannedIncremental: scanned.incremental,
      rowsScannedFull: scanned.full,
      rowsRatio: round(scanned.incremental / scanned.full, 4),
      rowsSource: 'DuckDB profile: cumulative_rows_scanned of each query sent',
      timeSpreadMs: { incremental: [round(percentile(incremental, 0.1), 2), round(percentile(incremental, 0.9), 2)], full: [round(percentile(full, 0.1), 2), round(percentile(full, 0.9), 2)] },
      rounds: ROUNDS,
      tableRows: seeded.rows,
      load1: round(loadavg()[0]!),
    },
  });
}
process.exit(0);
