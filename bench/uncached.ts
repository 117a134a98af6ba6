// uncached: a cold panel query through the app's query service versus the same SQL run
// directly on the engine, side by side in one process. PULSE_SAMPLE_SCALE sets the data size.
import { listDashboards } from '@/lib/dashboards/registry';
import { answerPanel } from '@/lib/service/service';
import { planPanel } from '@/lib/query/plan';
import { runPlan } from '@/lib/service/run';
import { getRuntime } from '@/lib/runtime/runtime';
import { ViewSchema } from '@/lib/view/schema';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import { percentile, report, round } from './report';

process.env.PULSE_LIVE = 'off';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const t0 = performance.now();
const rt = await getRuntime();
const startupMs = performance.now() - t0;
const rows = await rt.engine.query({ sql: 'SELECT (SELECT COUNT(*) FROM cluster_metrics) + (SELECT COUNT(*) FROM logins) + (SELECT COUNT(*) FROM sensor_readings) + (SELECT COUNT(*) FROM alerts)', params: [] }, { timeoutMs: 60_000, queryId: 'count', tz: 'UTC' });
const totalRows = Number(rows[0]![0]);

const app: number[] = [];
const direct: number[] = [];
const cached: number[] = [];
for (let round_ = 0; round_ < ROUNDS; round_++) {
  for (const d of listDashboards()) {
    const view = ViewSchema.parse({ ...d.defaultView, tz: 'UTC' });
    for (const panel of d.panels) {
      // Direct: the panel's statements run on the engine by runPlan, without the service
      // around them (session, cache, admission, freshness, serialization).
      const dataUntil = await rt.freshness.until(d.datasource as DatasourceId, 'acme');
      const plan = planPanel({ dashboard: d, panel, view, tenant: 'acme', dataUntil });
      let t = performance.now();
      await runPlan(rt.engine, plan, { timeoutMs: 60_000, queryId: 'direct', tz: 'UTC' });
      direct.push(performance.now() - t);

      // Cold for the app too: no cached answer and no stored closed buckets.
      rt.cache.clear();
      rt.buckets.clear();
      t = performance.now();
      await answerPanel(rt, { tenant: 'acme', locked: [], dashboard: d.id, panel: panel.id, view });
      app.push(performance.now() - t);
      t = performance.now();
      const hit = await answerPanel(rt, { tenant: 'acme', locked: [], dashboard: d.id, panel: panel.id, view });
      cached.push(performance.now() - t);
      if (hit.response.meta.cache !== 'hit') throw new Error('expected a cache hit');
    }
  }
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
report({
  name: `uncached-scale${rt.config.PULSE_SAMPLE_SCALE}`,
  figure: round(sum(app) / app.length),
  baseline: round(sum(direct) / direct.length),
  unit: 'ms per panel (mean, cold)',
  better: 'lower',
  notes: {
    rows: totalRows,
    startupMs: Math.round(startupMs),
    panels: app.length / ROUNDS,
    appP50: round(percentile(app, 0.5)),
    appP95: round(percentile(app, 0.95)),
    directP50: round(percentile(direct, 0.5)),
    directP95: round(percentile(direct, 0.95)),
    cachedP50: round(percentile(cached, 0.5), 3),
    cachedP95: round(percentile(cached, 0.95), 3),
  },
});
await rt.engine.close();
process.exit(0);
