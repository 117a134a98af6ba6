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

/** One alert as the alerts datasource holds it (times in epoch ms). */
export type AlertRow = { at: number; rule: string; severity: string; message: string; value: number | null; windowStart: number; windowEnd: number };

type Window = { start: number; end: number };

/**
 * The tenant's alerts in a window (newest first, at most `limit`), cached per tenant under `key`
 * for a few seconds; a miss is admitted like any other engine query, so a burst of polls is one
 * engine query or a 429.
 */
async function alertRows(rt: Answering, tenant: string, key: string, window: (until: number) => Window, limit: number, signal?: AbortSignal): Promise<AlertRow[]> {
  const got = await cached(rt, tenant, `${rt.engine.name}:${tenant}:alerts:${key}:${limit}`, { ttlMs: ALERTS_TTL_MS }, signal, async (signal, priority) => {
    const until = await freshness(rt, 'alerts', tenant);
    const interval = window(until);
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
  return got.value.rows.map(([t, rule, severity, message, value, windowStart, windowEnd]) => ({
    at: Number(t),
    rule: String(rule),
    severity: String(severity),
    message: String(message),
    value: value == null ? null : Number(value),
    windowStart: Number(windowStart),
    windowEnd: Number(windowEnd),
  }));
}

/**
 * The tenant's alerts of the last day (newest first), each with the link to its dashboard view.
 * The span is fixed (a day up to the tenant's newest alert data).
 */
export async function recentAlerts(rt: Answering, tenant: string, tz: string, opts: { limit?: number; signal?: AbortSignal } = {}) {
  const rows = await alertRows(rt, tenant, 'recent', (until) => ({ start: until - DAY_MS, end: until + 1 }), opts.limit ?? 20, opts.signal);
  // The links depend on the zone, the rows do not: one cached answer serves every zone.
  return rows.map((a) => ({
    at: new Date(a.at).toISOString(),
    rule: a.rule,
    severity: a.severity,
    message: a.message,
    value: a.value,
    href: alertHref({ rule: a.rule, window_start: a.windowStart, window_end: a.windowEnd }, tz),
  }));
}

/** The tenant's alerts raised in [start, end) (newest first, at most `limit`): the annotations' read-only part. */
export function alertsIn(rt: Answering, tenant: string, interval: Window, opts: { limit: number; signal?: AbortSignal }): Promise<AlertRow[]> {
  return alertRows(rt, tenant, `${interval.start}-${interval.end}`, () => interval, opts.limit, opts.signal);
}
