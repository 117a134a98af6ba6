// Publishes the sample tenants' sensor reference (lib/auth/tenants.ts) to the compacted topic
// pulse.sensor_locations that the Flink enrichment job joins against (key = sensor_id).
//   npx tsx --conditions react-server flink/publish-sensors.ts [--brokers 127.0.0.1:9092]
// Records carry Kafka timestamp 0: the enrichment job's temporal join treats a reference record
// as valid from its timestamp on, and the sample reference is meant to cover all history.
import { parseArgs } from 'node:util';
import { Producer, ProduceAcks, stringSerializers } from '@platformatic/kafka';
import { SAMPLE_TENANTS } from '@/lib/auth/tenants';

const { values: args } = parseArgs({
  options: { brokers: { type: 'string', default: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092' } },
});

const producer = new Producer({
  clientId: 'pulseboard-sensor-reference',
  bootstrapBrokers: args.brokers.split(','),
  serializers: stringSerializers,
  idempotent: true,
});
const messages = SAMPLE_TENANTS.flatMap((t) =>
  t.sensors.map(([sensorId, location]) => ({
    topic: 'pulse.sensor_locations',
    key: sensorId,
    value: JSON.stringify({ sensor_id: sensorId, tenant: t.id, location }),
    timestamp: 0n,
  })),
);
try {
  await producer.send({ acks: ProduceAcks.ALL, messages });
  console.log(`published ${messages.length} sensor locations to pulse.sensor_locations`);
} finally {
  await producer.close();
}
