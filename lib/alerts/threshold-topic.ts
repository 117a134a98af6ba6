import 'server-only';
import { Admin } from '@platformatic/kafka';
import { FreshProducer } from '@/lib/ingest/fresh-producer';
import { THRESHOLDS_TOPIC, type ThresholdRecord } from './threshold-feed';

/**
 * The Kafka side of the threshold feed: creates the topic compacted if it is missing (Flink does
 * not, and an auto-created topic would not be compacted), then writes records with the broker's
 * acknowledgement from all replicas (a null value goes out as a tombstone; a failed send's retry goes
 * through a new client: FreshProducer). Created lazily on the first send, so a Kafka outage at start
 * becomes a retried send instead of a failed start.
 */
export function kafkaThresholdSink(brokers: string[], topic = THRESHOLDS_TOPIC) {
  const producer = new FreshProducer(brokers, 'pulseboard-thresholds');
  let created = false;

  async function ensureTopic(): Promise<void> {
    const admin = new Admin({ clientId: 'pulseboard-thresholds', bootstrapBrokers: brokers });
    try {
      if (!(await admin.listTopics()).includes(topic)) {
        await admin.createTopics({ topics: [topic], partitions: 1, configs: [{ name: 'cleanup.policy', value: 'compact' }] }).catch(async (err: Error) => {
          // Another instance may have created it in the meantime.
          if (!(await admin.listTopics()).includes(topic)) throw err;
        });
      }
      created = true;
    } finally {
      await admin.close();
    }
  }

  return {
    async send(records: ThresholdRecord[]): Promise<void> {
      if (!created) await ensureTopic();
      if (!records.length) return;
      await producer.send(records.map((r) => ({ topic, key: r.key, value: r.value ?? undefined, timestamp: BigInt(r.timestamp) })));
    },
    close: () => producer.close(),
  };
}
