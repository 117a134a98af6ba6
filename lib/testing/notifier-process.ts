/**
 * The alert notifier as a process of its own, for the crash test (lib/alerts/outbox-crash.pipeline.test.ts):
 * the app's own outbox, database alert store and Kafka notifier, configured by NOTIFIER_* variables
 * (NOTIFIER_PGLITE_DIR: the app-state database, an embedded PGlite directory).
 * Prints "ready" once consuming; SIGTERM stops it cleanly, SIGKILL is what the test sends.
 * Run: npx tsx --conditions react-server lib/testing/notifier-process.ts
 */
import { openAlertDelivery } from '@/lib/alerts/alert-delivery';
import { DbAlertStore } from '@/lib/alerts/db-alert-store';
import { startAlertNotifier } from '@/lib/alerts/notifier';
import { openStore } from '@/lib/store/store';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const store = await openStore({ pgliteDir: env('NOTIFIER_PGLITE_DIR') });
const delivery = openAlertDelivery({
  store: new DbAlertStore(store.db),
  outbound: { allowPrivate: true },
  // How long a claim holds: a killed instance's claims come back after it (the app's 60 s outlasts this test).
  outbox: { baseDelayMs: 200, maxDelayMs: 1_000, pollMs: 100, maxAttempts: 30, leaseMs: Number(env('NOTIFIER_LEASE_MS')) },
});
delivery.outbox.start();
const notifier = await startAlertNotifier({
  ...delivery,
  brokers: env('NOTIFIER_BROKERS').split(','),
  topic: env('NOTIFIER_TOPIC'),
  groupId: env('NOTIFIER_GROUP'),
  startAt: 'earliest',
  publicUrl: 'https://pulse.example.com',
});
console.log('ready');
process.on('SIGTERM', () => {
  void (async () => {
    await notifier.stop();
    await delivery.outbox.stop();
    await store.close();
    process.exit(0);
  })();
});
