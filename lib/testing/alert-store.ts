/**
 * The app's alert store (webhooks and outbox in the app-state database) on a test database of
 * its own (lib/testing/store.ts: PGlite, or PostgreSQL under npm run test:postgres), with tenants.
 */
import { DbAlertStore } from '@/lib/alerts/db-alert-store';
import { DbDestinationStore } from '@/lib/alerts/destinations/db-destination-store';
import { openTestStore } from './store';

export async function openTestAlertStore(tenants: string[] = ['acme', 'globex']) {
  const store = await openTestStore();
  for (const id of tenants) await store.tenants.create({ id, name: id });
  return {
    store,
    alerts: new DbAlertStore(store.db),
    destinations: new DbDestinationStore(store.db),
    /** Forgets every webhook, destination, announced incident and delivery (between tests sharing the database). */
    clear: () => store.db.exec('delete from webhook_deliveries; delete from webhooks; delete from alert_destinations; delete from alert_incident_notices'),
    close: () => store.close(),
  };
}
