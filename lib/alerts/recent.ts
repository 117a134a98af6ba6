import 'server-only';
import { randomUUID } from 'node:crypto';
import { codeMeasure } from '@/lib/dashboards/measure';
import { findDatasource } from '@/lib/dashboards/registry';
import { runSpec } from '@/lib/service/run-spec';
import { cached, freshness, type Answering } from '@/lib/service/service';
import type { AlertRow } from './incidents';

const DAY_MS = 86_400_000;
/** Like a live panel's answer: the inbox and the badge poll, and a few seconds of age are fine for them. */
const ALERTS_TTL_MS = 5_000;
/** A day of firing windows: one rule firing every 5-minute window all day is 288. */
const ROW_LIMIT = 1_000;
const latest = (field: string) => codeMeasure(findDatasource('alerts')!, { id: field, type: 'max', field });

/**
 * The tenant's alert rows of the last day, one per firing window. The span is fixed (a day up to
 * the tenant's newest alert data); the rows are cached per tenant and a miss is admitted like any
 * other engine query, so a burst of polls is one engine query or a 429.
 */
export async function recentAlertRows(rt: Answering, tenant: string, opts: { signal?: AbortSignal } = {}): Promise<AlertRow[]> {
  const key = `${rt.engine.name}:${tenant}:alert-rows:${ROW_LIMIT}`;
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
        measures: [latest('value'), latest('threshold'), latest('window_start'), latest('window_end')],
        orderBy: [{ column: 't', dir: 'desc' }, { column: 'rule', dir: 'asc' }],
        limit: ROW_LIMIT,
      },
      { signal, priority, timeoutMs: rt.queryTimeoutMs, queryId: `pulse-alerts-${randomUUID()}`, tz: 'UTC' },
    );
    return { interval, dataUntil: until, columns: [], rows, compare: null, queryMs: performance.now() - started, bytes: JSON.stringify(rows).length };
  });
  return got.value.rows.map(([, rule, severity, message, value, threshold, windowStart, windowEnd]) => ({
    rule: String(rule),
    severity: String(severity),
    message: String(message),
    value: value == null ? null : Number(value),
    threshold: threshold == null ? null : Number(threshold),
    windowStart: Number(windowStart),
    windowEnd: Number(windowEnd),
  }));
}
