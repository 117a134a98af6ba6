import { Producer, ProduceAcks, stringSerializers, type MessageToProduce } from '@platformatic/kafka';
import { DeadlineError, withDeadline } from './deadline';

type Message = MessageToProduce<string, string, string, string>;
type SendError = Error & { findBy?: (property: string, value: unknown) => unknown; produced?: { offsets?: unknown[] } };

const CLOSE_MS = 10_000;
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
 * A send fails (and the next one goes through a new client) on an error that is not retriable,
 * when part of the batch was acknowledged (its partitions' sequence numbers moved on, so sending
 * the rest again as one batch is not safe), or after `sendMs` in all. Not through the same
 * client: its next batch would carry the failed one's sequence numbers, which the broker can take
 * for a duplicate of a written batch and acknowledge without storing. Callers count a failed send
 * as unacknowledged (it may have been written) and do not send concurrently.
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
    for (;;) {
      try {
        await withDeadline(producer.send({ acks: ProduceAcks.ALL, messages }), Math.max(0, until - Date.now()), `Kafka send of ${messages.length} messages`);
        return;
      } catch (err) {
        if (!sendAgain(err as SendError) || Date.now() >= until) {
          if (this.producer === producer) {
            this.producer = this.create();
            closeQuietly(producer);
          }
          throw err;
        }
        producer.clearMetadata();
      }
    }
  }

  close(): Promise<void> {
    return withDeadline(this.producer.close(), CLOSE_MS, 'closing the Kafka producer');
  }

  private create() {
    return new Producer({ clientId: this.clientId, bootstrapBrokers: this.brokers, serializers: stringSerializers, idempotent: true, retries: CLIENT_RETRIES });
  }
}

/** Whether the same client may send the same batch again: every error retriable, nothing acknowledged, and the client done with it. */
export function sendAgain(err: SendError): boolean {
  if (err instanceof DeadlineError || typeof err.findBy !== 'function') return false;
  return !err.findBy('canRetry', false) && !err.produced?.offsets?.length;
}

/** Closes a client that failed, in the background: its own retries end with it, and a close that never settles is left behind. */
function closeQuietly(producer: Producer<string, string, string, string>) {
  withDeadline(Promise.resolve().then(() => producer.close()), CLOSE_MS, 'closing a failed Kafka producer').catch(() => {});
}
