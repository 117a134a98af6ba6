/** Where an alert takes a person: the dashboard view of its window, compared with the week before. */
import { encodeView } from '@/lib/view/codec';
import { ViewSchema } from '@/lib/view/schema';

const DASHBOARD_OF_RULE: Record<string, string> = {
  login_spike: 'security-logins',
  consumer_lag_rising: 'topics-clients',
  under_replicated: 'cluster-overview',
};

/** Context on both sides of the window, so the spike is seen against what came before it. */
const BEFORE_MS = 2 * 3_600_000;
const AFTER_MS = 3_600_000;

export function alertHref(alert: { rule: string; window_start: number; window_end: number }, tz = 'UTC'): string {
  const dashboard = DASHBOARD_OF_RULE[alert.rule] ?? 'alerts';
  const view = ViewSchema.parse({
    range: { start: new Date(alert.window_start - BEFORE_MS).toISOString(), end: new Date(alert.window_end + AFTER_MS).toISOString() },
    tz,
    compare: 'P1W',
  });
  return `/d/${dashboard}?${encodeView(view)}`;
}
