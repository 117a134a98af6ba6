import 'server-only';
import { Consumer, MessagesStreamFallbackModes, MessagesStreamModes, stringDeserializers } from '@platformatic/kafka';
import { closeConsumer } from '@/lib/ingest/close-consumer';
import { closeQuietly, withDeadline } from '@/lib/ingest/deadline';
import { topicOf } from '@/lib/ingest/events';
import { AlertEventSchema } from './alert-event';
import type { DestinationAnnouncer } from './destinations/announcer';
import { alertHref } from './links';
import type { Outbox } from './outbox';
import type { WebhookRegistry } from './webhooks';

/** What the notifier needs of a consumed message: its text and a way to commit past it. */
export type AlertMessage = { value: string; commit(): void | Promise<void> };

type NotifyDeps = { outbox: Outbox; webhooks: WebhookRegistry; publicUrl: string; announcer?: Pick<DestinationAnnouncer, 'alert'> };

function parseAlert(value: string) {
  try {
    const parsed = AlertEventSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The notifier's loop over any source of alert messages, one at a time: an alert for a tenant
 * with a webhook or matching destinations is stored in the outbox, and only then is the message committed. A crash
 * between the two re-reads the alert, which becomes the same delivery (its id comes from the
 * alert), so nothing is lost and nothing is doubled in the outbox.
 */
export async function notifyFrom(source: AsyncIterable<AlertMessage>, deps: NotifyDeps): Promise<void> {
  for await (const m of source) {
    const alert = parseAlert(m.value);
    if (alert && (await deps.webhooks.get(alert.tenant))) {
      const href = new URL(alertHref(alert), deps.publicUrl).toString();
      await deps.outbox.accept([{ tenant: alert.tenant, identity: alert, payload: { type: 'alert', alert, href } }]);
    }
    // E-mail, Slack and PagerDuty destinations whose severities include the alert's.
    if (alert) await deps.announcer?.alert(alert);
    await m.commit();
  }
}

const JOIN_MS = 60_000;

/**
 * Turns alerts on the `pulse.alerts` topic (written by the Flink jobs, transactionally) into
 * outbox deliveries. Reading committed only: an alert of an aborted Flink transaction never
 * notifies anyone. A consumer group without committed offsets starts at the end of the topic
 * (`startAt: 'latest'`), so a new deployment does not replay old alerts. If reading or storing
 * fails, the consumer starts over from its committed offsets, with a new client (a new
 * coordinator lookup) each time.
 */
export async function startAlertNotifier(opts: NotifyDeps & { brokers: string[]; groupId?: string; topic?: string; startAt?: 'latest' | 'earliest' }) {
  let stopped = false;
  let close: (() => Promise<void>) | undefined;

  async function open() {
    const consumer = new Consumer({
      groupId: opts.groupId ?? 'pulseboard-notifier',
      clientId: 'pulseboard-notifier',
      bootstrapBrokers: opts.brokers,
      deserializers: stringDeserializers,
      // A restarted notifier rejoins only once its killed predecessor's session ends: keep it short.
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
    });
    try {
      const joined = consumer.consume({
        topics: [opts.topic ?? topicOf('alerts')],
        mode: MessagesStreamModes.COMMITTED,
        fallbackMode: opts.startAt === 'earliest' ? MessagesStreamFallbackModes.EARLIEST : MessagesStreamFallbackModes.LATEST,
        isolationLevel: 1,
        autocommit: false,
      });
      const stream = await withDeadline(joined, JOIN_MS, 'joining the notifier group');
      close = async () => {
        await closeQuietly(() => stream.close(), 'closing the stream');
        await closeConsumer(consumer, 'notifier');
      };
      return stream;
    } catch (err) {
      await closeConsumer(consumer, 'notifier');
      throw err;
    }
  }

  const first = await open();
  const loop = (async () => {
    let stream: Awaited<ReturnType<typeof open>> | undefined = first;
    while (!stopped) {
      try {
        stream ??= await open();
        await notifyFrom(stream, opts);
      } catch (err) {
        if (!stopped) console.error('[notifier] starting over from the committed offsets:', (err as Error).message);
      }
      if (stopped) break;
      await close?.(); // never rejects (closeConsumer): the loop goes on
      stream = undefined;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      await close?.();
      await loop;
    },
  };
}
