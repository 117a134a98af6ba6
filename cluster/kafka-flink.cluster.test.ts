/**
 * Kafka (three KRaft nodes, RF 3, min.insync.replicas 2) and a Flink session cluster (JobManager +
 * two TaskManagers, the enrich and alerts jobs submitted remotely) under a steady acks=all
 * idempotent load, with one kill -9 + restart at a time: a broker, the TaskManager running the
 * jobs, the JobManager. Asserts that every acknowledged event is in its topic exactly once (per
 * tenant, against the producer's log) and that the jobs' read_committed outputs hold every
 * expected record exactly once. Prints per fault the produce errors and the time to full
 * recovery, and the per-node capacity figures. cluster/kafka-flink.test.sh starts the cluster.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { lib, memory, probe, seconds, until } from './cluster-kit';
import { expectAlertsPerEpisode, expectEnrichedExactlyOnce, expectRawExactlyOnce, formatPerTenant } from '@/flink/pipeline-checks';
import { PipelineLoad, SENSORS, readingId } from '@/flink/pipeline-load';

const BROKERS = (process.env.CLUSTER_KAFKA ?? '').split(',').filter(Boolean);
if (!BROKERS.length) throw new Error('CLUSTER_KAFKA is not set: run npm run test:cluster:kafka-flink, which starts the cluster');

const DOWN_MS = 8000; // how long a killed node stays down
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const figures: [string, string][] = [];
const note = (k: string, v: string) => {
  figures.push([k, v]);
  console.log(`[cluster] ${k}: ${v}`);
};

describe('Kafka 3 brokers + Flink session cluster under kill -9', () => {
  const load = new PipelineLoad(BROKERS);
  const kafka = load.kafka;
  const t0 = Date.now();

  beforeAll(async () => {
    load.start();
    await until('a first acknowledged reading', () => load.lastReading !== '', 60_000);
    await load.enriched(load.lastReading, 120_000);
  });

  afterAll(async () => {
    await load.stop();
    await kafka.close().catch(() => {});
    console.log(`\nKafka + Flink cluster figures (suite ${seconds(Date.now() - t0)}):\n${figures.map(([k, v]) => `  ${k.padEnd(64)} ${v}`).join('\n')}\n`);
  });

  it('kill -9 a broker, the TaskManager running the jobs, the JobManager: each back in full', async () => {
    const tm = (await lib('flink', 'flink_job_tms', 'enrich')).split('\n')[0]!;
    const faults = [
      { name: 'Kafka broker 2', part: 'kafka', node: '2' },
      { name: `Flink TaskManager ${tm} (running the jobs)`, part: 'flink', node: tm },
      { name: 'Flink JobManager', part: 'flink', node: 'jm' },
    ];
    for (const f of faults) {
      const e0 = load.stats.errors, s0 = load.stats.sends, killedAt = Date.now();
      await lib(f.part, `${f.part}_kill9`, f.node);
      await sleep(DOWN_MS);
      await lib(f.part, `${f.part}_restart`, f.node);
      const restarted = Date.now() - killedAt;
      await until('every partition with 3 replicas in sync', () => probe('kafka', 'kafka_isr_full'), 180_000);
      const isr = Date.now() - killedAt;
      await until('both Flink jobs RUNNING', () => probe('flink', 'flink_jobs_running'), 240_000);
      const running = Date.now() - killedAt;
      const target = load.lastReading; // acknowledged before the jobs were back: must come out
      await load.enriched(target, 240_000);
      const back = Date.now() - killedAt;
      const sends = load.stats.sends - s0, errors = load.stats.errors - e0;
      const stall = load.slowestSince(killedAt);
      note(`${f.name}: produce errors (kill -> full recovery)`, `${errors} of ${sends} sends (${((100 * errors) / sends).toFixed(1)} %), slowest acknowledged send ${seconds(stall)}`);
      note(`${f.name}: restarted / ISR 3 / jobs RUNNING / output caught up`, `${seconds(restarted)} / ${seconds(isr)} / ${seconds(running)} / ${seconds(back)} after the kill (down ${seconds(DOWN_MS)})`);
    }
  });

  it('capacity: broker produce rate, enrichment rate per slot, memory per JVM', async () => {
    // The enrichment job runs with parallelism 1, i.e. in one slot: a burst timed until its last
    // reading is readable (read_committed, so including the checkpoint that commits it).
    await load.stop();
    const burst = Array.from({ length: 20_000 }, (_, i) => load.reading(SENSORS[i % SENSORS.length]!));
    const out = await kafka.collect('pulse.sensor_readings'); // reading before the clock starts
    const start = Date.now();
    for (let i = 0; i < burst.length; i += 2000) await load.send('pulse.sensor_raw', burst.slice(i, i + 2000));
    await load.flush();
    const last = burst.at(-1)!.id;
    await until('the burst enriched', () => out.some((r) => readingId(JSON.parse(r.value)) === last), 240_000);
    note('Flink enrichment, one slot (20k burst, produce + commit)', `${Math.round(20_000 / ((Date.now() - start) / 1000))} records/s`);

    const perf = await lib('kafka', 'kafka_perf', '200000');
    note('Kafka ProducerPerformance, 3 partitions RF3 acks=all (cluster)', perf.replace(/\s+/g, ' '));
    note('  (every broker stores every partition: one broker sustains the same)', `${/([\d.]+) records\/sec/.exec(perf)?.[1] ?? '?'} records/s`);
    for (const n of ['1', '2', '3']) note(`JVM kafka ${n} (Xmx 512m)`, await memory('kafka', n));
    for (const n of ['jm', 'tm1', 'tm2', 'submitter']) note(`JVM flink ${n}`, await memory('flink', n));
  });

  it('every acknowledged event is in its topic exactly once, per tenant', async () => {
    const { raw, logins } = await expectRawExactlyOnce(load);
    for (const [topic, t] of [['pulse.sensor_raw', raw], ['pulse.logins', logins]] as const) {
      note(`${topic}: acknowledged per tenant (all in the topic once)`, formatPerTenant(t.acked));
      note(`${topic}: failed sends' events that were written anyway`, `${t.writtenAnyway} of ${t.failed}`);
    }
    const readings = await expectEnrichedExactlyOnce(load, raw.records);
    note('enriched readings, each exactly once (read_committed)', `${readings.length}`);
    const alerts = await expectAlertsPerEpisode(load, logins.records);
    note('login_spike alerts, each exactly once (read_committed)', `${alerts.length} (of ${load.episodes.length} episodes)`);
  });
});
