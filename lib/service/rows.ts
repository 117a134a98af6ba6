import 'server-only';
import { randomUUID } from 'node:crypto';
import { cacheKey } from '@/lib/cache/key';
import { ROWS_CAP, type RowsRequest, type RowsResponse } from '@/lib/contract/rows';
import { planRows } from '@/lib/query/rows';
import type { Filter } from '@/lib/view/schema';
import { runSpec } from './run-spec';
import { TTL_LIVE_MS, cached, isoInterval, panelInView, type Answering } from './service';

/**
 * "Show the rows": the first ROWS_CAP stored rows behind a panel (or the clicked bucket and
 * values), newest first, read once and cached like a panel's answer (one more row than listed
 * says whether there are more); each page is a slice of them.
 */
export async function answerRows(rt: Answering, req: RowsRequest & { tenant: string; locked: readonly Filter[]; signal?: AbortSignal }): Promise<RowsResponse> {
  // Only the bound view from here on: the plan, the SQL and the cache key carry the locked filters.
  const { dashboard, panel, view, dataUntil } = await panelInView(rt, req);
  const plan = planRows({ dashboard, panel, view, at: req.at, tenant: req.tenant, dataUntil, limit: ROWS_CAP + 1 });
  const key = cacheKey({
    engine: rt.engine.name,
    tenant: req.tenant,
    scope: `rows:${dashboard.id}@${dashboard.version}:${panel.id}`,
    grain: plan.grain,
    // The clicked values are filters of the rows' view.
    view: { ...view, filters: plan.spec.filters },
    window: plan.interval,
  });
  const got = await cached(rt, req.tenant, key, { ttlMs: TTL_LIVE_MS }, req.signal, async (signal, priority) => {
    const started = performance.now();
    const rows = await runSpec(rt.engine, plan.spec, { signal, priority, timeoutMs: rt.queryTimeoutMs, queryId: `pulse-rows-${randomUUID()}`, tz: view.tz });
    const answer = { interval: plan.interval, dataUntil, columns: [], rows, compare: null, queryMs: performance.now() - started };
    return { ...answer, bytes: JSON.stringify(rows).length };
  });
  const listed = got.value.rows.slice(0, ROWS_CAP);
  const from = req.page * req.pageSize;
  return {
    columns: plan.columns,
    rows: listed.slice(from, from + req.pageSize).map((r) => r.map((c) => (typeof c === 'boolean' ? String(c) : c))),
    page: req.page,
    pageSize: req.pageSize,
    total: listed.length,
    capped: got.value.rows.length > ROWS_CAP,
    more: from + req.pageSize < listed.length,
    meta: {
      engine: rt.engine.name,
      cache: got.status,
      ageMs: got.ageMs,
      queryMs: Math.round(got.value.queryMs * 10) / 10,
      interval: isoInterval(plan.interval),
      grain: plan.grain,
      dataUntil: new Date(got.value.dataUntil).toISOString(),
    },
  };
}
