// `npm run produce`: streams the deterministic sample events into Kafka, the same events the
// embedded engine generates for itself. History first, then (with --live) one tick a second.
//
//   npm run produce -- --days 1                      last day of history, ending now
//   npm run produce -- --from 2026-11-20T00:00:00Z --to 2026-11-21T00:00:00Z --anchor 2026-11-21T00:00:00Z
//   npm run produce -- --days 0 --live --scale 10     live only, 10x the cluster streams
import { parseArgs } from 'node:util';
import { EventProducer } from '@/lib/ingest/kafka-producer';
import { SampleEventSource } from '@/lib/ingest/sample-events';
import { sampleTables } from '@/lib/ingest/sample-sql';

const { values: args } = parseArgs({
  options: {
    brokers: { type: 'string', default: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092' },
    from: { type: 'string' },
    to: { type: 'string' },
    anchor: { type: 'string' },
    days: { type: 'string', default: '1' },
    live: { type: 'boolean', default: false },
    scale: { type: 'string', default: '1' },
  },
});

const sec = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const nowSec = Math.floor(Date.now() / 1000);
const endSec = args.to ? sec(args.to) : nowSec;
const startSec = args.from ? sec(args.from) : endSec - Number(args.days) * 86_400;
const anchorSec = args.anchor ? sec(args.anchor) : endSec;
if (![startSec, endSec, anchorSec].every(Number.isFinite) || endSec < startSec) {
  console.error('produce: --from/--to/--anchor must be ISO instants with from <= to');
  process.exit(2);
}

const source = await SampleEventSource.create(Number(args.scale));
const producer = new EventProducer(args.brokers.split(','));

async function produceWindow(from: number, to: number, step: number): Promise<number> {
  let total = 0;
  for (const table of sampleTables()) total += await producer.send(table, await source.events(table, from, to, step, anchorSec));
  return total;
}

// History in minute steps up to the last whole minute, then seconds up to the end.
const minute = endSec - (endSec % 60);
const started = performance.now();
let sent = 0;
if (minute > startSec) sent += await produceWindow(startSec, minute, 60);
sent += await produceWindow(Math.max(startSec, minute), endSec, 1);
const seconds = (performance.now() - started) / 1000;
console.log(`produced ${sent} events in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)} events/s)`);

if (args.live) {
  let last = endSec;
  console.log('live: one tick a second; Ctrl-C to stop');
  const timer = setInterval(async () => {
    const now = Math.floor(Date.now() / 1000);
    if (now <= last) return;
    const from = last;
    last = now;
    await produceWindow(from, now, 1).catch((err) => console.error('produce failed', err));
  }, 1000);
  process.on('SIGINT', () => {
    clearInterval(timer);
    void producer.close().then(() => process.exit(0));
  });
} else {
  await producer.close();
  source.close();
}
