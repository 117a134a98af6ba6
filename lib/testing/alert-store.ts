/**
 * The app's alert store (webhooks and outbox in the app-state database) on a test database of
 * its own (lib/testing/store.ts: PGlite, or PostgreSQL under npm run test:postgres), with tenants.
 */
import { DbAlertStore } from '@/lib/alerts/db-alert-store';
import { openTestStore } from './store';

export async function openTestAlertStore(tenants: string[] = ['acme', 'globex']) {
  const store = await openTestStore();
  for (const id of tenants) await store.tenants.create({ id, name: id });
  return {
    store,
    alerts: new DbAlertStore(store.db),
    /** Forgets every webhook and delivery (between tests sharing the database). */
    clear: () => store.db.exec('delete from webhook_deliveries; delete from webhooks'),
    close: () => store.close(),
  };
}
