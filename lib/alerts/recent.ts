import 'server-only';
import { randomUUID } from 'node:crypto';
import { codeMeasure } from '@/lib/dashboards/measure';
import { findDatasource } from '@/lib/dashboards/registry';
import { runSpec } from '@/lib/service/run-spec';
import { cached, freshness, type Answering } from '@/lib/service/service';
import { alertHref } from './links';

const DAY_MS = 86_400_000;
/** Like a live panel's answer: the indicator polls, and a few seconds of age are fine for it. */
const ALERTS_TTL_MS = 5_000;
const latest = (field: string) => codeMeasure(findDatasource('alerts')!, { id: field, type: 'max', field });

/**
 * The tenant's alerts of the last day (newest first), each with the link to its dashboard view.
 * The span is fixed (a day up to the tenant's newest alert data); the rows are cached per tenant
 * and a miss is admitted like any other engine query, so a burst of polls is one engine query or a 429.
 */
export async function recentAlerts(rt: Answering, tenant: string, tz: string, opts: { limit?: number; signal?: AbortSignal } = {}) {
  const limit = opts.limit ?? 20;
  const key = `${rt.engine.name}:${tenant}:alerts:${limit}`;
  const got = await cached(rt, tenant, key, { ttlMs: ALERTS_TTL_MS }, opts.signal, async (signal, priority) => {
    const until = await freshness(rt, 'alerts', tenant);
    const interval = { start: until - DAY_MS, end: until + 1 };
    const started = performance.now();
    const rows = await runSpec(
      rt.engine,
      {
        datasource: 'alerts',
        tenant,
        interval,
        tz: 'UTC',
        filters: [],
        bucket: 'PT1M',
        dimensions: ['rule', 'severity', 'message'],
        measures: [latest('value'), latest('window_start'), latest('window_end')],
        orderBy: [{ column: 't', dir: 'desc' }, { column: 'rule', dir: 'asc' }],
        limit,
      },
      { signal, priority, timeoutMs: rt.queryTimeoutMs, queryId: `pulse-alerts-${randomUUID()}`, tz: 'UTC' },
    );
    return { interval, dataUntil: until, columns: [], rows, compare: null, queryMs: performance.now() - started, bytes: JSON.stringify(rows).length };
  });
  // The links depend on the zone, the rows do not: one cached answer serves every zone.
  return got.value.rows.map(([t, rule, severity, message, value, windowStart, windowEnd]) => {
    const alert = { rule: String(rule), window_start: Number(windowStart), window_end: Number(windowEnd) };
    return { at: new Date(Number(t)).toISOString(), rule: String(rule), severity: String(severity), message: String(message), value: value == null ? null : Number(value), href: alertHref(alert, tz) };
  });
}
