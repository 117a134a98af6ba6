import 'server-only';
import { Consumer, MessagesStreamModes, MessagesStreamFallbackModes, stringDeserializers, type Message } from '@platformatic/kafka';
import { EVENT_SCHEMAS, topicOf } from '@/lib/ingest/events';
import type { WebhookDispatcher } from './dispatcher';
import { alertHref } from './links';
import type { WebhookRegistry } from './webhooks';

/**
 * Turns alerts on the `pulse.alerts` topic (written by the Flink jobs, transactionally) into
 * webhook deliveries. Reading committed only: an alert of an aborted Flink transaction never
 * notifies anyone. Delivery is handed to the dispatcher, so this loop never waits on a receiver.
 */
export async function startAlertNotifier(opts: {
  brokers: string[];
  registry: WebhookRegistry;
  dispatcher: WebhookDispatcher;
  publicUrl: string;
  groupId?: string;
}) {
  const consumer = new Consumer({
    groupId: opts.groupId ?? 'pulseboard-notifier',
    clientId: 'pulseboard-notifier',
    bootstrapBrokers: opts.brokers,
    deserializers: stringDeserializers,
  });
  const stream = await consumer.consume({
    topics: [topicOf('alerts')],
    mode: MessagesStreamModes.COMMITTED,
    fallbackMode: MessagesStreamFallbackModes.LATEST,
    isolationLevel: 1,
    autocommit: 1_000,
  });
  stream.on('data', (m: Message<string, string, string, string>) => {
    let parsed;
    try {
      parsed = EVENT_SCHEMAS.alerts.safeParse(JSON.parse(m.value));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const alert = parsed.data;
    const hook = opts.registry.get(alert.tenant);
    if (!hook) return;
    opts.dispatcher.enqueue(alert.tenant, hook, { type: 'alert', alert, href: new URL(alertHref(alert), opts.publicUrl).toString() });
  });
  return {
    stop: async () => {
      await stream.close().catch(() => {});
      await new Promise<void>((resolve) => consumer.close(true, () => resolve()));
    },
  };
}
