import 'server-only';
import type { DestinationAnnouncer } from '@/lib/alerts/destinations/announcer';
import type { StoredDestination } from '@/lib/alerts/destinations/destination-store';
import { destinationView, type DestinationRegistry } from '@/lib/alerts/destinations/registry';
import type { Outbox } from '@/lib/alerts/outbox';
import type { User } from '@/lib/auth/users';
import type { DestinationCreate, DestinationUpdate, DestinationView } from '@/lib/contract/destinations';
import type { Store } from '@/lib/store/store';

/**
 * The logic of /api/destinations (admins of the session's tenant only; the routes check). Every
 * change is audited with the destination's id, kind and name, never its secret; an id of another
 * tenant's destination is "not found" (404 at id), exactly like an id that names nothing.
 */
export type DestinationDeps = { destinations: { registry: DestinationRegistry; announcer: DestinationAnnouncer }; outbox: Pick<Outbox, 'latestPerDestination'>; store: Pick<Store, 'audit'> };

const detail = (d: StoredDestination) => ({ kind: d.kind, name: d.name, severities: d.severities });

export async function listDestinations(rt: DestinationDeps, tenant: string): Promise<DestinationView[]> {
  const [all, latest] = await Promise.all([rt.destinations.registry.list(tenant), rt.outbox.latestPerDestination(tenant)]);
  return all.map((d) => destinationView(d, latest.get(d.id)));
}

async function viewOf(rt: DestinationDeps, d: StoredDestination): Promise<DestinationView> {
  return destinationView(d, (await rt.outbox.latestPerDestination(d.tenant)).get(d.id));
}

export async function addDestination(rt: DestinationDeps, admin: User, input: DestinationCreate): Promise<DestinationView> {
  const d = await rt.destinations.registry.create(admin.tenant, input);
  await rt.store.audit.record({ tenant: admin.tenant, actor: admin.email, action: 'destination_added', target: d.id, detail: detail(d) });
  return viewOf(rt, d);
}

export async function changeDestination(rt: DestinationDeps, admin: User, id: string, input: DestinationUpdate): Promise<DestinationView> {
  const d = await rt.destinations.registry.update(admin.tenant, id, input);
  await rt.store.audit.record({ tenant: admin.tenant, actor: admin.email, action: 'destination_changed', target: d.id, detail: detail(d) });
  return viewOf(rt, d);
}

export async function removeDestination(rt: DestinationDeps, admin: User, id: string): Promise<void> {
  const d = await rt.destinations.registry.remove(admin.tenant, id);
  await rt.store.audit.record({ tenant: admin.tenant, actor: admin.email, action: 'destination_removed', target: d.id, detail: detail(d) });
}

/** Queues a test message to the destination through the outbox; the delivery ids. */
export async function testDestination(rt: DestinationDeps, admin: User, id: string): Promise<string[]> {
  const d = await rt.destinations.registry.get(admin.tenant, id);
  const ids = await rt.destinations.announcer.test(d);
  await rt.store.audit.record({ tenant: admin.tenant, actor: admin.email, action: 'destination_tested', target: d.id, detail: detail(d) });
  return ids;
}
