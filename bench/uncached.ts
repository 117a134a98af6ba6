// uncached: a cold panel answered through the app's query service versus the very SQL
// statements it ran, recorded at the engine boundary and run on DuckDB directly (pre-opened
// connections, rows read as a client would), in the same phases (a top-N's values before its
// series; main and compare together). Rounds alternate which side goes first.
// PULSE_SAMPLE_SCALE sets the data size.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import { listDashboards } from '@/lib/dashboards/registry';
import type { EmbeddedEngine } from '@/lib/engines/embedded';
import { getRuntime } from '@/lib/runtime/runtime';
import { answerPanel } from '@/lib/service/service';
import type { CompiledQuery } from '@/lib/sql/query';
import { ViewSchema } from '@/lib/view/schema';
import { percentile, report, round } from './report';
import { rowsScannedByAll } from './rows-scanned';
import { phases, recording } from './statements';

process.env.PULSE_LIVE = 'off';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const t0 = performance.now();
const rt = await getRuntime();
const startupMs = performance.now() - t0;
if (rt.engine.name !== 'embedded') throw new Error('the uncached benchmark runs on the embedded engine');
const embedded = rt.engine as EmbeddedEngine;
const tables = ['cluster_metrics', 'logins', 'sensor_readings', 'alerts'] satisfies DatasourceId[];
const totalRows = Number((await embedded.query({ sql: `SELECT ${tables.map((t) => `(SELECT COUNT(*) FROM ${t})`).join(' + ')}`, params: [] }, { timeoutMs: 60_000, queryId: 'count', tz: 'UTC' }))[0]![0]);
const connections: DuckDBConnection[] = await Promise.all(Array.from({ length: 4 }, () => embedded.connect()));
const recorder = recording(rt.engine);
const service = { ...rt, engine: recorder.engine };

/** The recorded statements on DuckDB directly: each phase's statements at once, rows read. */
async function direct(steps: CompiledQuery[][]): Promise<number> {
  const t = performance.now();
  for (const step of steps) {
    await Promise.all(step.map(async (q, i) => (await connections[i % connections.length]!.runAndReadAll(q.sql, q.params.map((p) => p.value))).getRowsJS()));
  }
  return performance.now() - t;
}

/** A cold answer through the service (no cached answer, no stored closed buckets), and what it ran. */
async function cold(request: Parameters<typeof answerPanel>[1]): Promise<{ ms: number; steps: CompiledQuery[][] }> {
  rt.cache.clear();
  rt.buckets.clear();
  recorder.take();
  const t = performance.now();
  await answerPanel(service, request);
  return { ms: performance.now() - t, steps: phases(recorder.take()) };
}

const app: number[] = [];
const baseline: number[] = [];
const cached: number[] = [];
let statements = 0;
const learnt = new Map<string, CompiledQuery[][]>();
for (let r = 0; r < ROUNDS; r++) {
  for (const d of listDashboards()) {
    const view = ViewSchema.parse({ ...d.defaultView, tz: 'UTC' });
    for (const panel of d.panels) {
      const request = { tenant: 'acme', locked: [], dashboard: d.id, panel: panel.id, view };
      // The statements are the same in every round (no live data): learnt from the first answer.
      const measureApp = async () => {
        const answered = await cold(request);
        app.push(answered.ms);
        statements += answered.steps.flat().length;
        learnt.set(`${d.id}/${panel.id}`, answered.steps);
      };
      if (r % 2 === 0) await measureApp();
      baseline.push(await direct(learnt.get(`${d.id}/${panel.id}`)!));
      if (r % 2 === 1) await measureApp();
      const t = performance.now();
      const hit = await answerPanel(service, request);
      cached.push(performance.now() - t);
      if (hit.response.meta.cache !== 'hit') throw new Error('expected a cache hit');
    }
  }
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
// What a cold panel reads, as DuckDB's profile counts it (row groups its zone maps skipped are not read).
const scanned: number[] = [];
for (const steps of learnt.values()) scanned.push(await rowsScannedByAll(connections[0]!, steps.flat()));
report({
  name: `uncached-scale${rt.config.PULSE_SAMPLE_SCALE}`,
  figure: round(sum(app) / app.length),
  baseline: round(sum(baseline) / baseline.length),
  unit: 'ms per panel (mean, cold; baseline: the same statements on DuckDB directly)',
  better: 'lower',
  notes: {
    rows: totalRows,
    startupMs: Math.round(startupMs),
    panels: app.length / ROUNDS,
    statementsPerPanel: round(statements / app.length),
    rowsScannedP50: percentile(scanned, 0.5),
    rowsScannedMax: Math.max(...scanned),
    appP50: round(percentile(app, 0.5)),
    appP95: round(percentile(app, 0.95)),
    directP50: round(percentile(baseline, 0.5)),
    directP95: round(percentile(baseline, 0.95)),
    cachedP50: round(percentile(cached, 0.5), 3),
    cachedP95: round(percentile(cached, 0.95), 3),
  },
});
for (const c of connections) c.closeSync();
await rt.engine.close();
process.exit(0);
