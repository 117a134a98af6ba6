/**
 * The alert notifier as a process of its own, for the crash test (lib/alerts/outbox-crash.pipeline.test.ts):
 * the app's own outbox, file store and Kafka notifier, configured by NOTIFIER_* variables.
 * Prints "ready" once consuming; SIGTERM stops it cleanly, SIGKILL is what the test sends.
 * Run: npx tsx --conditions react-server lib/testing/notifier-process.ts
 */
import { openAlertDelivery } from '@/lib/alerts/alert-delivery';
import { startAlertNotifier } from '@/lib/alerts/notifier';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const delivery = await openAlertDelivery({
  file: env('NOTIFIER_FILE'),
  outbound: { allowPrivate: true },
  outbox: { baseDelayMs: 200, maxDelayMs: 1_000, pollMs: 100, maxAttempts: 30 },
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
    process.exit(0);
  })();
});
