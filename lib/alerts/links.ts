/** Where an alert or an annotation takes a person: the dashboard view of its moment, compared with the week before. */
import { encodeView } from '@/lib/view/codec';
import { ViewSchema, type Filter } from '@/lib/view/schema';

const DASHBOARD_OF_RULE: Record<string, string> = {
  login_spike: 'security-logins',
  consumer_lag_rising: 'topics-clients',
  under_replicated: 'cluster-overview',
};

/** The dashboard an alert rule watches (its datasource is the one the alert concerns); the Alerts dashboard for others. */
function dashboardOfRule(rule: string): string {
  return DASHBOARD_OF_RULE[rule] ?? 'alerts';
}

/** Context on both sides of the window, so the spike is seen against what came before it. */
const BEFORE_MS = 2 * 3_600_000;
const AFTER_MS = 3_600_000;

/** The dashboard around [start, end] with compare on the week before, narrowed by `filters`. */
export function compareHref(dashboard: string, window: { start: number; end: number }, tz = 'UTC', filters: Filter[] = []): string {
  const view = ViewSchema.parse({
    range: { start: new Date(window.start - BEFORE_MS).toISOString(), end: new Date(window.end + AFTER_MS).toISOString() },
    tz,
    compare: 'P1W',
    filters,
  });
  return `/d/${encodeURIComponent(dashboard)}?${encodeView(view)}`;
}

export function alertHref(alert: { rule: string; window_start: number; window_end: number }, tz = 'UTC'): string {
  return compareHref(dashboardOfRule(alert.rule), { start: alert.window_start, end: alert.window_end }, tz);
}
