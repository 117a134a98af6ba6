import { topicOf } from './events';
import { FreshProducer } from './fresh-producer';
import type { SampleTable } from './sample-sql';

const BATCH = 2_000;

/** Sends events as JSON, keyed by tenant so one tenant's events stay ordered within a partition
 *  (idempotent, acks=all; a failed send is not retried and the next one uses a new client: FreshProducer). */
export class EventProducer {
  private readonly producer: FreshProducer;

  constructor(brokers: string[]) {
    this.producer = new FreshProducer(brokers, 'pulseboard-producer');
  }

  async send(table: SampleTable, events: Record<string, unknown>[]): Promise<number> {
    const topic = topicOf(table);
    for (let i = 0; i < events.length; i += BATCH) {
      await this.producer.send(events.slice(i, i + BATCH).map((e) => ({ topic, key: String(e.tenant), value: JSON.stringify(e) })));
    }
    return events.length;
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
