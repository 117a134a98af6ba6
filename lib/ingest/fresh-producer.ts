import { Producer, ProduceAcks, defaultPartitioner, stringSerializers, type MessageToProduce } from '@platformatic/kafka';
import { CLOSE_MS, DeadlineError, closeQuietly, withDeadline } from './deadline';

type Message = MessageToProduce<string, string, string, string>;
type SendError = Error & { findBy?: (property: string, value: unknown) => unknown; produced?: { offsets?: { topic: string; partition: number }[] } };

/** The client's own attempts per send (a second apart) before the batch is sent again from fresh metadata. */
const CLIENT_RETRIES = 5;

/**
 * An idempotent acks=all producer for @platformatic/kafka 1.35, which after a leader change can
 * retry a send for ever: a batch refused twice with NOT_LEADER_OR_FOLLOWER (leadership moved
 * again, e.g. by the preferred-leader election that follows a broker's restart, while the client
 * refreshed its metadata) is retried — without end for an idempotent client — against the leader it
 * looked up before its first attempt. Here the client gives up after CLIENT_RETRIES, and the same
 * batch is sent again by the same client from fresh metadata: the client advances its sequence
 * numbers only for acknowledged batches, so the batch goes out with the same producer id and
 * sequence numbers, and the broker stores it once whichever attempt reached it.
 *
 * Each message gets its partition before the first attempt (as the client would pick it), so when
 * some partitions acknowledged and others did not, only the others' messages are sent again (their
 * sequence numbers did not move; the acknowledged partitions' did).
 *
 * A send fails (and the next one goes through a new client) on an error that is not retriable or
 * after `sendMs` in all. Not through the same client: its next batch would carry the failed one's
 * sequence numbers, which the broker can take for a duplicate of a written batch and acknowledge
 * without storing. Callers count a failed send as unacknowledged (it may have been written) and do
 * not send concurrently.
 */
export class FreshProducer {
  private producer: Producer<string, string, string, string>;

  constructor(
    private readonly brokers: string[],
    private readonly clientId: string,
    private readonly sendMs = 60_000,
  ) {
    this.producer = this.create();
  }

  async send(messages: Message[]): Promise<void> {
    const producer = this.producer;
    const until = Date.now() + this.sendMs;
    const left = () => Math.max(0, until - Date.now());
    const what = `Kafka send of ${messages.length} messages`;
    try {
      let pending = await withDeadline(partitioned(producer, messages), left(), what);
      for (;;) {
        try {
          await withDeadline(producer.send({ acks: ProduceAcks.ALL, messages: pending }), left(), what);
          return;
        } catch (err) {
          if (!sendAgain(err as SendError) || left() === 0) throw err;
          const acknowledged = new Set(((err as SendError).produced?.offsets ?? []).map((o) => `${o.topic}:${o.partition}`));
          pending = pending.filter((m) => !acknowledged.has(`${m.topic}:${m.partition}`));
          console.warn(`[kafka] ${this.clientId}: sending ${pending.length} of ${messages.length} messages again from fresh metadata (${(err as Error).message})`);
          producer.clearMetadata();
        }
      }
    } catch (err) {
      if (this.producer === producer) {
        this.producer = this.create();
        // In the background: its own retries end with it, and a close that never settles is left behind.
        void closeQuietly(() => producer.close(), 'closing a failed Kafka producer');
      }
      throw err;
    }
  }

  close(): Promise<void> {
    return withDeadline(this.producer.close(), CLOSE_MS, 'closing the Kafka producer');
  }

  private create() {
    return new Producer({ clientId: this.clientId, bootstrapBrokers: this.brokers, serializers: stringSerializers, idempotent: true, retries: CLIENT_RETRIES });
  }
}

/** Whether the same client may send the batch's unacknowledged part again: every error retriable, and the client done with it. */
export function sendAgain(err: SendError): boolean {
  if (err instanceof DeadlineError || typeof err.findBy !== 'function') return false;
  return !err.findBy('canRetry', false);
}

/** The messages with the partitions the client would pick (its default partitioner on the serialized key). */
async function partitioned(producer: Producer<string, string, string, string>, messages: Message[]): Promise<Message[]> {
  const { topics } = await producer.metadata({ topics: [...new Set(messages.map((m) => m.topic))] });
  return messages.map((m) => (m.partition !== undefined ? m : { ...m, partition: defaultPartitioner(m, m.key === undefined ? undefined : Buffer.from(m.key)) % topics.get(m.topic)!.partitionsCount }));
}
