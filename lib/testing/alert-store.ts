/**
 * The app's alert store (webhooks and outbox in the app-state database) on a test database of
 * its own (lib/testing/store.ts: PGlite, or PostgreSQL under npm run test:postgres), with tenants.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DbAlertStore } from '@/lib/alerts/db-alert-store';
import { DbDestinationStore } from '@/lib/alerts/destinations/db-destination-store';
import { secretBox } from '@/lib/auth/secret-box';
import { openTestStore } from './store';

export async function openTestAlertStore(tenants: string[] = ['acme', 'globex']) {
  const store = await openTestStore();
  for (const id of tenants) await store.tenants.create({ id, name: id });
  return {
    store,
    alerts: new DbAlertStore(store.db),
    destinations: new DbDestinationStore(store.db, secretBox(['alert-store test secret, 32 characters or more'])),
    /** Forgets every webhook, destination, announced incident and delivery (between tests sharing the database). */
    clear: () => store.db.exec('delete from webhook_deliveries; delete from webhooks; delete from alert_destinations; delete from alert_incident_notices'),
    close: () => store.close(),
  };
}

/**
 * For a test file: one alert store for the whole file (`t.db`, opened before the first test),
 * emptied after each test once the test's `t.cleanups` (receivers, outboxes) have run.
 */
export function alertStoreForTests() {
  const t = { db: undefined as unknown as Awaited<ReturnType<typeof openTestAlertStore>>, cleanups: [] as (() => Promise<void>)[] };
  beforeAll(async () => {
    t.db = await openTestAlertStore();
  });
  afterAll(() => t.db?.close());
  afterEach(async () => {
    for (const c of t.cleanups.splice(0)) await c();
    await t.db.clear();
  });
  return t;
}

/** Waits until `check` holds, polling every 10 ms; throws after `timeoutMs`. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
