/**
 * Kafka (three KRaft nodes, RF 3, min.insync.replicas 2) and a Flink session cluster (JobManager +
 * two TaskManagers, the enrich and alerts jobs submitted remotely) under a steady acks=all
 * idempotent load, with one kill -9 + restart at a time: a broker, the TaskManager running the
 * jobs, the JobManager. Asserts that every acknowledged event is in its topic exactly once (per
 * tenant, against the producer's log) and that the jobs' read_committed outputs hold every
 * expected record exactly once. Prints per fault the produce errors and the time to full
 * recovery, and the per-node capacity figures. cluster/kafka-flink.test.sh starts the cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_TENANTS } from '@/lib/auth/tenants';
import { Kafka, byTs, logins, type Received } from '@/flink/pipeline-kit';
import { lib, memory, probe, seconds, until } from './cluster-kit';

const BROKERS = (process.env.CLUSTER_KAFKA ?? '').split(',').filter(Boolean);
if (!BROKERS.length) throw new Error('CLUSTER_KAFKA is not set: run npm run test:cluster:kafka-flink, which starts the cluster');

const SENSORS = SAMPLE_TENANTS.flatMap((t) => t.sensors.map(([id, location, base]) => ({ id, tenant: t.id, location, base })));
const SENSOR = new Map(SENSORS.map((s) => [s.id, s]));
const W = 5 * 60_000; // login_spike window (config/alert-rules.json)
const EPISODE = 16; // windows per login episode: the spike in window 13, closed by windows 14 and 15
const SPIKE = { acme: 61, globex: 20, initech: 10 } as const; // only acme's passes its threshold (30)
const ACME_MIN_FAILURES = 30;
const DOWN_MS = 8000; // how long a killed node stays down

type Event = { key: string; value: string; id: string; tenant: string };
type Reading = { ts: number; tenant: string; sensor_id: string; location: string; temperature_c: number; temperature_f: number };
type Alert = { tenant: string; rule: string; window_start: number; value: number };

const figures: [string, string][] = [];
const note = (k: string, v: string) => {
  figures.push([k, v]);
  console.log(`[cluster] ${k}: ${v}`);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const readingId = (r: { sensor_id: string; ts: number }) => `${r.sensor_id}@${r.ts}`;
const loginId = (l: { tenant: string; ts: number; user: string }) => `${l.tenant}@${l.ts}@${l.user}`;

/** Occurrences of each id among the records, and the ids seen more than once. */
function tally(records: Received[], idOf: (v: never) => string) {
  const count = new Map<string, number>();
  for (const r of records) {
    const id = idOf(JSON.parse(r.value) as never);
    count.set(id, (count.get(id) ?? 0) + 1);
  }
  return { count, repeated: [...count].filter(([, n]) => n > 1).map(([id]) => id) };
}

describe('Kafka 3 brokers + Flink session cluster under kill -9', () => {
  const kafka = new Kafka(BROKERS);
  // The producer's log: event id -> tenant, acknowledged (acks=all) or failed sends.
  const acked = new Map<string, string>(), failed = new Map<string, string>();
  const stats = { sends: 0, errors: 0 };
  const sendLog: { at: number; ms: number }[] = []; // each send: when it started, how long it took
  let lastReading = '';
  let lastTs = 0, producing = true, loops: Promise<void>[] = [];
  const episodes: number[] = []; // each episode's first window start
  const t0 = Date.now();

  const nextTs = () => (lastTs = Math.max(lastTs + 1, Date.now()));
  const reading = (s: (typeof SENSORS)[number], ts = nextTs()): Event => ({ key: s.id, value: JSON.stringify({ sensor_id: s.id, temperature: s.base, timestamp: ts }), id: `${s.id}@${ts}`, tenant: s.tenant });

  async function send(topic: string, events: Event[]) {
    stats.sends++;
    const at = Date.now();
    try {
      await kafka.send(topic, events);
      sendLog.push({ at, ms: Date.now() - at });
      for (const e of events) acked.set(`${topic}:${e.id}`, e.tenant);
      if (topic === 'pulse.sensor_raw') lastReading = events.at(-1)!.id;
    } catch {
      stats.errors++; // not retried: a resend could write the event twice; the test tracks it as unacknowledged
      for (const e of events) failed.set(`${topic}:${e.id}`, e.tenant);
    }
  }

  /** Four readings of known sensors every 100 ms (keeps the enrichment's event time moving). */
  async function produceReadings() {
    for (let i = 0; producing; i++) {
      await send('pulse.sensor_raw', [0, 1, 2, 3].map((k) => reading(SENSORS[(i * 4 + k) % SENSORS.length]!)));
      await sleep(100);
    }
  }

  /** Login episodes of 16 windows (one window a second, event time in the past): one acme spike each. */
  async function produceLogins() {
    const start = Math.floor(Date.now() / W) * W - 200 * EPISODE * W;
    for (let k = 0; producing; k++) {
      const base = start + k * EPISODE * W;
      episodes.push(base);
      for (let w = 0; w < EPISODE; w++) {
        const spike = w === 13;
        const events = byTs(Object.entries(SPIKE).flatMap(([tenant, n]) => logins(base + w * W, W, tenant, spike ? n : 1)));
        await send('pulse.logins', events.map((e) => ({ ...e, id: loginId(JSON.parse(e.value)), tenant: e.key })));
        await sleep(1000);
      }
    }
  }

  /** Waits until the enriched reading `id` is readable (read_committed). A fresh consumer each
   *  time: a stream whose broker was killed under it has ended (pipeline-kit). */
  async function enriched(id: string, timeoutMs: number) {
    const out = await kafka.collect('pulse.sensor_readings');
    return until(`reading ${id} enriched`, () => out.some((r) => readingId(JSON.parse(r.value)) === id), timeoutMs);
  }

  beforeAll(async () => {
    loops = [produceReadings(), produceLogins()];
    await until('a first acknowledged reading', () => lastReading !== '', 60_000);
    await enriched(lastReading, 120_000);
  });

  afterAll(async () => {
    producing = false;
    await Promise.all(loops);
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
      const e0 = stats.errors, s0 = stats.sends, killedAt = Date.now();
      await lib(f.part, `${f.part}_kill9`, f.node);
      await sleep(DOWN_MS);
      await lib(f.part, `${f.part}_restart`, f.node);
      const restarted = Date.now() - killedAt;
      await until('every partition with 3 replicas in sync', () => probe('kafka', 'kafka_isr_full'), 180_000);
      const isr = Date.now() - killedAt;
      await until('both Flink jobs RUNNING', () => probe('flink', 'flink_jobs_running'), 240_000);
      const running = Date.now() - killedAt;
      const target = lastReading; // acknowledged before the jobs were back: must come out
      await enriched(target, 240_000);
      const back = Date.now() - killedAt;
      const sends = stats.sends - s0, errors = stats.errors - e0;
      const stall = Math.max(0, ...sendLog.filter((x) => x.at >= killedAt).map((x) => x.ms));
      note(`${f.name}: produce errors (kill -> full recovery)`, `${errors} of ${sends} sends (${((100 * errors) / sends).toFixed(1)} %), slowest acknowledged send ${seconds(stall)}`);
      note(`${f.name}: restarted / ISR 3 / jobs RUNNING / output caught up`, `${seconds(restarted)} / ${seconds(isr)} / ${seconds(running)} / ${seconds(back)} after the kill (down ${seconds(DOWN_MS)})`);
    }
  });

  it('capacity: broker produce rate, enrichment rate per slot, memory per JVM', async () => {
    // The enrichment job runs with parallelism 1, i.e. in one slot: a burst timed until its last
    // reading is readable (read_committed, so including the checkpoint that commits it).
    producing = false;
    await Promise.all(loops);
    const burst = Array.from({ length: 20_000 }, (_, i) => reading(SENSORS[i % SENSORS.length]!));
    const out = await kafka.collect('pulse.sensor_readings'); // joined before the clock starts
    const start = Date.now();
    for (let i = 0; i < burst.length; i += 2000) await send('pulse.sensor_raw', burst.slice(i, i + 2000));
    // One event 10 s later (an unknown sensor: a dead letter) moves the watermark past the burst.
    await kafka.send('pulse.sensor_raw', [{ key: 'flush', value: JSON.stringify({ sensor_id: 'flush-watermark', temperature: 0, timestamp: lastTs + 10_000 }) }]);
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
    const [raw, logs] = [await kafka.collect('pulse.sensor_raw'), await kafka.collect('pulse.logins')];
    const want = (topic: string) => [...acked.keys()].filter((k) => k.startsWith(`${topic}:`)).length;
    await until('the raw topics read back', () => raw.length >= want('pulse.sensor_raw') && logs.length >= want('pulse.logins'), 120_000);
    await sleep(3000); // anything duplicated would be there too
    for (const [topic, records, idOf] of [['pulse.sensor_raw', raw, (r: { sensor_id: string; timestamp: number }) => `${r.sensor_id}@${r.timestamp}`], ['pulse.logins', logs, loginId]] as const) {
      const { count, repeated } = tally(records.filter((r) => !r.value.includes('flush-watermark')), idOf as (v: never) => string);
      expect(repeated, `${topic}: duplicated`).toEqual([]);
      const mine = [...acked].filter(([k]) => k.startsWith(`${topic}:`));
      const missing = mine.filter(([k]) => !count.has(k.slice(topic.length + 1)));
      expect(missing, `${topic}: acknowledged but missing`).toEqual([]);
      // Anything beyond the acknowledged events is from a send that reported failure.
      const extra = [...count.keys()].filter((id) => !acked.has(`${topic}:${id}`));
      expect(extra.every((id) => failed.has(`${topic}:${id}`))).toBe(true);
      const perTenant = (ids: [string, string][]) => ids.reduce((m, [, t]) => m.set(t, (m.get(t) ?? 0) + 1), new Map<string, number>());
      note(`${topic}: acknowledged per tenant (all in the topic once)`, [...perTenant(mine)].map(([t, n]) => `${t} ${n}`).join(', '));
      note(`${topic}: failed sends' events that were written anyway`, `${extra.length} of ${[...failed.keys()].filter((k) => k.startsWith(`${topic}:`)).length}`);
    }

    // Enrichment: exactly one output per reading in the raw topic, values from the reference.
    const expected = raw.map((r) => JSON.parse(r.value)).filter((r) => SENSOR.has(r.sensor_id)).map((r) => `${r.sensor_id}@${r.timestamp}`);
    const out = await kafka.collect('pulse.sensor_readings');
    await until(`${expected.length} enriched readings`, () => out.length >= expected.length, 240_000).catch((e: Error) => {
      throw new Error(`${e.message}: have ${out.length}`);
    });
    await sleep(5000);
    const readings = out.map((r) => JSON.parse(r.value) as Reading);
    expect(tally(out, readingId as (v: never) => string).repeated).toEqual([]);
    expect(readings.map(readingId).sort()).toEqual(expected.sort());
    for (const r of readings) {
      expect([r.tenant, r.location]).toEqual([SENSOR.get(r.sensor_id)!.tenant, SENSOR.get(r.sensor_id)!.location]);
      expect(r.temperature_f).toBeCloseTo((r.temperature_c * 9) / 5 + 32, 2);
    }
    note('enriched readings, each exactly once (read_committed)', `${readings.length}`);

    // Alerts: one login_spike per episode whose spike window holds more than acme's threshold,
    // its value the failures counted in the topic; nothing else, nothing twice.
    const failures = new Map<number, number>();
    for (const r of logs) {
      const l = JSON.parse(r.value) as { ts: number; tenant: string; result: string };
      if (l.tenant === 'acme' && l.result === 'failure') failures.set(Math.floor(l.ts / W) * W, (failures.get(Math.floor(l.ts / W) * W) ?? 0) + 1);
    }
    const spikes = episodes.map((b) => b + 13 * W).filter((w) => (failures.get(w) ?? 0) > ACME_MIN_FAILURES);
    const alerts = await kafka.collect('pulse.alerts');
    await until(`${spikes.length} alerts`, () => alerts.length >= spikes.length, 120_000);
    await sleep(5000);
    const got = alerts.map((a) => JSON.parse(a.value) as Alert);
    expect(got.map((a) => `${a.tenant}/${a.rule}@${a.window_start}=${a.value}`).sort()).toEqual(spikes.map((w) => `acme/login_spike@${w}=${failures.get(w)}`).sort());
    note('login_spike alerts, each exactly once (read_committed)', `${got.length} (of ${episodes.length} episodes)`);
  });
});
