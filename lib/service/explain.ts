import 'server-only';
import { randomUUID } from 'node:crypto';
import { cacheKey } from '@/lib/cache/key';
import type { ExplainRequest, ExplainResponse } from '@/lib/contract/explain';
import { EXPLAIN_VALUES, planExplain, type ExplainPlan } from '@/lib/query/explain';
import type { Row } from '@/lib/sql/cells';
import type { Filter } from '@/lib/view/schema';
import { contributions, change, type Parts } from './contributions';
import { runSpec } from './run-spec';
import { TTL_LIVE_MS, cached, isoInterval, panelInView, type Answering } from './service';

/** The largest contributions listed, per dimension and across them. */
const TOP = 5;

/**
 * "What changed" for a panel's measure: its change between the compared period and now, and each
 * dimension's values ranked by their part in it. The engine rows (two totals, two per dimension)
 * are cached like a panel's answer; the ranking is computed from them on every request.
 */
export async function answerExplain(
  rt: Answering,
  req: ExplainRequest & { tenant: string; locked: readonly Filter[]; signal?: AbortSignal },
): Promise<ExplainResponse> {
  const { dashboard, panel, view, dataUntil } = await panelInView(rt, req);
  const plan = planExplain({ dashboard, panel, measure: req.measure, view, tenant: req.tenant, dataUntil });
  const specs = [plan.totals.now, plan.totals.before, ...plan.dimensions.flatMap((d) => [d.now, d.before])];
  const key = cacheKey({ engine: rt.engine.name, tenant: req.tenant, scope: `explain:${dashboard.id}@${dashboard.version}:${plan.measure.id}`, grain: 'PT1M', view, window: plan.interval });
  const got = await cached(rt, req.tenant, key, { ttlMs: TTL_LIVE_MS }, req.signal, async (signal, priority) => {
    const started = performance.now();
    const opts = { signal, priority, timeoutMs: rt.queryTimeoutMs, tz: view.tz };
    // One spec's rows after another's, each row tagged with its spec's index.
    const rows: Row[] = [];
    for (const [i, spec] of specs.entries()) {
      for (const row of await runSpec(rt.engine, spec, { ...opts, queryId: `pulse-explain-${randomUUID()}` })) rows.push([i, ...row]);
    }
    const answer = { interval: plan.interval, dataUntil, columns: [], rows, compare: null, queryMs: performance.now() - started };
    return { ...answer, bytes: JSON.stringify(rows).length };
  });
  const bySpec = specs.map((_, i) => got.value.rows.filter((r) => r[0] === i).map((r) => r.slice(1)));
  return {
    ...ranked(plan, bySpec, (id) => dashboard.dimensions.find((d) => d.id === id)?.label ?? id),
    meta: { engine: rt.engine.name, cache: got.status, ageMs: got.ageMs, queryMs: Math.round(got.value.queryMs * 10) / 10, dataUntil: new Date(got.value.dataUntil).toISOString() },
  };
}

/** The engine's rows (totals now and before, then each dimension's now and before) as the answer. */
export function ranked(plan: ExplainPlan, rows: Row[][], labelOf: (dim: string) => string): Omit<ExplainResponse, 'meta'> {
  const width = plan.decomposition === 'sum' ? 1 : 2;
  const parts = (row: Row | undefined, from: number): Parts => Array.from({ length: width }, (_, i) => Number(row?.[from + i] ?? 0));
  const totals = { now: parts(rows[0]?.[0], 0), before: parts(rows[1]?.[0], 0) };
  const byValue = (rs: Row[]) => new Map(rs.map((r) => [r[0] === null ? null : String(r[0]), parts(r, 1)]));
  const dimensions = plan.dimensions.map(({ dimension }, i) => {
    const [now, before] = [rows[2 + 2 * i] ?? [], rows[3 + 2 * i] ?? []];
    const all = contributions(plan.decomposition, totals, { now: byValue(now), before: byValue(before) });
    // A full page of values in either period: there may be more than were read.
    return { dimension, label: labelOf(dimension), complete: now.length < EXPLAIN_VALUES && before.length < EXPLAIN_VALUES, values: all.slice(0, TOP) };
  });
  const size = (c: { contribution: number }) => Math.abs(c.contribution);
  const top = dimensions
    .flatMap((d) => d.values.map((c) => ({ ...c, dimension: d.dimension })))
    .sort((a, b) => size(b) - size(a) || a.dimension.localeCompare(b.dimension) || String(a.value).localeCompare(String(b.value)))
    .slice(0, TOP);
  const { id, label, format } = plan.measure;
  return {
    measure: { id, label, format },
    decomposition: plan.decomposition,
    compare: plan.compare,
    interval: isoInterval(plan.interval),
    compareInterval: isoInterval(plan.compareInterval),
    ...change(plan.decomposition, totals.now, totals.before),
    dimensions,
    top,
  };
}
