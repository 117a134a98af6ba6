import { Producer, ProduceAcks, stringSerializers } from '@platformatic/kafka';
import { topicOf } from './events';
import type { SampleTable } from './sample-sql';

const BATCH = 2_000;

/** Sends events as JSON, keyed by tenant so one tenant's events stay ordered within a partition. */
export class EventProducer {
  private readonly producer: Producer<string, string, string, string>;

  constructor(brokers: string[]) {
    this.producer = new Producer({
      clientId: 'pulseboard-producer',
      bootstrapBrokers: brokers,
      serializers: stringSerializers,
      idempotent: true,
    });
  }

  async send(table: SampleTable, events: Record<string, unknown>[]): Promise<number> {
    const topic = topicOf(table);
    for (let i = 0; i < events.length; i += BATCH) {
      await this.producer.send({
        acks: ProduceAcks.ALL,
        messages: events.slice(i, i + BATCH).map((e) => ({ topic, key: String(e.tenant), value: JSON.stringify(e) })),
      });
    }
    return events.length;
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
