/**
 * What every destination's message says about one incident event, derived once: the rule, the
 * value against the threshold, the window in the destination's zone and the chart link. The
 * format builders (slack.ts, pagerduty.ts, email.ts) only lay it out.
 */
import { thresholdOf, type AlertRow } from '../incidents';

export type NoticeEvent = 'trigger' | 'resolve' | 'test';

/** One incident event as its messages tell it: the incident's rule, severity, message, value and window (an AlertRow), and what happened. */
export type AlertNotice = AlertRow & {
  event: NoticeEvent;
  tenant: string;
  /** The incident id: PagerDuty's dedup_key, the same for the trigger and the resolve. */
  incidentId: string;
  /** When the event happened (the alert's window end, the resolution, the test). */
  at: number;
  /** Absolute link to the alert's dashboard view. */
  href: string;
  tz: string;
  /** For a resolution: who resolved it, or null when the rule went quiet. */
  resolvedBy?: string | null;
};

const number = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));

/** "42 failed logins per window ≥ 20", or what is known of it. */
export function valueVsThreshold(n: Pick<AlertNotice, 'rule' | 'value' | 'threshold' | 'windowStart' | 'windowEnd'>): string {
  const t = thresholdOf({ rule: n.rule, value: n.value, threshold: n.threshold, start: n.windowStart, end: n.windowEnd }, {}, {});
  const measured = t.measured === null ? 'unknown' : number(t.measured);
  const unit = t.unit ? ` ${t.unit}` : '';
  return t.value === null ? `${measured}${unit}` : `${measured}${unit} ${t.comparison === '>' ? '>' : '≥'} ${number(t.value)}`;
}

const format = (tz: string) => new Intl.DateTimeFormat('en-GB', { timeZone: tz, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });

/** A time in the destination's zone, with the zone's name: "4 Dec 2026, 06:05 CET". */
export function localTime(ms: number, tz: string): string {
  return format(tz).format(ms);
}

/** The window in the destination's zone: "4 Dec 2026, 06:00 – 06:05 CET". */
export function localWindow(start: number, end: number, tz: string): string {
  return format(tz).formatRange(start, end);
}

const SEVERITY_LABEL: Record<string, string> = { info: 'Info', warning: 'Warning', critical: 'Critical' };

/** The one-line headline every format starts from. */
export function headline(n: AlertNotice): string {
  if (n.event === 'test') return `Test from Pulseboard (${n.tenant}): this destination is set up`;
  const sev = SEVERITY_LABEL[n.severity] ?? n.severity;
  if (n.event === 'resolve') return `Resolved: ${n.rule} — ${n.message}`;
  return `${sev}: ${n.rule} — ${n.message}`;
}

/** How the resolution came about, for people. */
export function resolutionText(n: AlertNotice): string {
  return n.resolvedBy ? `Resolved by ${n.resolvedBy} at ${localTime(n.at, n.tz)}.` : `Resolved automatically at ${localTime(n.at, n.tz)}: the rule stayed quiet for a full window.`;
}
