import 'server-only';
import { autoResolved, ruleSource } from '../incidents';
import type { DestinationAnnouncer } from './announcer';
import type { DestinationStore, IncidentNotice } from './destination-store';

export type SweepDeps = {
  store: Pick<DestinationStore, 'openIncidents'>;
  announcer: Pick<DestinationAnnouncer, 'announceResolution'>;
  /** How far a datasource's data is complete for a tenant (the service's freshness): the rules' clock. */
  clock: (datasource: 'logins' | 'cluster_metrics' | 'alerts', tenant: string) => Promise<number>;
  /** The incidents of these the tenant's people have resolved (alert_states), with who did. */
  resolvedByPeople: (tenant: string, ids: string[]) => Promise<Map<string, string>>;
  /** A tenant whose pass failed (its data's freshness unknown, say): the others are still swept. */
  onError?: (tenant: string, err: unknown) => void;
};

/**
 * One pass over the incidents announced to destinations and not yet resolved: each that a person
 * resolved (the alert inbox) or that resolved automatically (its rule stayed quiet, the same
 * decision the inbox makes) has its resolution announced. The inbox's resolve route announces at
 * once; this pass is what makes it certain, and the only path for automatic resolution.
 */
export async function sweepResolutions(deps: SweepDeps, limit = 500): Promise<number> {
  const open = await deps.store.openIncidents(limit);
  const byTenant = new Map<string, typeof open>();
  for (const i of open) byTenant.set(i.tenant, [...(byTenant.get(i.tenant) ?? []), i]);
  let announced = 0;
  for (const [tenant, incidents] of byTenant) {
    try {
      announced += await sweepTenant(deps, tenant, incidents);
    } catch (err) {
      deps.onError?.(tenant, err);
    }
  }
  return announced;
}

async function sweepTenant(deps: SweepDeps, tenant: string, incidents: IncidentNotice[]): Promise<number> {
  const people = await deps.resolvedByPeople(
    tenant,
    incidents.map((i) => i.incidentId),
  );
  const clocks = new Map<string, number>();
  let announced = 0;
  for (const i of incidents) {
    const source = ruleSource(i.rule);
    if (!clocks.has(source)) clocks.set(source, await deps.clock(source, tenant));
    const by = people.get(i.incidentId);
    if (by === undefined && !autoResolved({ end: i.windowEnd, windowMs: i.windowMs }, clocks.get(source)!)) continue;
    await deps.announcer.announceResolution(i, by ?? null);
    announced++;
  }
  return announced;
}
