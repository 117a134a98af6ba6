import 'server-only';
import { randomUUID } from 'node:crypto';
import { codeMeasure } from '@/lib/dashboards/measure';
import { findDatasource } from '@/lib/dashboards/registry';
import { runSpec } from '@/lib/service/run-spec';
import { cached, freshness, type Answering } from '@/lib/service/service';
import type { AlertRow } from './incidents';

const DAY_MS = 86_400_000;
/** Like a live panel's answer: the inbox, the badge and the charts' alert marks poll, and a few seconds of age are fine for them. */
const ALERTS_TTL_MS = 5_000;
/** A day of firing windows: one rule firing every 5-minute window all day is 288. */
const ROW_LIMIT = 1_000;
const latest = (field: string) => codeMeasure(findDatasource('alerts')!, { id: field, type: 'max', field });

/** One firing window as the alerts datasource holds it, with the minute it was raised (epoch ms). */
export type AlertWindow = AlertRow & { at: number };

type Window = { start: number; end: number };

/**
 * The tenant's alert rows in a window (newest first, at most `limit`), one per firing window,
 * cached per tenant under `key` for a few seconds; a miss is admitted like any other engine
 * query, so a burst of polls is one engine query or a 429.
 */
async function alertRows(rt: Answering, tenant: string, key: string, window: (until: number) => Window, limit: number, signal?: AbortSignal): Promise<AlertWindow[]> {
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
        measures: [latest('value'), latest('threshold'), latest('window_start'), latest('window_end')],
        orderBy: [{ column: 't', dir: 'desc' }, { column: 'rule', dir: 'asc' }],
        limit,
      },
      { signal, priority, timeoutMs: rt.queryTimeoutMs, queryId: `pulse-alerts-${randomUUID()}`, tz: 'UTC' },
    );
    return { interval, dataUntil: until, columns: [], rows, compare: null, queryMs: performance.now() - started, bytes: JSON.stringify(rows).length };
  });
  return got.value.rows.map(([t, rule, severity, message, value, threshold, windowStart, windowEnd]) => ({
    at: Number(t),
    rule: String(rule),
    severity: String(severity),
    message: String(message),
    value: value == null ? null : Number(value),
    threshold: threshold == null ? null : Number(threshold),
    windowStart: Number(windowStart),
    windowEnd: Number(windowEnd),
  }));
}

/** The tenant's alert rows of the last day (a day up to the tenant's newest alert data): the inbox's and the badge's. */
export function recentAlertRows(rt: Answering, tenant: string, opts: { signal?: AbortSignal } = {}): Promise<AlertWindow[]> {
  return alertRows(rt, tenant, 'recent', (until) => ({ start: until - DAY_MS, end: until + 1 }), ROW_LIMIT, opts.signal);
}

/** The tenant's alerts raised in [start, end) (newest first, at most `limit`): the annotations' read-only part. */
export function alertsIn(rt: Answering, tenant: string, interval: Window, opts: { limit: number; signal?: AbortSignal }): Promise<AlertWindow[]> {
  return alertRows(rt, tenant, `${interval.start}-${interval.end}`, () => interval, opts.limit, opts.signal);
}
