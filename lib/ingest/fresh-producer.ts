import { Producer, ProduceAcks, stringSerializers, type MessageToProduce } from '@platformatic/kafka';
import { withDeadline } from './deadline';

type Message = MessageToProduce<string, string, string, string>;

const CLOSE_MS = 10_000;

/**
 * An idempotent acks=all producer that starts over with a new client after any failed send, and
 * gives each send a deadline. Both for @platformatic/kafka 1.35 after a broker restart:
 * - a send can stay unsettled: an idempotent client retries without end, against the partition
 *   leader it looked up before the first attempt;
 * - a failed send may have been written anyway, but the client advances its sequence numbers only
 *   for acknowledged batches. Its next batch of the same size on that partition then carries the
 *   written one's sequence numbers, and the broker answers it as a duplicate: acknowledged, not
 *   stored. A new client has a new producer id, so nothing it sends is taken for an older batch.
 * Callers count a failed send as unacknowledged (it may have been written) and do not send
 * concurrently (one batch in flight, as idempotence wants anyway).
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
    try {
      await withDeadline(producer.send({ acks: ProduceAcks.ALL, messages }), this.sendMs, `Kafka send of ${messages.length} messages`);
    } catch (err) {
      if (this.producer === producer) {
        this.producer = this.create();
        closeQuietly(producer);
      }
      throw err;
    }
  }

  close(): Promise<void> {
    return withDeadline(this.producer.close(), CLOSE_MS, 'closing the Kafka producer');
  }

  private create() {
    return new Producer({ clientId: this.clientId, bootstrapBrokers: this.brokers, serializers: stringSerializers, idempotent: true });
  }
}

/** Closes a client that failed, in the background: its own retries end with it, and a close that never settles is left behind. */
function closeQuietly(producer: Producer<string, string, string, string>) {
  withDeadline(Promise.resolve().then(() => producer.close()), CLOSE_MS, 'closing a failed Kafka producer').catch(() => {});
}
