import 'server-only';
import { randomUUID } from 'node:crypto';
import { codeMeasure } from '@/lib/dashboards/measure';
import { findDatasource } from '@/lib/dashboards/registry';
import { runSpec } from '@/lib/service/run-spec';
import { freshness, toAppError, type Answering } from '@/lib/service/service';
import { alertHref } from './links';

const DAY_MS = 86_400_000;
const latest = (field: string) => codeMeasure(findDatasource('alerts')!, { id: field, type: 'max', field });

/** The tenant's alerts of the last day (newest first), each with the link to its dashboard view. */
export async function recentAlerts(rt: Pick<Answering, 'engine' | 'freshness' | 'queryTimeoutMs'>, tenant: string, tz: string, limit = 20) {
  const until = await freshness(rt, 'alerts', tenant);
  try {
    const rows = await runSpec(
      rt.engine,
      {
        datasource: 'alerts',
        tenant,
        interval: { start: until - DAY_MS, end: until + 1 },
        tz: 'UTC',
        filters: [],
        bucket: 'PT1M',
        dimensions: ['rule', 'severity', 'message'],
        measures: [latest('value'), latest('window_start'), latest('window_end')],
        orderBy: [{ column: 't', dir: 'desc' }, { column: 'rule', dir: 'asc' }],
        limit,
      },
      { timeoutMs: rt.queryTimeoutMs, queryId: `pulse-alerts-${randomUUID()}`, tz: 'UTC', priority: 5 },
    );
    return rows.map(([t, rule, severity, message, value, windowStart, windowEnd]) => {
      const alert = { rule: String(rule), window_start: Number(windowStart), window_end: Number(windowEnd) };
      return { at: new Date(Number(t)).toISOString(), rule: String(rule), severity: String(severity), message: String(message), value: value == null ? null : Number(value), href: alertHref(alert, tz) };
    });
  } catch (err) {
    throw toAppError(err);
  }
}
