/**
 * PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/):
 * a trigger per incident and a resolve with the same dedup_key (the incident id). The routing key
 * is added when sending (senders.ts), so the outbox never holds it.
 */
import { headline, valueVsThreshold, type AlertNotice } from './notice';

/** Our severities as PagerDuty's (critical, error, warning, info). */
const PD_SEVERITY: Record<string, 'critical' | 'error' | 'warning' | 'info'> = { critical: 'critical', warning: 'warning', info: 'info' };

export type PagerDutyEvent =
  | { event_action: 'trigger'; dedup_key: string; payload: Record<string, unknown>; links: { href: string; text: string }[]; client: string; client_url: string }
  | { event_action: 'resolve'; dedup_key: string };

export function pagerDutyEvent(n: AlertNotice): PagerDutyEvent {
  if (n.event === 'resolve') return { event_action: 'resolve', dedup_key: n.incidentId };
  return {
    event_action: 'trigger',
    dedup_key: n.incidentId,
    payload: {
      summary: headline(n).slice(0, 1024),
      severity: PD_SEVERITY[n.severity] ?? 'warning',
      source: `pulseboard/${n.tenant}`,
      timestamp: new Date(n.at).toISOString(),
      component: n.rule,
      group: n.tenant,
      class: n.rule,
      custom_details: {
        rule: n.rule,
        message: n.message,
        value_vs_threshold: valueVsThreshold(n),
        value: n.value,
        threshold: n.threshold,
        window_start: new Date(n.windowStart).toISOString(),
        window_end: new Date(n.windowEnd).toISOString(),
      },
    },
    links: [{ href: n.href, text: 'Open the chart' }],
    client: 'Pulseboard',
    client_url: n.href,
  };
}
