import 'server-only';
import type { Alert, AlertState } from '@/lib/contract/alerts';
import { ruleDefaultsFor } from '@/lib/contract/admin';
import { freshness, type Answering } from '@/lib/service/service';
import type { AlertStateRow } from '@/lib/store/alert-states';
import type { Store } from '@/lib/store/store';
import { autoResolved, groupIncidents, ruleSource, thresholdOf, type Incident } from './incidents';
import { alertHref } from './links';
import { recentAlertRows } from './recent';

export type InboxDeps = Answering & { store: Store };

/** An incident with what people did to it: open without a state; resolved automatically once its rule stays quiet. */
function alertOf(incident: Incident, row: AlertStateRow | undefined, quiet: boolean, thresholds: { defaults: Record<string, Record<string, number>>; overrides: Record<string, Record<string, number>> }, tz: string): Alert {
  const state: AlertState = quiet || row?.state === 'resolved' ? 'resolved' : (row?.state ?? 'open');
  return {
    id: incident.id,
    at: new Date(incident.end).toISOString(),
    rule: incident.rule,
    severity: incident.severity,
    message: incident.message,
    value: incident.value,
    href: alertHref({ rule: incident.rule, window_start: incident.start, window_end: incident.end }, tz),
    start: new Date(incident.start).toISOString(),
    durationMs: incident.end - incident.start,
    windows: incident.windows,
    threshold: thresholdOf(incident, thresholds.defaults, thresholds.overrides),
    state,
    // Someone's resolution stands as theirs even when the rule has gone quiet since.
    resolvedAutomatically: state === 'resolved' && row?.state !== 'resolved',
    note: row?.note ?? null,
    by: row?.by ?? null,
    byName: row?.byName ?? null,
    changedAt: row ? row.at.toISOString() : null,
  };
}

/** The tenant's alerts of the last day (newest first) with their states, and how many are open. */
export async function alertInbox(rt: InboxDeps, tenant: string, tz: string, opts: { signal?: AbortSignal } = {}): Promise<{ alerts: Alert[]; open: number }> {
  const incidents = groupIncidents(await recentAlertRows(rt, tenant, opts));
  const [states, overrides, clocks] = await Promise.all([
    rt.store.alertStates.forAlerts(
      tenant,
      incidents.map((i) => i.id),
    ),
    rt.store.thresholds.forTenant(tenant),
    Promise.all([...new Set(incidents.map((i) => ruleSource(i.rule)))].map(async (ds) => [ds, await freshness(rt, ds, tenant)] as const)),
  ]);
  const byId = new Map(states.map((s) => [s.alertId, s]));
  const clock = new Map(clocks);
  const alerts = incidents.map((i) => alertOf(i, byId.get(i.id), autoResolved(i, clock.get(ruleSource(i.rule))!), { defaults: ruleDefaultsFor(tenant), overrides }, tz));
  return { alerts, open: alerts.filter((a) => a.state === 'open').length };
}
