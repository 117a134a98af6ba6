/**
 * From alert rows to the inbox's incidents, as pure functions: the id, the grouping of
 * consecutive firing windows and the automatic resolution. The engines return the same rows,
 * so every read on either engine gives the same incidents and ids.
 */
import { createHash } from 'node:crypto';

/** One row of the `alerts` datasource: one firing window of a rule (times in epoch ms). */
export type AlertRow = {
  rule: string;
  severity: string;
  message: string;
  value: number | null;
  threshold: number | null;
  windowStart: number;
  windowEnd: number;
};

/** Consecutive firing windows of one rule about one subject (its message). */
export type Incident = {
  id: string;
  rule: string;
  severity: string;
  message: string;
  /** The latest window's value and threshold: what the rule decided last. */
  value: number | null;
  threshold: number | null;
  start: number;
  end: number;
  /** The length of the last firing window: how long the rule must stay quiet to resolve it. */
  windowMs: number;
  windows: number;
};

const SEVERITY_RANK: Record<string, number> = { info: 0, warning: 1, critical: 2 };

/**
 * Stable and opaque: the first 16 bytes of SHA-256 over the rule, the window start and the
 * message (several subjects of one rule, such as consumers, can fire in the same window), base64url.
 */
export function alertId(row: Pick<AlertRow, 'rule' | 'windowStart' | 'message'>): string {
  return createHash('sha256').update(`${row.rule}\n${row.windowStart}\n${row.message}`).digest('base64url').slice(0, 22);
}

/**
 * Groups rows into incidents: windows of the same rule and message that touch or overlap (the
 * next starts no later than the previous ends) are one incident, named by its first window.
 * Newest incident first.
 */
export function groupIncidents(rows: AlertRow[]): Incident[] {
  const sorted = [...rows].sort((a, b) => a.windowStart - b.windowStart || a.windowEnd - b.windowEnd);
  const open = new Map<string, Incident>();
  const out: Incident[] = [];
  for (const r of sorted) {
    const key = `${r.rule}\n${r.message}`;
    const current = open.get(key);
    if (current && r.windowStart <= current.end) {
      current.end = Math.max(current.end, r.windowEnd);
      current.windowMs = r.windowEnd - r.windowStart;
      current.value = r.value;
      current.threshold = r.threshold;
      current.windows += 1;
      if ((SEVERITY_RANK[r.severity] ?? 0) > (SEVERITY_RANK[current.severity] ?? 0)) current.severity = r.severity;
      continue;
    }
    const incident: Incident = {
      id: alertId(r),
      rule: r.rule,
      severity: r.severity,
      message: r.message,
      value: r.value,
      threshold: r.threshold,
      start: r.windowStart,
      end: r.windowEnd,
      windowMs: r.windowEnd - r.windowStart,
      windows: 1,
    };
    open.set(key, incident);
    out.push(incident);
  }
  return out.sort((a, b) => b.end - a.end || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message) || a.id.localeCompare(b.id));
}

/**
 * Resolved automatically once the rule's input is complete past one full window after the last
 * firing window without the rule firing again (a firing next window would have joined the incident).
 * `clock` is how far the rule's input data is complete, not the wall clock: a stalled pipeline
 * resolves nothing.
 */
export function autoResolved(incident: Pick<Incident, 'end' | 'windowMs'>, clock: number): boolean {
  return clock > incident.end + Math.max(incident.windowMs, 60_000);
}

/** What each rule compares, in which unit, with which parameter, and whose data it reads. */
const RULES: Record<string, { parameter: string; unit: string; comparison: '>=' | '>'; source: 'logins' | 'cluster_metrics'; measured: 'value' | 'minutes' }> = {
  login_spike: { parameter: 'minFailures', unit: 'failed logins per window', comparison: '>=', source: 'logins', measured: 'value' },
  consumer_lag_rising: { parameter: 'minLag', unit: 'messages of consumer lag', comparison: '>=', source: 'cluster_metrics', measured: 'value' },
  under_replicated: { parameter: 'minutes', unit: 'minutes under-replicated', comparison: '>', source: 'cluster_metrics', measured: 'minutes' },
};

/** The datasource a rule reads: how far it is complete is how far the rule has been decided. */
export function ruleSource(rule: string): 'logins' | 'cluster_metrics' | 'alerts' {
  return RULES[rule]?.source ?? 'alerts';
}

/**
 * The incident's value against its threshold: what the rule measured, the threshold the job
 * compared it with, and the parameter in force for the tenant now (its override, else the default).
 */
export function thresholdOf(incident: Pick<Incident, 'rule' | 'value' | 'threshold' | 'start' | 'end'>, defaults: Record<string, Record<string, number>>, overrides: Record<string, Record<string, number>>) {
  const rule = RULES[incident.rule];
  const parameter = rule?.parameter ?? null;
  const override = parameter === null ? undefined : overrides[incident.rule]?.[parameter];
  const fallback = parameter === null ? undefined : defaults[incident.rule]?.[parameter];
  return {
    measured: rule?.measured === 'minutes' ? Math.round((incident.end - incident.start) / 6_000) / 10 : incident.value,
    value: incident.threshold,
    comparison: rule?.comparison ?? '>=',
    unit: rule?.unit ?? '',
    parameter,
    inForce: override ?? fallback ?? null,
    source: override !== undefined ? ('override' as const) : fallback !== undefined ? ('default' as const) : null,
  };
}
